// 党费 (dues.read) for secretaries and the committee's staff, in five tabs (`?tab=`): 基数 (income masked, shown in
// clear only through the audited 查看收入), 收缴 (per branch and month: due, paid, received; the payments), 欠缴 (the
// 待办 link here with `member`), 上缴与对账 (hand-overs, received against handed over, differences flagged) and 公示
// (the yearly notice as Excel or Word).
import { useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { App, Button, Card, Flex, Grid, Popconfirm, Segmented, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { useQuery } from '@tanstack/react-query';
import { DownloadOutlined, EyeOutlined, FileWordOutlined, PlusOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { api, errorMessage } from '../../api/client';
import type { ApiResponse } from '../../api/types';
import { useSession } from '../../app/session';
import { ListPage } from '../../components/ListPage';
import { PageContainer } from '../../components/PageContainer';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { useDownload } from '../../components/useDownload';
import { ImportButton } from '../imports/ImportButton';
import {
  CATEGORY_LABEL, DUES_URL, monthLabel, thisYear, useBranches, useRefreshDues, yearOptions, yuan,
  type Collection, type DuesArrears, type DuesBase, type DuesPayment, type Handover, type Reconciliation,
} from './api';
import { BaseModal, HandoverModal, PaymentModal } from './DuesForms';

type Tab = 'bases' | 'collection' | 'arrears' | 'handovers' | 'publicity';
const TABS: { value: Tab; label: string }[] = [
  { value: 'bases', label: '基数' }, { value: 'collection', label: '收缴' }, { value: 'arrears', label: '欠缴' },
  { value: 'handovers', label: '上缴与对账' }, { value: 'publicity', label: '公示' },
];
const secondary = (t: ReactNode) => <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t}</Typography.Text>;
const SUB = '按《关于中国共产党党费收缴、使用和管理的规定》：在职党员按税后月收入、离退休党员按月养老金分档计算，年初核定；金额均精确到分。';

function RevealButton({ base }: { base: DuesBase }) {
  const { message } = App.useApp();
  const [income, setIncome] = useState<string | null>(null);
  if (base.income === null) return null;
  if (income !== null) return <Typography.Text>{income} 元</Typography.Text>;
  return (
    <Button size="small" type="link" icon={<EyeOutlined />} onClick={() => {
      api.post<ApiResponse<'/api/v1/dues/bases/{id}/reveal', 'post'>>(`${DUES_URL}/bases/${encodeURIComponent(base.id)}/reveal`)
        .then((r) => setIncome(r.income ?? ''))
        .catch((e: unknown) => void message.error(errorMessage(e)));
    }}>查看收入</Button>
  );
}

export default function DuesPage() {
  const [search, setSearch] = useSearchParams();
  const tab: Tab = (TABS.find((t) => t.value === search.get('tab'))?.value) ?? 'bases';
  const [year, setYear] = useState(thisYear());
  const { can } = useSession();
  const writer = can('dues.write');
  const refresh = useRefreshDues();
  const { message } = App.useApp();
  const [dialog, setDialog] = useState<{ kind: 'base'; base?: DuesBase } | { kind: 'pay'; memberId?: string } | { kind: 'handover' } | null>(null);
  const done = () => {
    setDialog(null);
    void refresh();
  };
  // Five tabs do not fit a 390 px phone side by side: there they are a drop-down.
  const phone = Grid.useBreakpoint().md === false;
  const go = (v: Tab) => setSearch(v === 'bases' ? {} : { tab: v });
  const switcher = (
    <Space wrap>
      {phone
        ? <Select<Tab> value={tab} options={TABS} onChange={go} style={{ width: 130 }} aria-label="栏目" />
        : <Segmented<Tab> value={tab} options={TABS} onChange={go} />}
      <Select value={year} onChange={setYear} options={yearOptions()} style={{ width: 110 }} aria-label="年度" />
    </Space>
  );
  const generate = async () => {
    try {
      const r = await api.post<ApiResponse<'/api/v1/dues/bills/generate', 'post'>>(`${DUES_URL}/bills/generate`, { year });
      void message.success(`已生成 ${r.created} 条月度账单（${r.members} 名党员）${r.missingBases.length ? `；${r.missingBases.length} 名党员尚未登记基数` : ''}`);
      void refresh();
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };

  const dialogs = (
    <>
      {dialog?.kind === 'base' && <BaseModal year={year} base={dialog.base} onClose={() => setDialog(null)} onDone={done} />}
      {dialog?.kind === 'pay' && <PaymentModal year={year} memberId={dialog.memberId} onClose={() => setDialog(null)} onDone={done} />}
      {dialog?.kind === 'handover' && <HandoverModal onClose={() => setDialog(null)} onDone={done} />}
    </>
  );

  if (tab === 'bases') {
    const columns: ColumnsType<DuesBase> = [
      { title: '姓名', dataIndex: 'name', render: (v: string, b) => <Flex vertical><Typography.Text strong>{v}</Typography.Text>{secondary(b.orgName)}</Flex> },
      { title: '类别', dataIndex: 'category', width: 110, render: (c: DuesBase['category']) => CATEGORY_LABEL[c].replace(/（.*/, '') },
      { title: '收入', key: 'income', width: 150, render: (_: unknown, b) => (b.income === null ? '-' : <Space size={4}><span>{b.income}</span>{can('dues.sensitive') && <RevealButton base={b} />}</Space>) },
      { title: '档次', dataIndex: 'bracket', width: 190 },
      {
        title: '月缴（元）', key: 'monthly', width: 130,
        render: (_: unknown, b) => <Flex vertical><Typography.Text strong>{yuan(b.monthlyFen)}</Typography.Text>{b.overrideFen !== null && secondary(`自定（标准 ${yuan(b.computedFen)}）`)}</Flex>,
      },
      ...(writer ? [{ title: '操作', key: 'actions', width: 90, render: (_: unknown, b: DuesBase) => <Button size="small" onClick={() => setDialog({ kind: 'base', base: b })}>修改</Button> }] : []),
    ];
    return (
      <>
        <ListPage<DuesBase>
          key={`bases-${year}`} title="党费管理" subTitle={SUB} url={`${DUES_URL}/bases`} params={{ year }} rowKey="id" columns={columns}
          exportName={`党费基数-${year}`} tableProps={{ phoneTitle: 'name' }}
          searchFields={[{ type: 'select', name: 'category', label: '类别', options: Object.entries(CATEGORY_LABEL).map(([value, label]) => ({ value, label })) }]}
          toolbar={(
            <Space wrap>
              {switcher}
              {writer && <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'base' })}>登记基数</Button>}
              <ImportButton kind="dues" />
              {writer && (
                <Popconfirm title={`生成 ${year} 年度账单？`} description="自入党（预备党员自支部大会通过）之月起至离开之月止；已有的不重复生成。" onConfirm={() => void generate()} okText="生成" cancelText="取消">
                  <Button icon={<ThunderboltOutlined />}>生成账单</Button>
                </Popconfirm>
              )}
            </Space>
          )}
        />
        {dialogs}
      </>
    );
  }

  if (tab === 'arrears') {
    const focus = search.get('member');
    const columns: ColumnsType<DuesArrears> = [
      { title: '姓名', dataIndex: 'name', render: (v: string, a) => <Flex vertical><Typography.Text strong mark={a.memberId === focus}>{v}</Typography.Text>{secondary(a.orgName)}</Flex> },
      {
        title: '欠交', key: 'count', width: 150,
        render: (_: unknown, a) => <Space size={4}><span>{a.monthCount} 个月</span>{a.level === 'serious' ? <Tag color="error">严重</Tag> : a.level === 'warn' ? <Tag color="warning">提醒</Tag> : null}</Space>,
      },
      { title: '月份', key: 'months', render: (_: unknown, a) => a.months.map((m) => (m.startsWith(String(year)) ? monthLabel(m) : m)).join('、') },
      { title: '金额（元）', key: 'due', width: 110, render: (_: unknown, a) => yuan(a.dueFen) },
      ...(writer ? [{ title: '操作', key: 'actions', width: 110, render: (_: unknown, a: DuesArrears) => <Button size="small" type="primary" onClick={() => setDialog({ kind: 'pay', memberId: a.memberId })}>登记交纳</Button> }] : []),
    ];
    return (
      <>
        <ListPage<DuesArrears>
          key="arrears" title="党费管理" subTitle="截至本月未交的月份；欠交 3 个月提醒支部书记，连续 6 个月未交为严重（按规定视为自行脱党的情形，须谈话了解原因）。"
          url={`${DUES_URL}/arrears`} rowKey="memberId" columns={columns} exportName="欠交党费党员" tableProps={{ phoneTitle: 'name' }}
          searchFields={[{ type: 'select', name: 'minMonths', label: '欠交月数', options: [1, 3, 6].map((n) => ({ value: n, label: `${n} 个月及以上` })) }]}
          toolbar={switcher}
        />
        {dialogs}
      </>
    );
  }

  return (
    <PageContainer title="党费管理" subTitle={SUB} extra={switcher}>
      {tab === 'collection' && <CollectionTab year={year} onPay={writer ? () => setDialog({ kind: 'pay' }) : undefined} />}
      {tab === 'handovers' && <HandoverTab year={year} onAdd={writer ? () => setDialog({ kind: 'handover' }) : undefined} />}
      {tab === 'publicity' && <PublicityTab year={year} />}
      {dialogs}
    </PageContainer>
  );
}

