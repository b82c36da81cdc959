// 合理化建议: 我的建议 (file one from a phone; what became of each), 建议处理 (proposal.read: every proposal in
// scope; the committee adopts, rejects with a reason, records implementation and the value in 元) and 创效统计
// (totals per organisation and member, with a chart). `/proposals?id=…` opens one proposal. The page opens where
// the user has work: 建议处理 (on the 待处理 ones) when proposals wait for their decision, else 我的建议.
import { lazy, Suspense, useMemo, useState } from 'react';
import { Alert, Button, Card, Col, DatePicker, Empty, Flex, Grid, Input, List, Row, Select, Skeleton, Statistic, Table, Tabs, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { DownloadOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { errorMessage, type Query } from '../../api/client';
import { useSession } from '../../app/session';
import { PageContainer } from '../../components/PageContainer';
import { useTodos } from '../notify/api';
import { useOpenId } from '../../components/useOpenId';
import { useDownload } from '../../components/useDownload';
import { formatInstantDate } from '../../lib/time';
import { ScopeOrgTreeSelect } from '../members/orgPickers';
import { useProposals, useProposalStats } from './api';
import { formatFen } from './money';
import { NewProposalModal } from './ProposalForms';
import { ProposalDrawer, StatusTag } from './ProposalDrawer';
import { PROPOSALS_URL, STATUS_LABEL, type Proposal, type ProposalStats, type ProposalStatus } from './types';
import { RecordLink } from '../../components/RecordLink';

const ProposalChart = lazy(() => import('./ProposalChart'));

function usePhone(): boolean {
  return Grid.useBreakpoint().md === false;
}

/** A proposal as a card line (phones and 我的建议). */
function ProposalLine({ p, onOpen, showProposer }: { p: Proposal; onOpen: () => void; showProposer?: boolean }) {
  return (
    <List.Item onClick={onOpen} style={{ cursor: 'pointer' }} data-proposal={p.title}>
      <Flex vertical gap={4} style={{ width: '100%', minWidth: 0 }}>
        <Flex justify="space-between" gap={8} align="flex-start">
          <Typography.Link strong style={{ minWidth: 0 }}>
            {p.title}
          </Typography.Link>
          <StatusTag status={p.status} />
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {p.category} · {formatInstantDate(p.createdAt)}
          {showProposer ? ` · ${p.proposerName}（${p.orgName}）` : ''}
        </Typography.Text>
        {p.status === 'implemented' && <Typography.Text style={{ fontSize: 12 }}>创效 {formatFen(p.valueFen)} 元</Typography.Text>}
      </Flex>
    </List.Item>
  );
}

function MyProposals({ onOpen }: { onOpen: (id: string) => void }) {
  const [page, setPage] = useState(1);
  const list = useProposals({ mine: 1, page, pageSize: 20 });
  return (
    <Card size="small">
      {list.isError && <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 12 }} />}
      <List
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        rowKey="id"
        locale={{ emptyText: <Empty description="还没有提过建议，点“提建议”写下您的想法" /> }}
        renderItem={(p) => <ProposalLine p={p} onOpen={() => onOpen(p.id)} />}
        pagination={(list.data?.total ?? 0) > 20 ? { current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, size: 'small' } : false}
      />
    </Card>
  );
}

