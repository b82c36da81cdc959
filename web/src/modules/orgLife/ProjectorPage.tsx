// 投屏签到: a large, clean page for the projector at the activity — title, the QR code, the live count
// (refreshed every 3 s) and the latest names. The server changes the code every 30 s (a forwarded photo stops
// working), so the page fetches the next one when the server says this one is replaced.
import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Flex, Grid, Result, Spin, Typography } from 'antd';
import { FullscreenOutlined } from '@ant-design/icons';
import { api, errorMessage } from '../../api/client';
import { formatInstantMinute, formatInstantRange } from '../../lib/time';
import { ORG_LIFE_KEY } from './api';
import { activityUrl, type QrAnswer, type SignInStatus as StatusAnswer } from './types';

const time = (iso: string) => formatInstantMinute(iso).slice(11);

export default function ProjectorPage() {
  const { id = '' } = useParams();
  const screens = Grid.useBreakpoint();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 10_000);
    return () => clearInterval(t);
  }, []);

  const qr = useQuery({
    queryKey: [...ORG_LIFE_KEY, 'qr', id],
    queryFn: ({ signal }) => api.get<QrAnswer>(activityUrl(id, 'qr'), undefined, signal),
    // Fetched again just after the server's next code starts (the browser's clock may differ a little from the
    // server's; the previous code is still accepted meanwhile), at the latest one step from now.
    refetchInterval: (q) => {
      const d = q.state.data;
      if (!d) return 5_000;
      const step = d.refreshSeconds * 1000;
      const left = new Date(d.refreshAt).getTime() - Date.now() + 500;
      return left > 1_000 && left <= step ? left : step;
    },
    refetchIntervalInBackground: true,
    retry: 1,
  });
  const status = useQuery({
    queryKey: [...ORG_LIFE_KEY, 'signInStatus', id],
    queryFn: ({ signal }) => api.get<StatusAnswer>(activityUrl(id, 'sign-in-status'), undefined, signal),
    refetchInterval: 3_000,
    refetchIntervalInBackground: true,
  });

  if (qr.isError && !qr.data) {
    return <Result status="warning" title="无法显示签到码" subTitle={errorMessage(qr.error)} />;
  }
  if (!qr.data) return <Spin size="large" style={{ display: 'block', margin: '120px auto' }} />;

  const q = qr.data;
  const s = status.data;
  const expected = s?.expected ?? q.expected;
  const present = s?.present ?? q.present;
  const notYet = now < new Date(q.validFrom).getTime();
  const closed = now > new Date(q.validUntil).getTime();
  const big = screens.lg !== false;
  // The sign-in URL on this server (the absolute one from the server may name a host the phones cannot reach).
  const signInPath = `/sign-in?token=${encodeURIComponent(q.token)}`;
  const signInUrl = `${window.location.origin}${signInPath}`;

  // Covers the app's menu and header: only the activity shows on the projector.
  return (
    <Flex
      vertical
      align="center"
      gap={big ? 24 : 16}
      style={{ position: 'fixed', inset: 0, zIndex: 900, overflow: 'auto', background: '#fff', padding: big ? 32 : 16 }} data-testid="projector">
      <Flex justify="flex-end" style={{ width: '100%' }}>
        <Button icon={<FullscreenOutlined />} onClick={() => void document.documentElement.requestFullscreen?.()}>
          全屏
        </Button>
      </Flex>
      <Typography.Title level={1} style={{ margin: 0, textAlign: 'center', fontSize: big ? 40 : 26, color: '#c8161d' }}>
        {s?.title ?? ''}
      </Typography.Title>
      {(notYet || closed) && (
        <Alert
          type="warning"
          showIcon
          title={notYet ? `签到将于 ${formatInstantMinute(q.validFrom)} 开始` : `签到已于 ${formatInstantMinute(q.validUntil)} 结束`}
        />
      )}
      <Flex wrap justify="center" align="center" gap={big ? 64 : 24} style={{ width: '100%' }}>
        <Flex vertical align="center" gap={12}>
          <div
            role="img"
            aria-label="签到二维码"
            data-sign-in-url={signInUrl}
            style={{ width: big ? 420 : 280, height: big ? 420 : 280, opacity: closed ? 0.3 : 1 }}
            className="org-life-qr"
            // The server renders the SVG from the URL only; it carries no user input.
            dangerouslySetInnerHTML={{ __html: q.svg.replace('<svg', '<svg width="100%" height="100%"') }}
          />
          <Typography.Text style={{ fontSize: big ? 28 : 20 }} strong>
            请使用手机扫码签到
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            签到时间：{formatInstantRange(q.validFrom, q.validUntil)}
          </Typography.Text>
          <Typography.Link href={signInPath} target="_blank" style={{ fontSize: 12 }} data-testid="sign-in-link" copyable={{ text: signInUrl, tooltips: ['复制签到链接', '已复制'] }}>
            签到链接
          </Typography.Link>
        </Flex>
        <Flex vertical align="center" gap={16} style={{ minWidth: 260 }}>
          <div style={{ fontSize: big ? 36 : 24 }} data-testid="live-count" aria-live="polite">
            已签到 <strong style={{ fontSize: big ? 72 : 44, color: '#c8161d' }}>{present}</strong> / 应到 {expected}
          </div>
          {!!s?.visitors && <Typography.Text style={{ fontSize: 20 }}>列席 {s.visitors} 人</Typography.Text>}
          {s?.rate !== null && s?.rate !== undefined && (
            <Typography.Text type="secondary" style={{ fontSize: 20 }}>
              出勤率 {s.rate}%
            </Typography.Text>
          )}
          <Flex vertical gap={6} style={{ fontSize: big ? 22 : 16 }} data-testid="recent">
            {(s?.recent ?? []).map((r) => (
              <span key={`${r.name}-${r.at}`}>
                {time(r.at)} {r.name}
                {r.status === 'visitor' ? '（列席）' : ''} 已签到
              </span>
            ))}
          </Flex>
          {status.isError && <Typography.Text type="danger">{errorMessage(status.error)}（正在重试）</Typography.Text>}
        </Flex>
      </Flex>
    </Flex>
  );
}
