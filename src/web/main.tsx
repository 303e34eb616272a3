// Entry of the staff console: the query cache, the session, the live region and the router. Signed-out visitors see
// the sign-in screen at whatever address they opened, and land there after signing in.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { ApiError } from './api/client.ts';
import { AnnouncerProvider } from './components/announcer.tsx';
import { SessionProvider, useSession } from './session.tsx';
import { router } from './router.tsx';
import { SignInScreen } from './screens/sign-in/sign-in-screen.tsx';
import { ChangePasswordScreen } from './screens/sign-in/change-password-screen.tsx';
import './styles.css';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
    },
  },
});

function App() {
  const { user, loading } = useSession();
  if (loading) {
    return (
      <main id="main" className="centered">
        <h1>civicdesk</h1>
        <p role="status">Loading…</p>
      </main>
    );
  }
  if (!user) return <SignInScreen />;
  if (user.mustChangePassword) return <ChangePasswordScreen />;
  return <RouterProvider router={router} />;
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <AnnouncerProvider>
        <SessionProvider>
          <App />
        </SessionProvider>
      </AnnouncerProvider>
    </QueryClientProvider>
  </StrictMode>,
);
