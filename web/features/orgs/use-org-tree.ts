import { useCallback, useEffect, useRef, useState, type Dispatch, type SetStateAction } from 'react';
import { asApiError, type ApiError } from '../../lib/http';
import { fetchOrg, listOrgs, type OrgListItem } from './api';

const PAGE_SIZE = 100;

export interface ChildPage {
  items: OrgListItem[];
  next_cursor: string | null;
}

export interface OrgTreeState {
  root: OrgListItem | null;
  rootError: ApiError | null;
  /** Loaded children by parent id; a parent absent here has not been opened yet. */
  children: ReadonlyMap<number, ChildPage>;
  expandedKeys: number[];
  setExpandedKeys: Dispatch<SetStateAction<number[]>>;
  loadChildren: (parentId: number) => Promise<void>;
  loadMoreChildren: (parentId: number) => Promise<void>;
  /** Reads a parent's first page again (after a create or a move) and refreshes its own row. */
  refreshParent: (parentId: number) => Promise<void>;
  replaceOrg: (org: OrgListItem) => void;
  /** Opens the branches down to an org, given its ancestors root first. */
  reveal: (ancestorIds: number[]) => Promise<void>;
  retryRoot: () => void;
}

function replaceIn(page: ChildPage, org: OrgListItem): ChildPage {
  return { ...page, items: page.items.map((item) => (item.id === org.id ? org : item)) };
}

/**
 * The lazily loaded tree under one grant root. Children come a page at a time from
 * `GET /orgs?parent_id=`, so a county with thousands of grassroots unions stays responsive.
 */
export function useOrgTree(rootId: number): OrgTreeState {
  const [root, setRoot] = useState<OrgListItem | null>(null);
  const [rootError, setRootError] = useState<ApiError | null>(null);
  const [children, setChildren] = useState<Map<number, ChildPage>>(() => new Map());
  const [expandedKeys, setExpandedKeys] = useState<number[]>([rootId]);
  const [attempt, setAttempt] = useState(0);
  // Async steps (reveal) need the latest map, not the one captured by their closure.
  const childrenRef = useRef(children);
  childrenRef.current = children;

  const storePage = useCallback((parentId: number, page: ChildPage, append: boolean) => {
    setChildren((prev) => {
      const next = new Map(prev);
      const old = prev.get(parentId);
      next.set(
        parentId,
        append && old ? { items: [...old.items, ...page.items], next_cursor: page.next_cursor } : page,
      );
      return next;
    });
  }, []);

  const loadChildren = useCallback(
    async (parentId: number) => {
      if (childrenRef.current.has(parentId)) return;
      const page = await listOrgs({ parent_id: parentId, limit: PAGE_SIZE });
      storePage(parentId, page, false);
    },
    [storePage],
  );

  const loadMoreChildren = useCallback(
    async (parentId: number) => {
      const cursor = childrenRef.current.get(parentId)?.next_cursor;
      if (!cursor) return;
      const page = await listOrgs({ parent_id: parentId, cursor, limit: PAGE_SIZE });
      storePage(parentId, page, true);
    },
    [storePage],
  );

  const replaceOrg = useCallback((org: OrgListItem) => {
    setRoot((prev) => (prev && prev.id === org.id ? org : prev));
    setChildren((prev) => {
      if (org.parent_id === null) return prev;
      const page = prev.get(org.parent_id);
      if (!page) return prev;
      const next = new Map(prev);
      next.set(org.parent_id, replaceIn(page, org));
      return next;
    });
  }, []);

  const refreshParent = useCallback(
    async (parentId: number) => {
      const [parent, page] = await Promise.all([
        fetchOrg(parentId),
        listOrgs({ parent_id: parentId, limit: PAGE_SIZE }),
      ]);
      replaceOrg(parent);
      storePage(parentId, page, false);
    },
    [replaceOrg, storePage],
  );

  const reveal = useCallback(
    async (ancestorIds: number[]) => {
      const start = ancestorIds.indexOf(rootId);
      if (start < 0) return;
      const branch = ancestorIds.slice(start);
      for (const id of branch) await loadChildren(id);
      setExpandedKeys((prev) => [...new Set([...prev, ...branch])]);
    },
    [rootId, loadChildren],
  );

  useEffect(() => {
    let live = true;
    setRootError(null);
    Promise.all([fetchOrg(rootId), listOrgs({ parent_id: rootId, limit: PAGE_SIZE })]).then(
      ([org, page]) => {
        if (!live) return;
        setRoot(org);
        storePage(rootId, page, false);
      },
      (err: unknown) => live && setRootError(asApiError(err)),
    );
    return () => {
      live = false;
    };
  }, [rootId, attempt, storePage]);

  const retryRoot = useCallback(() => setAttempt((n) => n + 1), []);

  return {
    root,
    rootError,
    children,
    expandedKeys,
    setExpandedKeys,
    loadChildren,
    loadMoreChildren,
    refreshParent,
    replaceOrg,
    reveal,
    retryRoot,
  };
}
