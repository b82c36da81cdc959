// 统计排名: for an organisation's subtree and a date range (default the current quarter): totals, the ranking
// of organisations by weighted score (published level weights) with those below their quota flagged, the
// published manuscripts by level, the correspondents' ranking, and the Excel workbook of both tables.
import { lazy, Suspense, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { Alert, Button, Card, Col, DatePicker, Empty, Flex, Row, Segmented, Skeleton, Statistic, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { DownloadOutlined, WarningOutlined } from '@ant-design/icons';
import { api, errorMessage } from '../../api/client';
import { PageContainer } from '../../components/PageContainer';
import { useDownload } from '../../components/useDownload';
import { ScopeOrgTreeSelect } from '../members/orgPickers';
import { orgKindLabel, today } from '../org/orgs';
import { PUBLICITY_KEY } from './api';
import { usePhone } from './parts';
import { LEVELS, LEVEL_LABEL, STATS_URL, type Level, type PublicityStats, type StatsCorrespondent, type StatsOrg } from './types';
import { ResponsiveTable } from '../../components/ResponsiveTable';

const PublicityChart = lazy(() => import('./PublicityChart'));

function quarterOf(d: Dayjs): [Dayjs, Dayjs] {
  const start = d.month(Math.floor(d.month() / 3) * 3).startOf('month');
  return [start, start.add(2, 'month').endOf('month')];
}

const COUNTS_LABEL: Record<string, string> = { submitted: '投稿', adopted: '采用', published: '刊发' };

const quality = (v: number | null) => (v === null || v === undefined ? '-' : v.toFixed(1));

export default function PublicityStatsPage() {
  const phone = usePhone();
  // The 工作台's card links here with ?orgId (a below-quota organisation or the card's own).
  const [params] = useSearchParams();
  const [orgId, setOrgId] = useState<string | undefined>(() => params.get('orgId') ?? undefined);
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const [chart, setChart] = useState<'ranking' | 'levels'>('ranking');
  const { downloading, start } = useDownload();
  const from = range?.[0].format('YYYY-MM-DD');
  const to = range?.[1].format('YYYY-MM-DD');

  const stats = useQuery({
    queryKey: [...PUBLICITY_KEY, 'stats', orgId ?? null, from ?? null, to ?? null],
    queryFn: ({ signal }) => api.get<PublicityStats>(STATS_URL, { orgId, from, to }, signal),
    placeholderData: keepPreviousData,
  });
  const s = stats.data;
  const countsName = s?.quota.countsName ?? COUNTS_LABEL[s?.quota.counts ?? 'adopted'] ?? '采用';

  const totals = useMemo(() => {
    const orgs = s?.orgs ?? [];
    return {
      submitted: orgs.reduce((n, o) => n + o.submitted, 0),
      adopted: orgs.reduce((n, o) => n + o.adopted, 0),
      published: orgs.reduce((n, o) => n + o.published, 0),
      below: orgs.filter((o) => o.belowQuota).length,
    };
  }, [s]);

  const orgColumns: ColumnsType<StatsOrg> = [
    { title: '排名', dataIndex: 'rank', className: 'col-rank', align: 'center', width: 56, fixed: phone ? undefined : 'left' },
    {
      title: '组织',
      dataIndex: 'orgName',
      className: 'col-org',
      fixed: phone ? undefined : 'left',
      render: (name: string, o) => (
        <Flex vertical>
          <Typography.Text type={o.belowQuota ? 'danger' : undefined} style={{ whiteSpace: 'nowrap' }}>
            {name}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {orgKindLabel(o.kind)}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: '投稿', dataIndex: 'submitted', className: 'col-submitted', align: 'right' },
    { title: '采用', dataIndex: 'adopted', className: 'col-adopted', align: 'right' },
    { title: '刊发', dataIndex: 'published', className: 'col-published', align: 'right' },
    {
      title: '刊发级别',
      key: 'levels',
      children: LEVELS.map((l: Level) => ({
        title: LEVEL_LABEL[l],
        key: `level-${l}`,
        align: 'right' as const,
        render: (_: unknown, o: StatsOrg) => o.byLevel?.[l] ?? 0,
      })),
    },
    { title: '平均质量', dataIndex: 'averageQuality', align: 'right', render: quality },
    {
      title: '加权得分',
      dataIndex: 'weighted',
      className: 'col-weighted',
      align: 'right',
      render: (v: number) => <Typography.Text strong>{v}</Typography.Text>,
    },
    {
      title: `定额（${countsName}）`,
      key: 'quota',
      className: 'col-quota',
      render: (_: unknown, o) =>
        o.quotaTarget > 0 ? (
          <Flex gap={6} align="center" style={{ whiteSpace: 'nowrap' }}>
            <span>
              {o.counted} / {o.quotaTarget}
            </span>
            {o.belowQuota ? (
              <Tooltip title={`定额每期 ${o.quota} 篇 × ${o.quotaPeriods} 期，差 ${Math.max(0, o.quotaTarget - o.counted)} 篇`}>
                <Tag color="error" icon={<WarningOutlined />} style={{ marginInlineEnd: 0 }}>
                  未完成
                </Tag>
              </Tooltip>
            ) : (
              <Tag color="success" style={{ marginInlineEnd: 0 }}>
                已完成
              </Tag>
            )}
          </Flex>
        ) : (
          <Typography.Text type="secondary">无定额</Typography.Text>
        ),
    },
  ];

  const correspondentColumns: ColumnsType<StatsCorrespondent> = [
    { title: '排名', dataIndex: 'rank', className: 'col-rank', align: 'center', width: 56 },
    { title: '通讯员', dataIndex: 'name', className: 'col-name', render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{v}</span> },
    { title: '组织', dataIndex: 'orgName', render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{v}</span> },
    { title: '投稿', dataIndex: 'submitted', align: 'right' },
    { title: '采用', dataIndex: 'adopted', align: 'right' },
    { title: '刊发', dataIndex: 'published', align: 'right' },
    { title: '平均质量', dataIndex: 'averageQuality', align: 'right', render: quality },
    { title: '加权得分', dataIndex: 'weighted', className: 'col-weighted', align: 'right', render: (v: number) => <Typography.Text strong>{v}</Typography.Text> },
  ];

  const now = dayjs(today());
  const presets: { label: string; value: [Dayjs, Dayjs] }[] = [
    { label: '本季度', value: quarterOf(now) },
    { label: '上季度', value: quarterOf(now.subtract(3, 'month')) },
    { label: '今年', value: [now.startOf('year'), now.endOf('year')] },
    { label: '去年', value: [now.subtract(1, 'year').startOf('year'), now.subtract(1, 'year').endOf('year')] },
  ];
  const shownRange: [Dayjs, Dayjs] | null = range ?? (s ? [dayjs(s.from), dayjs(s.to)] : null);
  const quotaRule = s?.quota.note;

  return (
    <PageContainer
      title="统计排名"
      subTitle="各组织与通讯员的投稿、采用、刊发、级别分布与质量；按加权得分排名，未完成定额的组织在图中以金色标出。"
      extra={
        <Button
          icon={<DownloadOutlined />}
          loading={downloading}
          disabled={!s}
          onClick={() => void start(STATS_URL, { orgId, from: s?.from, to: s?.to, format: 'xlsx' }, `宣传统计-${s?.from ?? ''}至${s?.to ?? ''}.xlsx`)}
        >
          导出 Excel
        </Button>
      }
    >
      <Card size="small">
        <Row gutter={[12, 12]}>
          <Col xs={24} md={10}>
            <ScopeOrgTreeSelect aria-label="统计组织" placeholder="统计组织（默认：我的范围）" style={{ width: '100%' }} value={orgId} onChange={(v: string | undefined) => setOrgId(v)} />
          </Col>
          <Col xs={24} md={14}>
            <DatePicker.RangePicker
              aria-label="统计期间"
              allowClear={false}
              style={{ width: '100%' }}
              value={shownRange}
              presets={presets}
              onChange={(v) => {
                if (v?.[0] && v[1]) setRange([v[0], v[1]]);
              }}
            />
          </Col>
          <Col xs={24}>
            <Flex gap={8} wrap>
              {presets.map((p) => (
                <Button key={p.label} size="small" onClick={() => setRange(p.value)}>
                  {p.label}
                </Button>
              ))}
            </Flex>
          </Col>
        </Row>
        {quotaRule && (
          <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8, fontSize: 12 }}>
            {quotaRule}
          </Typography.Text>
        )}
      </Card>

      {stats.isError && <Alert type="error" showIcon title={errorMessage(stats.error)} />}

      {!s ? (
        stats.isPending && <Skeleton active />
      ) : (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title="投稿" value={totals.submitted} suffix="篇" />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title="采用" value={totals.adopted} suffix="篇" />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title="刊发" value={totals.published} suffix="篇" />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title="未完成定额组织" value={totals.below} suffix="个" styles={{ content: totals.below > 0 ? { color: '#cf1322' } : undefined }} />
              </Card>
            </Col>
          </Row>

          <Card
            size="small"
            title={chart === 'ranking' ? '组织排名（加权得分）' : '刊发级别分布'}
            extra={
              <Segmented
                size="small"
                value={chart}
                onChange={(v) => setChart(v as 'ranking' | 'levels')}
                options={[
                  { value: 'ranking', label: '排名' },
                  { value: 'levels', label: '级别' },
                ]}
              />
            }
          >
            {s.orgs.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="期间内没有稿件" />
            ) : (
              <Suspense fallback={<Skeleton active />}>
                <PublicityChart kind={chart} orgs={s.orgs} />
              </Suspense>
            )}
          </Card>

          <Card size="small" title="组织统计与排名" extra={<Typography.Text type="secondary">{`${s.from} 至 ${s.to}`}</Typography.Text>}>
            {totals.below > 0 && (
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 12 }}
                title={`${totals.below} 个组织未完成定额：${s.orgs.filter((o) => o.belowQuota).map((o) => o.orgName).join('、')}`}
              />
            )}
            <div data-testid="org-ranking">
            <ResponsiveTable<StatsOrg>
              size="small"
              bordered
              rowKey="orgId"
              columns={orgColumns}
              dataSource={[...s.orgs].sort((a, b) => a.rank - b.rank)}
              loading={stats.isFetching}
              pagination={false}
            />
            </div>
          </Card>

          <Card size="small" title="通讯员排名">
            <div data-testid="correspondent-ranking">
            <ResponsiveTable<StatsCorrespondent>
              size="small"
              bordered
              rowKey="userId"
              columns={correspondentColumns}
              dataSource={[...s.correspondents].sort((a, b) => a.rank - b.rank)}
              loading={stats.isFetching}
              pagination={s.correspondents.length > 20 ? { pageSize: 20, size: 'small', showTotal: (t) => `共 ${t} 人` } : false}
            />
            </div>
          </Card>
        </>
      )}
    </PageContainer>
  );
}