function AllProposals({ onOpen, initialStatus }: { onOpen: (id: string) => void; initialStatus?: ProposalStatus }) {
  const phone = usePhone();
  const [status, setStatus] = useState<ProposalStatus | undefined>(initialStatus);
  const [orgId, setOrgId] = useState<string | undefined>();
  const [q, setQ] = useState('');
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const query = useMemo<Query>(() => ({ status, orgId, q: q.trim() || undefined, ...paging }), [status, orgId, q, paging]);
  const list = useProposals(query);
  const { downloading, start: download } = useDownload();
  const first = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setPaging((p) => ({ ...p, page: 1 }));
  };

  const columns: ColumnsType<Proposal> = [
    {
      title: '建议',
      dataIndex: 'title',
      render: (_: unknown, p) => <RecordLink onOpen={() => onOpen(p.id)} sub={p.category}>{p.title}</RecordLink>,
    },
    { title: '提出人', dataIndex: 'proposerName' },
    { title: '组织', dataIndex: 'orgName' },
    { title: '状态', dataIndex: 'status', render: (s: ProposalStatus) => <StatusTag status={s} /> },
    { title: '提出日期', dataIndex: 'createdAt', render: (v: string) => formatInstantDate(v) },
    { title: '创效价值（元）', dataIndex: 'valueFen', align: 'right', render: (v: number | null, p) => (p.status === 'implemented' ? formatFen(v) : '-') },
  ];

  return (
    <>
      <Card size="small">
        <Row gutter={[12, 12]}>
          <Col xs={24} sm={12} lg={8}>
            <Select style={{ width: '100%' }} allowClear placeholder="状态" aria-label="状态" value={status} onChange={first(setStatus)} options={Object.entries(STATUS_LABEL).map(([value, label]) => ({ value, label }))} />
          </Col>
          <Col xs={24} sm={12} lg={8}>
            <ScopeOrgTreeSelect style={{ width: '100%' }} placeholder="组织（含下级）" value={orgId} onChange={first(setOrgId)} />
          </Col>
          <Col xs={24} sm={12} lg={8}>
            <Input.Search allowClear placeholder="标题或内容中的文字" aria-label="搜索建议" onSearch={first(setQ)} />
          </Col>
        </Row>
      </Card>
      <Card size="small">
        <Flex justify="space-between" align="center" style={{ marginBottom: 12 }}>
          <Typography.Text strong>{list.data ? `共 ${list.data.total} 条` : '\u00a0'}</Typography.Text>
          <Flex gap={8}>
            <Button icon={<DownloadOutlined />} loading={downloading} onClick={() => void download(PROPOSALS_URL, { status, orgId, q: q.trim() || undefined, format: 'xlsx' }, '合理化建议.xlsx')}>
              导出 Excel
            </Button>
            <Button icon={<ReloadOutlined />} aria-label="刷新" title="刷新" onClick={() => void list.refetch()} />
          </Flex>
        </Flex>
        {list.isError && <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 12 }} />}
        {phone ? (
          <List
            loading={list.isFetching}
            dataSource={list.data?.items ?? []}
            rowKey="id"
            renderItem={(p) => <ProposalLine p={p} onOpen={() => onOpen(p.id)} showProposer />}
            pagination={{ current: paging.page, pageSize: paging.pageSize, total: list.data?.total ?? 0, onChange: (page) => setPaging((p) => ({ ...p, page })), size: 'small' }}
          />
        ) : (
          <Table<Proposal>
            size="middle"
            rowKey="id"
            scroll={{ x: 'max-content' }}
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            onChange={(p) => setPaging({ page: p.current ?? 1, pageSize: p.pageSize ?? 20 })}
            pagination={{ current: paging.page, pageSize: paging.pageSize, total: list.data?.total ?? 0, showSizeChanger: true, showTotal: (t) => `共 ${t} 条` }}
          />
        )}
      </Card>
    </>
  );
}

type Totals = { submitted: number; adopted: number; implemented: number; valueFen: number };

