import { Suspense, useCallback, useEffect, useMemo } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Result } from 'antd';
import { api, errorMessage, isApiError } from '../../api/client';
import { ME_KEY, SessionContext, fetchMe, hasPermission, useSession, type Session } from '../session';
import { allPages, type NavPage } from '../nav';
import { PageLoading } from '../PageLoading';
import { AppLayout } from './AppLayout';
import { ForbiddenPage, NotFoundPage } from './ErrorPages';

const APP_NAME = '社区党建管控系统';

function GuardedPage({ page }: { page: NavPage }) {
  const { can } = useSession();
  const allowed = can(page.permission);
  useEffect(() => {
    document.title = `${allowed ? page.label : '无权访问'} - ${APP_NAME}`;
  }, [allowed, page.label]);
  if (!allowed) return <ForbiddenPage />;
  const Page = page.page;
  return (
    <Suspense fallback={<PageLoading />}>
      <Page />
    </Suspense>
  );
}

function NotFoundRoute() {
  useEffect(() => {
    document.title = `页面不存在 - ${APP_NAME}`;
  }, []);
  return <NotFoundPage />;
}

/** Everything behind login: loads /auth/me, provides the session, renders the layout and pages. */
export default function ProtectedShell() {
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const meQuery = useQuery({
    queryKey: ME_KEY,
    queryFn: ({ signal }) => fetchMe(signal),
    staleTime: 5 * 60_000,
  });
  const me = meQuery.data;
  const { refetch } = meQuery;

  const logout = useCallback(async () => {
    try {
      await api.post('/api/v1/auth/logout');
    } catch {
      // The session may already be gone; leaving is what the user asked for.
    }
    await Promise.resolve(navigate('/login', { replace: true }));
    queryClient.clear();
  }, [navigate, queryClient]);

  const refresh = useCallback(async () => {
    await refetch();
  }, [refetch]);

  const session = useMemo<Session | null>(
    () => (me ? { me, can: (p) => hasPermission(me, p), refresh, logout } : null),
    [me, refresh, logout],
  );

  if (meQuery.isPending) return <PageLoading fullScreen />;
  if (meQuery.isError || !session) {
    const e = meQuery.error;
    if (isApiError(e) && e.status === 401) {
      // The API client is already taking the user to the login page for these two codes.
      if (e.code === 'SESSION_EXPIRED' || e.code === 'UNAUTHENTICATED') return <PageLoading fullScreen />;
      return <Navigate to="/login" replace />;
    }
    return (
      <Result
        status="error"
        title="无法加载用户信息"
        subTitle={errorMessage(e)}
        extra={
          <Button type="primary" onClick={() => void refetch()}>
            重试
          </Button>
        }
      />
    );
  }
  if (session.me.user.mustChangePassword && location.pathname !== '/change-password') {
    return <Navigate to="/change-password" replace />;
  }

  return (
    <SessionContext.Provider value={session}>
      <AppLayout>
        <Routes>
          {allPages().map(({ page }) =>
            page.path === '/' ? (
              <Route key="/" index element={<GuardedPage page={page} />} />
            ) : (
              <Route key={page.path} path={page.path.slice(1)} element={<GuardedPage page={page} />} />
            ),
          )}
          <Route path="*" element={<NotFoundRoute />} />
        </Routes>
      </AppLayout>
    </SessionContext.Provider>
  );
}
