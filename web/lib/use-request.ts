import { useCallback, useEffect, useRef, useState } from 'react';
import { asApiError, type ApiError } from './http';

export interface RequestState<T> {
  data: T | null;
  error: ApiError | null;
  isLoading: boolean;
  reload: () => void;
  /** Replaces the data with what a write answered, without asking again. */
  setData: (data: T) => void;
}

/** Loads one thing; a change of `key` loads it again and drops answers to superseded requests. */
export function useRequest<T>(key: string | null, load: () => Promise<T>): RequestState<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [isLoading, setIsLoading] = useState(key !== null);
  const [generation, setGeneration] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const requestId = useRef(0);

  useEffect(() => {
    const id = ++requestId.current;
    if (key === null) {
      setIsLoading(false);
      return;
    }
    setIsLoading(true);
    setError(null);
    loadRef.current().then(
      (value) => {
        if (id !== requestId.current) return;
        setData(value);
        setIsLoading(false);
      },
      (err: unknown) => {
        if (id !== requestId.current) return;
        setError(asApiError(err));
        setIsLoading(false);
      },
    );
  }, [key, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { data, error, isLoading, reload, setData };
}