function Stats() {
  const phone = usePhone();
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [dayjs().startOf('year'), dayjs()]);
  const [orgId, setOrgId] = useState<string | undefined>();
  const query = useMemo<Query>(() => ({ orgId, from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') }), [orgId, range]);
  const stats = useProposalStats(query, true);
  const s = stats.data;
  // Organisations with no proposal add nothing to the picture.
  const orgRows = useMemo(() => (s?.byOrg ?? []).filter((r) => r.submitted > 0 || r.valueFen !== 0), [s]);
  const total = s?.total ?? { submitted: 0, adopted: 0, implemented: 0, valueFen: 0 };

  const countCols = [
    { title: '提出', dataIndex: 'submitted', align: 'right' as const, sorter: (a: Totals, b: Totals) => a.submitted - b.submitted },
    { title: '采纳', dataIndex: 'adopted', align: 'right' as const, sorter: (a: Totals, b: Totals) => a.adopted - b.adopted },
    { title: '实施', dataIndex: 'implemented', align: 'right' as const, sorter: (a: Totals, b: Totals) => a.implemented - b.implemented },
    { title: '创效价值（元）', dataIndex: 'valueFen', align: 'right' as const, defaultSortOrder: 'descend' as const, sorter: (a: Totals, b: Totals) => a.valueFen - b.valueFen, render: (v: number) => formatFen(v) },
  ];
  const orgCols: ColumnsType<ProposalStats['byOrg'][number]> = [{ title: '组织', dataIndex: 'orgName', fixed: 'left' }, ...countCols];
  const memberCols: ColumnsType<ProposalStats['byMember'][number]> = [
    { title: '姓名', dataIndex: 'name', fixed: 'left' },
    ...(phone ? [] : [{ title: '组织', dataIndex: 'orgName' }]),
    ...countCols,
  ];

  return (
    <>
      <Card size="small">
        <Row gutter={[12, 12]}>
          <Col xs={24} md={12}>
            <DatePicker.RangePicker
              style={{ width: '100%' }}
              value={range}
              allowClear={false}
              aria-label="统计期间"
              onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
            />
          </Col>
          <Col xs={24} md={12}>
            <ScopeOrgTreeSelect style={{ width: '100%' }} placeholder="组织（默认全部）" value={orgId} onChange={setOrgId} />
          </Col>
        </Row>
      </Card>
      {stats.isError && <Alert type="error" showIcon title={errorMessage(stats.error)} />}
      {!s ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : (
        <>
          <Card size="small">
            <Flex wrap gap={24}>
              <Statistic title="提出建议" value={total.submitted} suffix="条" />
              <Statistic title="采纳（含已实施）" value={total.adopted} suffix="条" />
              <Statistic title="实施" value={total.implemented} suffix="条" />
              <Statistic title="创效价值" value={formatFen(total.valueFen)} suffix="元" />
            </Flex>
          </Card>
          <Card size="small" title="各组织创效">
            {orgRows.length === 0 ? (
              <Empty description="期间内没有建议" />
            ) : (
              <Suspense fallback={<Skeleton active />}>
                <ProposalChart rows={orgRows} />
              </Suspense>
            )}
            <Table size="small" rowKey="orgId" columns={orgCols} dataSource={s.byOrg} pagination={false} scroll={{ x: 'max-content' }} style={{ marginTop: 12 }} />
          </Card>
          <Card size="small" title="党员个人">
            <Table size="small" rowKey="userId" columns={memberCols} dataSource={s.byMember} pagination={{ pageSize: 20, hideOnSinglePage: true }} scroll={{ x: 'max-content' }} />
          </Card>
        </>
      )}
    </>
  );
}

export default function ProposalsPage() {
  const { can } = useSession();
  const [openId, setOpen] = useOpenId();
  const [chosen, setTab] = useState<string | null>(null);
  const [filing, setFiling] = useState(false);
  const [seq, setSeq] = useState(0);
  const manage = can('proposal.manage');
  // What waits for this user's decision is their 待办 (proposal.decide): the same scope the 处理 buttons use.
  const todos = useTodos();
  const waiting = todos.data?.kinds.find((k) => k.kind === 'proposal.decide')?.count ?? 0;
  const mine = useProposals({ mine: 1, pageSize: 1 });
  const mineCount = mine.data?.total;
  const deciding = manage && can('proposal.read') && waiting > 0;
  // Until the 待办 answer arrives a manager's opening tab is unknown; waiting avoids loading one list then another.
  const tab = chosen ?? (manage && todos.isPending ? null : deciding ? 'all' : 'mine');
  const tabs = [
    { key: 'mine', label: mineCount ? `我的建议（${mineCount}）` : '我的建议' },
    ...(can('proposal.read')
      ? [{ key: 'all', label: manage ? (waiting > 0 ? `建议处理（待处理 ${waiting}）` : '建议处理') : '全部建议' }, { key: 'stats', label: '创效统计' }]
      : []),
  ];
  return (
    <PageContainer
      title="合理化建议"
      subTitle="人人可以提建议；党委采纳、组织实施并记录创造的价值（元）。"
      extra={
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => {
            setSeq((n) => n + 1);
            setFiling(true);
          }}
        >
          提建议
        </Button>
      }
    >
      <Tabs activeKey={tab ?? undefined} onChange={setTab} items={tabs} style={{ marginBottom: -16 }} />
      {tab === null && (
        <Card>
          <Skeleton active />
        </Card>
      )}
      {tab === 'mine' && <MyProposals onOpen={setOpen} />}
      {tab === 'all' && <AllProposals onOpen={setOpen} initialStatus={deciding ? 'submitted' : undefined} />}
      {tab === 'stats' && <Stats />}
      <ProposalDrawer id={openId} onClose={() => setOpen(null)} />
      <NewProposalModal key={seq} open={filing} onClose={() => setFiling(false)} onDone={(p) => setOpen(p.id)} />
    </PageContainer>
  );
}