const rate = (r: number) => `${r.toFixed(1)}%`;

function CollectionTab({ year, onPay }: { year: number; onPay?: () => void }) {
  const coll = useQuery({ queryKey: ['dues', 'collection', year], queryFn: ({ signal }) => api.get<Collection>(`${DUES_URL}/collection`, { year }, signal) });
  const [branch, setBranch] = useState<string | null>(null);
  const c = coll.data;
  const rows = c ? (branch ? c.branches.find((b) => b.orgId === branch)?.months ?? [] : c.totals.months) : [];
  const payColumns: ColumnsType<DuesPayment> = [
    { title: '姓名', dataIndex: 'name', render: (v: string, y) => <Flex vertical><Typography.Text strong>{v}</Typography.Text>{secondary(y.orgName)}</Flex> },
    { title: '月份', key: 'months', render: (_: unknown, y) => y.months.map(monthLabel).join('、') },
    { title: '金额（元）', key: 'amount', width: 110, render: (_: unknown, y) => yuan(y.amountFen) },
    { title: '方式', key: 'method', width: 120, render: (_: unknown, y) => <Flex vertical><span>{y.methodName}</span>{y.payerName && secondary(y.payerName)}</Flex> },
    { title: '日期', dataIndex: 'paidOn', width: 110 },
  ];
  return (
    <>
      <Card size="small" loading={coll.isPending} title={`${year} 年收缴情况`} extra={onPay && <Button type="primary" icon={<PlusOutlined />} onClick={onPay}>登记交纳</Button>}>
        {c && (
          <Flex vertical gap={12}>
            <Flex wrap gap={24}>
              <Statistic title="应交（元）" value={yuan(c.totals.dueFen)} />
              <Statistic title="已交（元）" value={yuan(c.totals.paidFen)} />
              <Statistic title="收缴率" value={rate(c.totals.rate)} />
              <Statistic title="本年实收（元）" value={yuan(c.totals.receivedFen)} />
            </Flex>
            <ResponsiveTable
              size="small" rowKey="orgId" pagination={false} dataSource={c.branches}
              onRow={(b) => ({ onClick: () => setBranch(branch === b.orgId ? null : b.orgId), style: { cursor: 'pointer' } })}
              columns={[
                { title: '党支部', dataIndex: 'orgName', render: (v: string, b) => <Typography.Text strong={b.orgId === branch}>{v}</Typography.Text> },
                { title: '应交', key: 'due', render: (_: unknown, b) => yuan(b.dueFen) },
                { title: '已交', key: 'paid', render: (_: unknown, b) => yuan(b.paidFen) },
                { title: '收缴率', key: 'rate', render: (_: unknown, b) => rate(b.rate) },
                { title: '实收', key: 'received', render: (_: unknown, b) => yuan(b.receivedFen) },
              ]}
            />
            <Typography.Text type="secondary">{branch ? `${c.branches.find((b) => b.orgId === branch)?.orgName ?? ''}逐月（再点一次该支部看合计）` : '合计逐月（点一个支部看该支部）'}</Typography.Text>
            <ResponsiveTable
              size="small" rowKey="month" pagination={false} dataSource={rows}
              columns={[
                { title: '月份', dataIndex: 'month', render: (m: string) => monthLabel(m) },
                { title: '应交', key: 'due', render: (_: unknown, m) => yuan(m.dueFen) },
                { title: '已交', key: 'paid', render: (_: unknown, m) => yuan(m.paidFen) },
                { title: '当月实收', key: 'received', render: (_: unknown, m) => yuan(m.receivedFen) },
              ]}
            />
          </Flex>
        )}
      </Card>
      <ListPage<DuesPayment>
        key={`payments-${year}`} title={`${year} 年交纳记录`} url={`${DUES_URL}/payments`} params={{ year }} rowKey="id" columns={payColumns}
        exportName={`党费交纳记录-${year}`} tableProps={{ phoneTitle: 'name' }}
      />
    </>
  );
}

