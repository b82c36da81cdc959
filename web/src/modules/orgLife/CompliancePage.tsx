// 问题清单: for an organisation and a period, each organisation's light with required vs held per kind,
// attendance, incomplete records and absentee gaps; then every problem line, linking to its record or to the
// organisation's activities. Export as Excel; 台账 (Word) per branch and year.
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Badge, Button, Card, Col, DatePicker, Flex, Grid, Row, Segmented, Select, Space, Statistic, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { DownloadOutlined, FileWordOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { api, download, errorMessage } from '../../api/client';
import { PageContainer } from '../../components/PageContainer';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { ScopeOrgTreeSelect, useOrgTree } from '../members/orgPickers';
import { ORG_LIFE_KEY } from './api';
import { LightDot } from './parts';
import { COMPLIANCE_URL, LEDGER_URL, LIGHT_COLOR, formatRate, type ComplianceOrg, type ComplianceProblem, type ComplianceReport } from './types';

type Unit = 'year' | 'half' | 'quarter' | 'month';

function periodCode(unit: Unit, year: number, n: number): string {
  if (unit === 'year') return String(year);
  if (unit === 'half') return `${year}-H${n}`;
  if (unit === 'quarter') return `${year}-Q${n}`;
  return `${year}-${String(n).padStart(2, '0')}`;
}

/** The inverse of periodCode, for a period given in the address; null when absent or malformed. */
function parseCode(code: string | null): { unit: Unit; year: number; sub: number } | null {
  const m = code ? /^(\d{4})(?:-(H[12]|Q[1-4]|0[1-9]|1[0-2]))?$/.exec(code) : null;
  if (!m) return null;
  const year = Number(m[1]);
  const rest = m[2];
  if (!rest) return { unit: 'year', year, sub: 1 };
  if (rest.startsWith('H')) return { unit: 'half', year, sub: Number(rest.slice(1)) };
  if (rest.startsWith('Q')) return { unit: 'quarter', year, sub: Number(rest.slice(1)) };
  return { unit: 'month', year, sub: Number(rest) };
}

const SUB_OPTIONS: Record<Exclude<Unit, 'year'>, { value: number; label: string }[]> = {
  half: [
    { value: 1, label: '上半年' },
    { value: 2, label: '下半年' },
  ],
  quarter: [1, 2, 3, 4].map((n) => ({ value: n, label: `第${n}季度` })),
  month: Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: `${i + 1}月` })),
};

const BRANCH_KINDS = ['branch', 'jointBranch'];

