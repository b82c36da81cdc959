import { lazy, Suspense } from 'react';
import { createBrowserRouter } from 'react-router';
import { setAuthHandler } from '../api/client';
import { queryClient } from './queryClient';
import { ME_KEY } from './session';
import { PageLoading } from './PageLoading';

// Only the login page and the authenticated shell are known here; the shell lazily loads
// the layout and builds the page routes from nav.tsx, so /login never downloads them.
const LoginPage = lazy(() => import('../modules/auth/LoginPage'));
const ProtectedShell = lazy(() => import('./layout/ProtectedShell'));
// The 大屏 of a wall screen: no session and no app shell, its own chunk (never part of /login's download).
const DisplayScreenPage = lazy(() => import('../modules/display/DisplayScreenPage'));

export const router = createBrowserRouter([
  {
    path: '/login',
    element: (
      <Suspense fallback={<PageLoading fullScreen />}>
        <LoginPage />
      </Suspense>
    ),
  },
  {
    path: '/display/:token',
    element: (
      <Suspense fallback={null}>
        <DisplayScreenPage />
      </Suspense>
    ),
  },
  {
    path: '*',
    element: (
      <Suspense fallback={<PageLoading fullScreen />}>
        <ProtectedShell />
      </Suspense>
    ),
  },
]);

let redirectingToLogin = false;

// The API client reports unusable sessions here; we move the user to the right page.
setAuthHandler((event) => {
  const { pathname, search } = router.state.location;
  if (event.kind === 'login') {
    if (pathname === '/login' || redirectingToLogin) return;
    redirectingToLogin = true;
    const params = new URLSearchParams();
    if (event.reason) params.set('reason', event.reason);
    const from = pathname + search;
    if (from !== '/' && pathname !== '/change-password') params.set('from', from);
    const qs = params.toString();
    void router.navigate(qs ? `/login?${qs}` : '/login', { replace: true }).finally(() => {
      redirectingToLogin = false;
      // Nothing of the previous session may stay visible to the next user.
      queryClient.clear();
    });
  } else {
    if (pathname === '/change-password') return;
    void queryClient.invalidateQueries({ queryKey: ME_KEY });
    void router.navigate('/change-password', { replace: true });
  }
});