function HandoverTab({ year, onAdd }: { year: number; onAdd?: () => void }) {
  const rec = useQuery({ queryKey: ['dues', 'reconciliation', year], queryFn: ({ signal }) => api.get<Reconciliation>(`${DUES_URL}/reconciliation`, { year }, signal) });
  const list = useQuery({ queryKey: ['dues', 'handovers', year], queryFn: ({ signal }) => api.get<{ items: Handover[] }>(`${DUES_URL}/handovers`, { year }, signal) });
  const r = rec.data;
  const diff = (fen: number, flagged: boolean) => (flagged ? <Tag color={fen > 0 ? 'warning' : 'error'}>{fen > 0 ? `待上缴 ${yuan(fen)}` : `多缴 ${yuan(-fen)}`}</Tag> : <Tag color="success">相符</Tag>);
  return (
    <>
      <Card size="small" loading={rec.isPending} title={`${year} 年对账：实收与上缴`} extra={onAdd && <Button type="primary" icon={<PlusOutlined />} onClick={onAdd}>登记上缴</Button>}>
        {r && (
          <Flex vertical gap={12}>
            <Flex wrap gap={24}>
              <Statistic title="实收（元）" value={yuan(r.totals.receivedFen)} />
              <Statistic title="已上缴（元）" value={yuan(r.totals.handedFen)} />
              <Statistic title="差额（元）" value={yuan(r.totals.differenceFen)} />
            </Flex>
            <ResponsiveTable
              size="small" rowKey="orgId" pagination={false} dataSource={r.branches}
              columns={[
                { title: '党支部', dataIndex: 'orgName' },
                { title: '实收', key: 'received', render: (_: unknown, b) => yuan(b.receivedFen) },
                { title: '已上缴', key: 'handed', render: (_: unknown, b) => yuan(b.handedFen) },
                { title: '对账', key: 'diff', render: (_: unknown, b) => diff(b.differenceFen, b.flagged) },
              ]}
            />
          </Flex>
        )}
      </Card>
      <Card size="small" title="上缴记录" loading={list.isPending}>
        <ResponsiveTable
          size="small" rowKey="id" pagination={false} dataSource={list.data?.items ?? []}
          columns={[
            { title: '党支部', dataIndex: 'orgName' },
            { title: '日期', dataIndex: 'handedOn' },
            { title: '金额（元）', key: 'amount', render: (_: unknown, h) => yuan(h.amountFen) },
            { title: '备注', dataIndex: 'note' },
          ]}
        />
      </Card>
      <Card size="small" title="党委逐月合计" loading={rec.isPending}>
        <Table
          size="small" rowKey="month" pagination={false} dataSource={r?.months ?? []}
          columns={[
            { title: '月份', dataIndex: 'month', render: (m: string) => monthLabel(m) },
            { title: '实收', key: 'received', render: (_: unknown, m: Reconciliation['months'][number]) => yuan(m.receivedFen) },
            { title: '上缴', key: 'handed', render: (_: unknown, m: Reconciliation['months'][number]) => yuan(m.handedFen) },
          ]}
        />
      </Card>
    </>
  );
}

