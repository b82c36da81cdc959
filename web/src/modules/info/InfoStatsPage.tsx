// 每月统计: for an organisation's subtree and a month range (default the last 12 months): the chart of new
// entries by month and category with the running total, the organisation × category table of new and
// total, the organisations with nothing new in a chosen month, and the Excel workbook.
import { useDownload } from '../../components/useDownload';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { Alert, App, Button, Card, Col, DatePicker, Empty, Flex, Grid, Row, Select, Skeleton, Statistic, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { DownloadOutlined } from '@ant-design/icons';
import { api, errorMessage } from '../../api/client';
import { PageContainer } from '../../components/PageContainer';
import { today } from '../org/orgs';
import { ScopeOrgTreeSelect } from '../members/orgPickers';
import { INFO_URL, categoryLabel, type InfoStats, type StatsRow } from './types';
import { ResponsiveTable } from '../../components/ResponsiveTable';

const InfoChart = lazy(() => import('./InfoChart'));

const MAX_MONTHS = 36;
const STATS_URL = `${INFO_URL}/stats`;

function defaultRange(): [Dayjs, Dayjs] {
  const to = dayjs(today()).startOf('month');
  return [to.subtract(11, 'month'), to];
}

function monthLabel(m: string): string {
  const [y, mm] = m.split('-');
  return `${y}年${Number(mm)}月`;
}

/** New entries of a row in the period, and its total at the end, per category. */
function rowFigures(row: StatsRow, c: string): { added: number; total: number } {
  const added = row.months.reduce((n, m) => n + (m.new[c] ?? 0), 0);
  const last = row.months[row.months.length - 1];
  const total = last ? (last.total[c] ?? 0) : (row.before[c] ?? 0);
  return { added, total };
}

export default function InfoStatsPage() {
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const phone = screens.md === false;
  // The 工作台 links here with ?orgId=….
  const [orgId, setOrgId] = useState<string | undefined>(useSearchParams()[0].get('orgId') ?? undefined);
  const [range, setRange] = useState<[Dayjs, Dayjs]>(defaultRange);
  const [silentMonth, setSilentMonth] = useState<string | undefined>();
  const { downloading: exporting, start: startDownload } = useDownload();
  const from = range[0].format('YYYY-MM');
  const to = range[1].format('YYYY-MM');

  const stats = useQuery({
    queryKey: ['info-stats', orgId ?? null, from, to],
    queryFn: ({ signal }) => api.get<InfoStats>(STATS_URL, { orgId, from, to }, signal),
    placeholderData: keepPreviousData,
  });
  const s = stats.data;

  const chosenSilent = silentMonth && s?.months.includes(silentMonth) ? silentMonth : s?.months[s.months.length - 1];
  const silent = s?.silent.find((x) => x.month === chosenSilent)?.orgs ?? [];

  const exportXlsx = () => startDownload(`${STATS_URL}.xlsx`, { orgId: orgId ?? s?.org.id, from, to }, `管控信息统计-${from}至${to}.xlsx`);

  const minDepth = useMemo(() => Math.min(...(s?.rows.map((r) => r.depth) ?? [0])), [s]);
  const columns = useMemo<ColumnsType<StatsRow>>(() => {
    if (!s) return [];
    return [
      {
        title: '组织',
        dataIndex: 'orgName',
        fixed: phone ? undefined : 'left',
        render: (name: string, row) => (
          <span style={{ paddingLeft: (row.depth - minDepth) * 16, whiteSpace: 'nowrap' }}>
            {name}
            {row.includesGroups && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                （含党小组）
              </Typography.Text>
            )}
          </span>
        ),
      },
      ...s.categories.map((c) => ({
        title: categoryLabel(c),
        key: c,
        children: [
          { title: '新增', key: `${c}-new`, align: 'right' as const, render: (_: unknown, row: StatsRow) => rowFigures(row, c).added },
          { title: '累计', key: `${c}-total`, align: 'right' as const, render: (_: unknown, row: StatsRow) => rowFigures(row, c).total },
        ],
      })),
      {
        title: '合计',
        key: 'all',
        children: [
          {
            title: '新增',
            dataIndex: 'newInPeriod',
            align: 'right' as const,
            render: (v: number) => (v === 0 ? <Typography.Text type="danger">0</Typography.Text> : <Typography.Text strong>{v}</Typography.Text>),
          },
          { title: '累计', dataIndex: 'totalAtEnd', align: 'right' as const, render: (v: number) => <Typography.Text strong>{v}</Typography.Text> },
        ],
      },
    ];
  }, [s, phone, minDepth]);

  const tooLong = range[1].diff(range[0], 'month') + 1 > MAX_MONTHS;

  return (
    <PageContainer
      title="每月统计"
      subTitle="按发布月份统计各组织新增的管控信息、累计总数和无新增的组织"
      extra={
        <Button icon={<DownloadOutlined />} loading={exporting} disabled={!s} onClick={() => void exportXlsx()}>
          导出 Excel
        </Button>
      }
    >
      <Card size="small">
        <Row gutter={[12, 12]}>
          <Col xs={24} sm={12} lg={8}>
            <ScopeOrgTreeSelect
              aria-label="统计组织"
              placeholder={s ? `${s.org.name}（默认）` : '请选择党组织'}
              style={{ width: '100%' }}
              value={orgId}
              onChange={(v: string | undefined) => setOrgId(v)}
            />
          </Col>
          <Col xs={24} sm={12} lg={8}>
            <DatePicker.RangePicker
              picker="month"
              aria-label="统计月份"
              allowClear={false}
              style={{ width: '100%' }}
              value={range}
              disabledDate={(d) => d.isAfter(dayjs(today()), 'month')}
              onChange={(v) => {
                if (!v?.[0] || !v[1]) return;
                const next: [Dayjs, Dayjs] = [v[0].startOf('month'), v[1].startOf('month')];
                if (next[1].diff(next[0], 'month') + 1 > MAX_MONTHS) {
                  void message.warning(`统计范围最多 ${MAX_MONTHS} 个月，已从截止月份往前取 ${MAX_MONTHS} 个月`);
                  next[0] = next[1].subtract(MAX_MONTHS - 1, 'month');
                }
                setRange(next);
              }}
            />
          </Col>
          <Col xs={24} lg={8}>
            <Flex gap={8} wrap>
              <Button onClick={() => setRange(defaultRange())}>近 12 个月</Button>
              <Button
                onClick={() => {
                  const end = dayjs(today()).startOf('month');
                  setRange([end.startOf('year'), end]);
                }}
              >
                今年
              </Button>
              <Button
                onClick={() => {
                  const end = dayjs(today()).startOf('month');
                  setRange([end.subtract(MAX_MONTHS - 1, 'month'), end]);
                }}
              >
                近 3 年
              </Button>
            </Flex>
          </Col>
        </Row>
      </Card>

      {stats.isError && <Alert type="error" showIcon title={errorMessage(stats.error)} />}
      {tooLong && <Alert type="warning" showIcon title={`统计范围最多 ${MAX_MONTHS} 个月`} />}

      {!s ? (
        stats.isPending && <Skeleton active />
      ) : (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={`${monthLabel(s.from)}前累计`} value={s.totals.before} suffix="条" />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title="期间新增" value={s.totals.newInPeriod} suffix="条" />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={`截至${monthLabel(s.to)}累计`} value={s.totals.atEnd} suffix="条" />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={`${monthLabel(chosenSilent ?? s.to)}无新增组织`} value={silent.length} suffix="个" />
              </Card>
            </Col>
          </Row>

          <Card title={`${s.org.name} 每月新增与累计`} size="small">
            <Suspense fallback={<Skeleton active />}>
              <InfoChart stats={s} />
            </Suspense>
          </Card>

          <Card title="各组织分类统计" size="small" extra={<Typography.Text type="secondary">{`${monthLabel(s.from)} 至 ${monthLabel(s.to)}`}</Typography.Text>}>
            <ResponsiveTable<StatsRow>
              size="small"
              bordered
              columns={columns}
              dataSource={s.rows}
              rowKey="orgId"
              loading={stats.isFetching}
              pagination={false}
              summary={() => (
                <Table.Summary fixed>
                  <Table.Summary.Row>
                    <Table.Summary.Cell index={0}>
                      <Typography.Text strong>合计</Typography.Text>
                    </Table.Summary.Cell>
                    {s.categories.flatMap((c, i) => [
                      <Table.Summary.Cell key={`${c}-n`} index={1 + i * 2} align="right">
                        {s.totals.byCategory[c] ?? 0}
                      </Table.Summary.Cell>,
                      <Table.Summary.Cell key={`${c}-t`} index={2 + i * 2} align="right">
                        {s.rows.reduce((n, r) => n + rowFigures(r, c).total, 0)}
                      </Table.Summary.Cell>,
                    ])}
                    <Table.Summary.Cell index={1 + s.categories.length * 2} align="right">
                      <Typography.Text strong>{s.totals.newInPeriod}</Typography.Text>
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={2 + s.categories.length * 2} align="right">
                      <Typography.Text strong>{s.totals.atEnd}</Typography.Text>
                    </Table.Summary.Cell>
                  </Table.Summary.Row>
                </Table.Summary>
              )}
            />
          </Card>

          <Card
            title="本月无新增"
            size="small"
            extra={
              <Select
                aria-label="无新增月份"
                size="small"
                style={{ width: 140 }}
                value={chosenSilent}
                onChange={setSilentMonth}
                options={[...s.months].reverse().map((m) => ({ value: m, label: monthLabel(m) }))}
              />
            }
          >
            {silent.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={`${monthLabel(chosenSilent ?? s.to)}各组织都有新增信息`} />
            ) : (
              <Flex vertical gap={8}>
                <Typography.Text>
                  {monthLabel(chosenSilent ?? s.to)}共有 <Typography.Text strong type="danger">{silent.length}</Typography.Text> 个组织没有新增信息：
                </Typography.Text>
                <Flex wrap gap={6}>
                  {silent.map((o) => (
                    <Tag key={o.orgId} color="warning" style={{ marginInlineEnd: 0 }}>
                      {o.orgName}
                    </Tag>
                  ))}
                </Flex>
              </Flex>
            )}
          </Card>
        </>
      )}
    </PageContainer>
  );
}
