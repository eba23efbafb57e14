import { useCallback, useEffect, useRef, useState } from 'react';
import { asApiError, type ApiError, type Page } from './http';

export interface CursorList<T> {
  items: T[];
  /** The first page is loading (show a skeleton). */
  isLoading: boolean;
  isLoadingMore: boolean;
  error: ApiError | null;
  hasMore: boolean;
  loadMore: () => void;
  reload: () => void;
}

/**
 * Keeps the pages of a cursor-paginated list. A change of `key` (the serialised filters) starts
 * over from the first page; answers to superseded requests are dropped.
 */
export function useCursorList<T>(key: string, fetchPage: (cursor: string | null) => Promise<Page<T>>): CursorList<T> {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [isLoading, setIsLoading] = useState(true);
  const [isLoadingMore, setIsLoadingMore] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [generation, setGeneration] = useState(0);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;
  const requestId = useRef(0);

  useEffect(() => {
    const id = ++requestId.current;
    setIsLoading(true);
    setError(null);
    fetchRef.current(null).then(
      (page) => {
        if (id !== requestId.current) return;
        setItems(page.items);
        setCursor(page.next_cursor);
        setIsLoading(false);
      },
      (err: unknown) => {
        if (id !== requestId.current) return;
        setItems([]);
        setCursor(null);
        setError(asApiError(err));
        setIsLoading(false);
      },
    );
  }, [key, generation]);

  const loadMore = useCallback(() => {
    if (!cursor || isLoadingMore) return;
    const id = requestId.current;
    setIsLoadingMore(true);
    fetchRef.current(cursor).then(
      (page) => {
        if (id !== requestId.current) return;
        setItems((prev) => [...prev, ...page.items]);
        setCursor(page.next_cursor);
        setIsLoadingMore(false);
      },
      (err: unknown) => {
        if (id !== requestId.current) return;
        setError(asApiError(err));
        setIsLoadingMore(false);
      },
    );
  }, [cursor, isLoadingMore]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  return { items, isLoading, isLoadingMore, error, hasMore: cursor !== null, loadMore, reload };
}