function PublicityTab({ year }: { year: number }) {
  const branches = useBranches();
  const [orgId, setOrgId] = useState<string | undefined>();
  const chosen = orgId ?? branches.data?.items[0]?.id;
  const name = branches.data?.items.find((b) => b.id === chosen)?.name ?? '';
  const { downloading, start } = useDownload();
  return (
    <Card size="small" title={`${year} 年度党费公示`}>
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">每名党员的月缴金额、已交月份与未交月份，不含收入；是否隐去姓名中间的字由“业务规则 · 党费标准与提醒”设定。</Typography.Text>
        <Select value={chosen} onChange={setOrgId} loading={branches.isPending} style={{ maxWidth: 360 }} aria-label="党支部"
          options={branches.data?.items.map((b) => ({ value: b.id, label: b.name }))} />
        <Space wrap>
          <Button icon={<DownloadOutlined />} loading={downloading} disabled={!chosen} onClick={() => void start(`${DUES_URL}/publicity`, { year, orgId: chosen, format: 'xlsx' }, `${name}${year}年度党费公示.xlsx`)}>公示表（Excel）</Button>
          <Button icon={<FileWordOutlined />} loading={downloading} disabled={!chosen} onClick={() => void start(`${DUES_URL}/publicity`, { year, orgId: chosen, format: 'docx' }, `${name}${year}年度党费公示.docx`)}>公示文稿（Word）</Button>
        </Space>
      </Flex>
    </Card>
  );
}
