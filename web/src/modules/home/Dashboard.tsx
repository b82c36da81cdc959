// The 工作台's figures: one request for the chosen organisation (default: the user's highest), one card per module
// the user may see, every number a link to the list behind it. Cards come from the server's registry, so a module
// added later shows here without a change to this file.
import { useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Flex, Row, Skeleton, Tag, Typography } from 'antd';
import { api, errorMessage } from '../../api/client';
import type { ApiResponse } from '../../api/types';
import { useSession } from '../../app/session';
import { ScopeOrgTreeSelect } from '../members/orgPickers';

type DashboardView = ApiResponse<'/api/v1/dashboard'>;
type CardView = DashboardView['cards'][number];

const TONE: Record<string, string> = { red: '#cf1322', yellow: '#d48806', green: '#389e0d' };

function Figures({ card }: { card: CardView }) {
  return (
    <Row gutter={[8, 12]}>
      {card.figures.map((f) => {
        const body = (
          <Flex vertical>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{f.label}</Typography.Text>
            <span style={{ fontSize: 24, fontWeight: 600, lineHeight: 1.3, color: f.tone ? TONE[f.tone] : undefined }}>
              {f.value ?? '-'}<span style={{ fontSize: 12, fontWeight: 400, marginLeft: 2 }}>{f.unit}</span>
            </span>
          </Flex>
        );
        return <Col key={f.label} span={12}>{f.link ? <Link to={f.link} aria-label={`${card.title}：${f.label} ${f.value ?? '-'}${f.unit}`}>{body}</Link> : body}</Col>;
      })}
    </Row>
  );
}

/** Plain bars (no chart library on the home page: it stays light on a phone). */
function Bars({ items }: { items: { label: string; value: number }[] }) {
  const max = Math.max(1, ...items.map((i) => i.value));
  return (
    <Flex vertical gap={4} style={{ marginTop: 12 }}>
      {items.map((i) => (
        <Flex key={i.label} align="center" gap={8} style={{ fontSize: 12 }}>
          <span style={{ width: 72, flex: 'none', color: 'rgba(0,0,0,0.55)' }}>{i.label}</span>
          <div style={{ flex: 1, minWidth: 0, background: '#f5f5f5', height: 10, borderRadius: 5 }}>
            <div style={{ width: `${(100 * i.value) / max}%`, background: '#c8161d', height: 10, borderRadius: 5 }} />
          </div>
          <span style={{ width: 32, flex: 'none', textAlign: 'right' }}>{i.value}</span>
        </Flex>
      ))}
    </Flex>
  );
}

function DashCard({ card }: { card: CardView }) {
  return (
    <Card
      size="small" style={{ height: '100%' }} data-card={card.key}
      title={<Link to={card.link || '#'} style={{ color: 'inherit' }}>{card.title}</Link>}
      extra={card.period && <Tag>{card.period}</Tag>}
    >
      {card.unavailable ? <Typography.Text type="secondary">暂时无法统计，请稍后刷新</Typography.Text> : (
        <>
          <Figures card={card} />
          {card.chart && <Bars items={card.chart.items} />}
          {card.lines.length > 0 && (
            <Flex vertical gap={4} style={{ marginTop: 12 }}>
              {card.lines.map((l) => (
                <Link key={l.link} to={l.link} data-tone={l.tone ?? undefined} style={{ fontSize: 13 }}>
                  <span style={{ display: 'inline-block', width: 8, height: 8, borderRadius: 4, marginRight: 6, background: l.tone ? TONE[l.tone] : '#999' }} />
                  <span data-label>{l.label}</span><Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 6 }}>{l.note}</Typography.Text>
                </Link>
              ))}
            </Flex>
          )}
        </>
      )}
    </Card>
  );
}

export function Dashboard() {
  const { can } = useSession();
  const [orgId, setOrgId] = useState<string | undefined>();
  const board = useQuery({
    queryKey: ['dashboard', orgId ?? null],
    queryFn: ({ signal }) => api.get<DashboardView>('/api/v1/dashboard', { orgId }, signal),
    staleTime: 30_000,
  });
  if (board.isError) return <Alert type="error" showIcon message={errorMessage(board.error)} />;
  if (board.data && (board.data.org === null || board.data.cards.length === 0)) return null;
  return (
    <Card
      title={board.data ? `${board.data.org!.name} · 数据概览` : '数据概览'}
      extra={can('org.read') && (
        <ScopeOrgTreeSelect style={{ width: 220, maxWidth: '45vw' }} aria-label="选择党组织" placeholder="切换党组织" value={orgId} onChange={setOrgId} allowClear />
      )}
    >
      {board.isPending ? <Skeleton active /> : (
        <Row gutter={[16, 16]}>
          {board.data!.cards.map((c) => <Col key={c.key} xs={24} md={12} xl={6}><DashCard card={c} /></Col>)}
        </Row>
      )}
    </Card>
  );
}
