// Who is signed in: loads GET /auth/me on start (a session cookie survives a reload; the CSRF token and whether the
// password must be changed come back with it), keeps the CSRF token in memory, and offers sign-in and sign-out.
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError, api, setCsrfToken, whenSignedOut } from './api/client.ts';
import type { SignedInUser } from './api/types.ts';
import { setAgencyTimeZone } from './format.ts';

interface Session {
  user: SignedInUser | null;
  loading: boolean;
  signIn(email: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  passwordChanged(): void;
}

const SessionContext = createContext<Session | null>(null);

type MeResponse = SignedInUser & { csrfToken?: string };

/** Provides the session to the app. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [user, setUser] = useState<SignedInUser | null>(null);
  const [loading, setLoading] = useState(true);

  const adopt = useCallback((me: MeResponse | null, csrf?: string) => {
    setCsrfToken(csrf ?? null);
    setAgencyTimeZone(me?.agency?.timeZone);
    setUser(me);
  }, []);

  useEffect(() => {
    whenSignedOut(() => {
      adopt(null);
      queryClient.clear();
    });
    api<MeResponse>('GET', '/auth/me')
      .then((me) => adopt(me, me.csrfToken))
      .catch(() => adopt(null))
      .finally(() => setLoading(false));
  }, [adopt, queryClient]);

  const signIn = useCallback(
    async (email: string, password: string) => {
      const result = await api<{ csrfToken: string; user: SignedInUser }>('POST', '/auth/login', { email, password });
      setCsrfToken(result.csrfToken);
      let me: MeResponse = result.user;
      try {
        me = await api<MeResponse>('GET', '/auth/me');
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
      }
      adopt(me, result.csrfToken);
    },
    [adopt],
  );

  const signOut = useCallback(async () => {
    try {
      await api('POST', '/auth/logout');
    } finally {
      adopt(null);
      queryClient.clear();
    }
  }, [adopt, queryClient]);

  const passwordChanged = useCallback(() => setUser((u) => (u ? { ...u, mustChangePassword: false } : u)), []);

  return (
    <SessionContext.Provider value={{ user, loading, signIn, signOut, passwordChanged }}>
      {children}
    </SessionContext.Provider>
  );
}

/** The current session. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** The signed-in user (screens behind sign-in only). */
export function useUser(): SignedInUser {
  const { user } = useSession();
  if (!user) throw new Error('useUser while signed out');
  return user;
}
