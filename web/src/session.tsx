import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api, type Principal } from './api/client.ts';
import { setCityTimeZone } from './format.ts';

type SessionState = {
  readonly principal: Principal | null;
  readonly loading: boolean;
  readonly can: (permission: string) => boolean;
  readonly refresh: () => Promise<void>;
  readonly signOut: () => Promise<void>;
};

const SessionContext = createContext<SessionState | null>(null);

/** Who is logged in (from the session cookie), and what they may do. */
export function SessionProvider({ children }: { readonly children: ReactNode }) {
  const [principal, setPrincipal] = useState<Principal | null>(null);
  const [loading, setLoading] = useState(true);
  const refresh = useCallback(async () => {
    // Never a 401 (which browsers log as a console error): the state route answers both ways.
    const { data } = await api.GET('/api/session/state');
    if (data?.timeZone) setCityTimeZone(data.timeZone);
    setPrincipal(data?.signedIn && data.user ? data.user : null);
    setLoading(false);
  }, []);
  const signOut = useCallback(async () => {
    await api.DELETE('/api/session');
    setPrincipal(null);
  }, []);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  const can = useCallback(
    (permission: string) => principal?.permissions.includes(permission) ?? false,
    [principal],
  );
  return (
    <SessionContext.Provider value={{ principal, loading, can, refresh, signOut }}>
      {children}
    </SessionContext.Provider>
  );
}

export function useSession(): SessionState {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}
