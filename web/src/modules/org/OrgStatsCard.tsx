// Member statistics of an organisation's subtree (GET /api/v1/orgs/{id}/stats): a few numbers and
// small bars. Shows 暂无数据 while the endpoint is not there or has nothing to say.
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Flex, Progress, Row, Skeleton, Statistic, Typography, theme } from 'antd';
import { api } from '../../api/client';
import type { OrgStats } from './orgs';

const AGE_LABEL: Record<string, string> = { '-35': '35岁及以下', '36-45': '36–45岁', '46-55': '46–55岁', '56-60': '56–60岁', '61-': '61岁及以上' };
const PARTY_AGE_LABEL: Record<string, string> = { '-5': '5年及以下', '6-10': '6–10年', '11-20': '11–20年', '21-30': '21–30年', '31-': '31年及以上' };

function Bars({ title, data, labels }: { title: string; data: Record<string, number> | undefined; labels?: Record<string, string> }) {
  const entries = Object.entries(data ?? {});
  const total = entries.reduce((s, [, n]) => s + n, 0);
  // Progress draws in colorInfo (blue) by default; the app's charts use its primary red.
  const { token } = theme.useToken();
  return (
    <div>
      <Typography.Text strong>{title}</Typography.Text>
      {total === 0 ? (
        <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>暂无数据</Typography.Paragraph>
      ) : (
        entries.map(([k, n]) => (
          <Flex key={k} align="center" gap={8}>
            <span style={{ width: 84, flex: 'none', fontSize: 12 }}>{labels?.[k] ?? k}</span>
            <Progress percent={Math.round((n / total) * 100)} size="small" showInfo={false} strokeColor={token.colorPrimary} style={{ flex: 1, margin: 0 }} />
            <span style={{ width: 36, textAlign: 'right', fontSize: 12 }}>{n}</span>
          </Flex>
        ))
      )}
    </div>
  );
}

export function OrgStatsCard({ orgId }: { orgId: string }) {
  const stats = useQuery({
    queryKey: ['orgs', 'stats', orgId],
    queryFn: ({ signal }) => api.get<OrgStats>(`/api/v1/orgs/${orgId}/stats`, undefined, signal),
    retry: false,
  });
  const s = stats.data;
  return (
    <Card title="党员统计（含下级组织）" size="small">
      {stats.isPending ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : !s || stats.isError ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无数据" />
      ) : (
        <Flex vertical gap={16}>
          <Row gutter={[16, 8]}>
            <Col xs={8} md={4}><Statistic title="党员总数" value={s.total} /></Col>
            <Col xs={8} md={4}><Statistic title="正式党员" value={s.byType?.full ?? 0} /></Col>
            <Col xs={8} md={4}><Statistic title="预备党员" value={s.byType?.probationary ?? 0} /></Col>
            <Col xs={8} md={4}><Statistic title="男" value={s.byGender?.male ?? 0} /></Col>
            <Col xs={8} md={4}><Statistic title="女" value={s.byGender?.female ?? 0} /></Col>
          </Row>
          <Row gutter={[24, 16]}>
            <Col xs={24} md={8}><Bars title="年龄" data={s.byAgeBand} labels={AGE_LABEL} /></Col>
            <Col xs={24} md={8}><Bars title="学历" data={s.byEducation} /></Col>
            <Col xs={24} md={8}><Bars title="党龄" data={s.byPartyAge} labels={PARTY_AGE_LABEL} /></Col>
          </Row>
        </Flex>
      )}
    </Card>
  );
}
