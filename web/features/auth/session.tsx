import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { asApiError, onUnauthenticated, type ApiError } from '../../lib/http';
import { fetchMe, type Me } from './api';

type SessionState =
  | { status: 'loading' }
  /** `notice` says why a session ended on its own (idle or absolute timeout). */
  | { status: 'ready'; me: Me | null; notice?: ApiError }
  | { status: 'error'; error: ApiError };

function signedOut(error: ApiError): SessionState {
  return { status: 'ready', me: null, notice: error.code === 'session_expired' ? error : undefined };
}

interface Session {
  state: SessionState;
  /** Asks the server again who we are (after a password change, TOTP enrolment…). */
  reload: () => Promise<void>;
  setMe: (me: Me | null) => void;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const reload = useCallback(async () => {
    try {
      setState({ status: 'ready', me: await fetchMe() });
    } catch (err) {
      const error = asApiError(err);
      setState(error.status === 401 ? signedOut(error) : { status: 'error', error });
    }
  }, []);

  const setMe = useCallback((me: Me | null) => setState({ status: 'ready', me }), []);

  useEffect(() => {
    void reload();
    return onUnauthenticated((error) => setState(signedOut(error)));
  }, [reload]);

  const value = useMemo(() => ({ state, reload, setMe }), [state, reload, setMe]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