export default function CompliancePage() {
  const { message } = App.useApp();
  const orgs = useOrgTree();
  // On a phone the kind counts are card lines, aligned with the other values rather than centred.
  const phone = Grid.useBreakpoint().md === false;
  const now = dayjs();
  // The 工作台 links here with ?orgId=…&period=2026-Q4 (a red organisation's own list).
  const [search] = useSearchParams();
  const linked = parseCode(search.get('period'));
  const [orgId, setOrgId] = useState<string | undefined>(search.get('orgId') ?? undefined);
  const [unit, setUnit] = useState<Unit>(linked?.unit ?? 'quarter');
  const [year, setYear] = useState(linked?.year ?? now.year());
  const [sub, setSub] = useState(linked?.sub ?? Math.floor(now.month() / 3) + 1);
  const [busy, setBusy] = useState<string | null>(null);
  const period = periodCode(unit, year, sub);

  const report = useQuery({
    queryKey: [...ORG_LIFE_KEY, 'compliance', orgId, period],
    queryFn: ({ signal }) => api.get<ComplianceReport>(COMPLIANCE_URL, { orgId, period }, signal),
  });
  const r = report.data;

  const orgKind = useMemo(() => new Map((orgs.data?.items ?? []).map((o) => [o.id, o.kind])), [orgs.data]);
  const chosenOrg = orgId ?? r?.org.id;
  const chosenIsBranch = !!chosenOrg && BRANCH_KINDS.includes(orgKind.get(chosenOrg) ?? '');

  const problemsByOrg = useMemo(() => {
    const m = new Map<string, number>();
    for (const p of r?.problems ?? []) m.set(p.orgId, (m.get(p.orgId) ?? 0) + 1);
    return m;
  }, [r]);

  // One column per kind that any organisation in the view must hold.
  const kindColumns = useMemo(() => {
    const seen = new Map<string, string>();
    for (const o of r?.orgs ?? []) for (const k of o.kinds) if (!seen.has(k.kind)) seen.set(k.kind, k.name);
    return [...seen.entries()];
  }, [r]);

  const run = async (key: string, path: string, query: Record<string, string | number | undefined>, name: string) => {
    setBusy(key);
    try {
      await download(path, query, name);
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };
  const ledger = (id: string, name: string) => run(`ledger-${id}`, LEDGER_URL, { orgId: id, year }, `组织生活台账-${name}-${year}.docx`);

  // Fits 1440 px without sideways scrolling: the light sits by the name, the last activity under it, and the
  // record problems (记录不全, 缺勤未补) share one column; kind headers wrap. On a phone each organisation is a card.
  const columns: ColumnsType<ComplianceOrg> = [
    {
      title: '组织',
      dataIndex: 'orgName',
      render: (_: unknown, o) => (
        <Flex vertical>
          <Flex gap={6} align="center" style={{ whiteSpace: 'nowrap' }}>
            <LightDot light={o.light} text="" />
            <Link to={`/org-life?orgId=${o.orgId}`}>{o.orgName}</Link>
          </Flex>
          {o.silent ? (
            <Typography.Text type="danger" style={{ fontSize: 12 }}>长期无活动</Typography.Text>
          ) : (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>最近活动 {o.lastHeldOn ?? '无'}</Typography.Text>
          )}
        </Flex>
      ),
    },
    ...kindColumns.map(([code, name]) => ({
      title: <Tooltip title="达标 / 应开">{name}</Tooltip>,
      key: code,
      align: 'center' as const,
      width: 64,
      render: (_: unknown, o: ComplianceOrg) => {
        const k = o.kinds.find((x) => x.kind === code);
        // A phone card leaves out the kinds the organisation does not hold (an empty line is dropped).
        if (!k) return phone ? null : <Typography.Text type="secondary">-</Typography.Text>;
        const short = k.missing > 0;
        return (
          <Tooltip title={`应开 ${k.required} 次（按${k.frequency === 'month' ? '月' : k.frequency === 'quarter' ? '季度' : k.frequency === 'year' ? '年' : '主题月'}），达标 ${k.met}，共开 ${k.held} 次${k.missing ? `，缺 ${k.missing}` : ''}`}>
            <Flex vertical align={phone ? 'flex-start' : 'center'} style={{ whiteSpace: 'nowrap' }}>
              <Typography.Text type={short ? 'danger' : undefined} strong={short}>
                {k.met}/{k.required}
              </Typography.Text>
              {k.inProgress && <Typography.Text type="secondary" style={{ fontSize: 12 }}>进行中</Typography.Text>}
            </Flex>
          </Tooltip>
        );
      },
    })),
    {
      title: '出勤率',
      key: 'rate',
      width: 72,
      render: (_: unknown, o) => (
        <Typography.Text type={o.attendance.belowThreshold ? 'warning' : undefined} style={{ whiteSpace: 'nowrap' }}>
          {formatRate(o.attendance.rate)}
        </Typography.Text>
      ),
    },
    {
      title: '问题',
      key: 'problems',
      render: (_: unknown, o) => {
        const n = problemsByOrg.get(o.orgId) ?? 0;
        return (
          <Flex vertical style={{ whiteSpace: 'nowrap' }}>
            <span>{n ? `${n} 条` : '无'}</span>
            {o.incomplete > 0 && <Typography.Text type="warning" style={{ fontSize: 12 }}>记录不全 {o.incomplete}</Typography.Text>}
            {o.absenteeProblems > 0 && <Typography.Text type="warning" style={{ fontSize: 12 }}>缺勤未补 {o.absenteeProblems}</Typography.Text>}
          </Flex>
        );
      },
    },
    {
      title: '台账',
      key: 'actions',
      render: (_: unknown, o) =>
        BRANCH_KINDS.includes(o.orgKind) ? (
          <Button size="small" type="link" icon={<FileWordOutlined />} loading={busy === `ledger-${o.orgId}`} onClick={() => void ledger(o.orgId, o.orgName)}>
            {phone ? `${year}年台账` : `${year}年`}
          </Button>
        ) : null,
    },
  ];

  const problemColumns: ColumnsType<ComplianceProblem> = [
    { title: '组织', dataIndex: 'orgName', render: (_: unknown, p) => <Link to={`/org-life?orgId=${p.orgId}`} style={{ whiteSpace: 'nowrap' }}>{p.orgName}</Link> },
    { title: '类型', dataIndex: 'kindName', render: (v: string | null) => <span style={{ whiteSpace: 'nowrap' }}>{v ?? '-'}</span> },
    {
      title: '问题',
      dataIndex: 'message',
      render: (_: unknown, p) => {
        const to = p.link ?? (p.activityId ? `/org-life?id=${p.activityId}` : null);
        return (
          <Flex gap={6} align="baseline">
            <Badge color={LIGHT_COLOR[p.light]} aria-label={p.light === 'red' ? '红灯' : '黄灯'} />
            {to ? <Link to={to}>{p.message}</Link> : p.message}
          </Flex>
        );
      },
    },
  ];

  return (
    <PageContainer
      title="问题清单"
      subTitle="按组织和周期核对应开未开、出勤率低、记录不全、缺勤未补课和长期无活动的问题。红灯：应开未开或长期无活动；黄灯：出勤率低、记录不全或缺勤未补。"
    >
      <Card size="small">
        <Row gutter={[12, 12]} align="middle">
          <Col xs={24} md={8}>
            <ScopeOrgTreeSelect style={{ width: '100%' }} aria-label="党组织" placeholder="党组织（默认本级）" value={orgId} onChange={setOrgId} />
          </Col>
          <Col xs={24} md={16}>
            <Flex wrap gap={8}>
              <Segmented
                value={unit}
                onChange={(v) => {
                  const u = v as Unit;
                  setUnit(u);
                  setSub(u === 'month' ? now.month() + 1 : u === 'quarter' ? Math.floor(now.month() / 3) + 1 : u === 'half' ? (now.month() < 6 ? 1 : 2) : 1);
                }}
                options={[
                  { value: 'year', label: '年' },
                  { value: 'half', label: '半年' },
                  { value: 'quarter', label: '季度' },
                  { value: 'month', label: '月' },
                ]}
              />
              <DatePicker picker="year" allowClear={false} value={dayjs(`${year}-01-01`)} onChange={(d) => d && setYear(d.year())} aria-label="年度" style={{ width: 110 }} />
              {unit !== 'year' && <Select style={{ width: 110 }} value={sub} options={SUB_OPTIONS[unit]} onChange={setSub} aria-label="期间" />}
            </Flex>
          </Col>
        </Row>
      </Card>
      {report.isError && <Alert type="error" showIcon title={errorMessage(report.error)} />}
      <Card
        title={r ? `${r.org.name} · ${r.period.label}` : '问题清单'}
        extra={
          <Space wrap>
            <Button icon={<DownloadOutlined />} loading={busy === 'xlsx'} onClick={() => void run('xlsx', COMPLIANCE_URL, { orgId, period, format: 'xlsx' }, `问题清单-${period}.xlsx`)}>
              导出 Excel
            </Button>
            <Tooltip title={chosenIsBranch ? undefined : '台账按支部导出：请选择党支部，或在表格中点击该支部的台账'}>
              <Button icon={<FileWordOutlined />} disabled={!chosenIsBranch} loading={busy === `ledger-${chosenOrg}`} onClick={() => chosenOrg && void ledger(chosenOrg, r?.org.name ?? '')}>
                台账下载
              </Button>
            </Tooltip>
          </Space>
        }
      >
        {r && (
          <Flex wrap gap={24} style={{ marginBottom: 16 }}>
            <Statistic title={<LightDot light="red" text="红灯组织" />} value={r.summary.red} />
            <Statistic title={<LightDot light="yellow" text="黄灯组织" />} value={r.summary.yellow} />
            <Statistic title={<LightDot light="green" text="绿灯组织" />} value={r.summary.green} />
            <Statistic title="问题" value={r.summary.problems} suffix="条" />
            <Typography.Text type="secondary" style={{ alignSelf: 'flex-end', fontSize: 12 }}>
              {r.period.from} 至 {r.period.to}，统计到 {r.today}；出勤率低于 {r.settings.attendanceWarnPercent}% 提示，{r.settings.silentDays} 天无活动为长期无活动
            </Typography.Text>
          </Flex>
        )}
        <ResponsiveTable<ComplianceOrg>
          size="small"
          rowKey="orgId"
          columns={columns}
          dataSource={r?.orgs ?? []}
          loading={report.isFetching}
          pagination={false}
          phoneTitle="orgName"
        />
      </Card>
      <Card title={`问题清单（${r?.problems.length ?? 0} 条）`}>
        <ResponsiveTable<ComplianceProblem>
          size="small"
          phoneTitle="message"
          rowKey={(p) => `${p.orgId}|${p.type}|${p.activityId ?? ''}|${p.kind ?? ''}|${p.message}`}
          columns={problemColumns}
          dataSource={r?.problems ?? []}
          loading={report.isFetching}
          pagination={{ defaultPageSize: 50, showSizeChanger: true, showTotal: (t) => `共 ${t} 条` }}
          locale={{ emptyText: '没有问题' }}
        />
      </Card>
    </PageContainer>
  );
}
