import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { AccountMe } from '../features/auth/api';
import { listGrantRoots, type GrantRoot } from '../features/auth/permissions';

interface CurrentRoot {
  /** The grant root the console works under; null for an account without grants. */
  root: GrantRoot | null;
  roots: GrantRoot[];
  setRoot: (orgId: number) => void;
}

const CurrentRootContext = createContext<CurrentRoot | null>(null);

function storageKey(me: AccountMe): string {
  return `gonghui.admin.root.${me.id}`;
}

function readStored(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function CurrentRootProvider({ me, children }: { me: AccountMe; children: ReactNode }) {
  const roots = useMemo(() => listGrantRoots(me), [me]);
  const key = storageKey(me);
  const [stored, setStored] = useState(() => readStored(key));
  // A stored choice whose grant was since removed falls back to the first grant.
  const root = roots.find((r) => String(r.org_id) === stored) ?? roots[0] ?? null;

  const setRoot = useCallback(
    (orgId: number) => {
      setStored(String(orgId));
      try {
        localStorage.setItem(key, String(orgId));
      } catch {
        // Without storage the choice lasts for this page only.
      }
    },
    [key],
  );

  const value = useMemo(() => ({ root, roots, setRoot }), [root, roots, setRoot]);
  return <CurrentRootContext.Provider value={value}>{children}</CurrentRootContext.Provider>;
}

export function useCurrentRoot(): CurrentRoot {
  const value = useContext(CurrentRootContext);
  if (!value) throw new Error('useCurrentRoot outside CurrentRootProvider');
  return value;
}
