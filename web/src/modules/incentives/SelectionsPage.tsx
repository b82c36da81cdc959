// 表彰评选 (incentive.read): the yearly “两优一先” selections; one opens in a drawer with its quotas, stage,
// nominations per category (the snapshot taken at nomination, review, objections) and the drafts. A branch
// nominates while the selection is open; the 党委 moves it on: 审核 → 公示 → 决定. `?id=` opens one.
import { useState } from 'react';
import { Alert, App, Button, Descriptions, Divider, Flex, Grid, Popconfirm, Popover, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { api, errorMessage } from '../../api/client';
import { useSession } from '../../app/session';
import { DetailDrawer } from '../../components/DetailDrawer';
import { PageContainer } from '../../components/PageContainer';
import { RecordLink } from '../../components/RecordLink';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { useDownload } from '../../components/useDownload';
import { useOpenId } from '../../components/useOpenId';
import { NominationModal } from './NominationForm';
import {
  NOMINATION_STATUS, nominationUrl, SELECTION_STATUS, selectionUrl, useRefreshIncentives, useSelection, useSelections,
  type Nomination, type Selection,
} from './SelectionApi';
import { DecideModal, HandleObjectionModal, ObjectionModal, PublicityModal, ReviewModal, SelectionCreateModal } from './SelectionForms';

/** The nominee's data as it stood at nomination. */
function SnapshotView({ n }: { n: Nomination }) {
  return (
    <div style={{ maxWidth: 340 }}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>推荐时（{n.snapshot.takenAt.slice(0, 10)}）的数据，之后不再变化</Typography.Text>
      <Descriptions size="small" column={1} style={{ marginTop: 8 }}
        items={n.snapshot.items.map((i) => ({ key: i.key, label: i.label, children: <span>{i.value ?? '暂无'}{i.note && <Typography.Text type="secondary" style={{ fontSize: 12 }}>（{i.note}）</Typography.Text>}</span> }))} />
    </div>
  );
}

function NominationList({ items, onReview, onObject, onHandle, onChanged }: {
  items: Nomination[]; onReview: (n: Nomination) => void; onObject: (n: Nomination) => void; onHandle: (id: string) => void; onChanged: () => void;
}) {
  const { message } = App.useApp();
  const withdraw = async (n: Nomination) => {
    try {
      await api.post(nominationUrl(n.id, 'withdraw'));
      void message.success('已撤回');
      onChanged();
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };
  const columns: ColumnsType<Nomination> = [
    {
      title: '推荐对象', dataIndex: 'nomineeName', width: 170,
      render: (v: string, n) => (
        <Flex vertical>
          <span>{v}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{`${n.orgName}推荐`}</Typography.Text>
        </Flex>
      ),
    },
    { title: '状态', dataIndex: 'status', width: 96, render: (s: Nomination['status'], n) => <Tag color={NOMINATION_STATUS[s].color} title={n.reviewNote ?? undefined}>{NOMINATION_STATUS[s].label}</Tag> },
    {
      title: '主要事迹', dataIndex: 'deeds',
      render: (d: string, n) => (
        <Flex vertical gap={4}>
          <Typography.Paragraph ellipsis={{ rows: 2, expandable: true, symbol: '展开' }} style={{ marginBottom: 0 }}>{d}</Typography.Paragraph>
          {n.reviewNote && <Typography.Text type="secondary" style={{ fontSize: 12 }}>审核说明：{n.reviewNote}</Typography.Text>}
          {n.objections.map((o) => (
            <Typography.Text key={o.id} type={o.handling ? 'secondary' : 'warning'} style={{ fontSize: 12 }}>
              异议（{o.receivedOn}）：{o.content}{o.handling ? ` —— 处理：${o.handling}` : ' —— 待处理'}
              {!o.handling && n.allowed.includes('object') && <Button type="link" size="small" onClick={() => onHandle(o.id)}>处理</Button>}
            </Typography.Text>
          ))}
        </Flex>
      ),
    },
    {
      title: '操作', key: 'actions', width: 200,
      render: (_: unknown, n) => (
        <Space wrap size={4}>
          <Popover content={<SnapshotView n={n} />} title={`${n.nomineeName}：推荐时数据`} trigger="click"><Button size="small">推荐时数据</Button></Popover>
          {n.allowed.includes('review') && <Button size="small" type="primary" ghost onClick={() => onReview(n)}>审核</Button>}
          {n.allowed.includes('object') && <Button size="small" onClick={() => onObject(n)}>登记异议</Button>}
          {n.allowed.includes('withdraw') && (
            <Popconfirm title="撤回这条推荐？" okText="撤回" cancelText="取消" onConfirm={() => void withdraw(n)}><Button size="small" danger>撤回</Button></Popconfirm>
          )}
        </Space>
      ),
    },
  ];
  return <ResponsiveTable<Nomination> size="small" rowKey="id" columns={columns} dataSource={items} pagination={false} phoneTitle="nomineeName" locale={{ emptyText: '暂无推荐' }} />;
}

function SelectionDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { message } = App.useApp();
  const refresh = useRefreshIncentives();
  const record = useSelection(id);
  const s = record.data;
  const { downloading, start } = useDownload();
  const phone = Grid.useBreakpoint().md === false;
  const [dialog, setDialog] = useState<null | 'nominate' | 'publicity' | 'decide'>(null);
  const [reviewing, setReviewing] = useState<Nomination | null>(null);
  const [objecting, setObjecting] = useState<Nomination | null>(null);
  const [handling, setHandling] = useState<string | null>(null);
  const done = () => {
    setDialog(null);
    setReviewing(null);
    setObjecting(null);
    setHandling(null);
    void refresh();
  };
  const startReview = async () => {
    try {
      await api.post(selectionUrl(s!.id, 'review'));
      void message.success('推荐已结束，进入党委审核');
      void refresh();
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };
  const actions = s && (
    <Space wrap>
      {s.allowed.includes('nominate') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog('nominate')}>推荐对象</Button>}
      {s.allowed.includes('review') && (
        <Popconfirm title="结束推荐并进入党委审核？各支部将不能再推荐。" okText="确定" cancelText="取消" onConfirm={() => void startReview()}>
          <Button>结束推荐</Button>
        </Popconfirm>
      )}
      {s.allowed.includes('publicity') && <Button type="primary" onClick={() => setDialog('publicity')}>开始公示</Button>}
      {s.allowed.includes('decide') && <Button type="primary" onClick={() => setDialog('decide')}>作出决定</Button>}
    </Space>
  );
  const downloads = s && (
    <Space wrap>
      <Button icon={<DownloadOutlined />} loading={downloading} onClick={() => void start(selectionUrl(s.id, 'nominations.xlsx'), undefined, `${s.year}年度表彰推荐名单.xlsx`)}>推荐名单 Excel</Button>
      {(s.status === 'publicising' || s.status === 'decided' || s.status === 'reviewing') && (
        <Button icon={<DownloadOutlined />} loading={downloading} onClick={() => void start(selectionUrl(s.id, 'publicity.docx'), undefined, `表彰公示-${s.year}.docx`)}>公示通知 Word</Button>
      )}
      <Button icon={<DownloadOutlined />} loading={downloading} onClick={() => void start(selectionUrl(s.id, 'decision.docx'), undefined, `表彰决定-${s.year}.docx`)}>表彰决定草稿 Word</Button>
    </Space>
  );
  return (
    <DetailDrawer title={s ? s.title : '表彰评选'} open={!!id} onClose={onClose} loading={record.isPending && !!id} width={920} extra={!phone && actions}>
      {record.isError && <Alert type="error" showIcon title={errorMessage(record.error)} />}
      {s && (
        <Flex vertical gap={16}>
          {phone && actions}
          <Descriptions size="small" bordered={!phone} column={phone ? 1 : 2} items={[
            { key: 'status', label: '阶段', children: <Tag color={SELECTION_STATUS[s.status].color}>{SELECTION_STATUS[s.status].label}</Tag> },
            { key: 'by', label: '推荐截止', children: s.nominateBy },
            { key: 'quotas', label: '名额', span: phone ? 1 : 2, children: s.categories.map((c) => `${c.name} ${s.quotas[c.code]} 名（已通过 ${(s.counts[c.code]?.accepted ?? 0) + (s.counts[c.code]?.honoured ?? 0)}）`).join('；') },
            { key: 'pub', label: '公示期', children: s.publicityFrom ? `${s.publicityFrom} 至 ${s.publicityTo}` : `未开始（不少于 ${s.minPublicityWorkingDays} 个工作日）` },
            { key: 'dec', label: '表彰决定', children: s.decidedOn ? `${s.decisionNo}（${s.decidedOn}）` : '-' },
          ]} />
          {s.openObjections > 0 && <Alert type="warning" showIcon title={`公示期间尚有 ${s.openObjections} 条异议待处理，处理完毕后才能作出决定`} />}
          {downloads}
          {s.categories.map((c) => (
            <div key={c.code}>
              <Divider titlePlacement="start">{c.name}（名额 {s.quotas[c.code]}）</Divider>
              <NominationList items={s.nominations.filter((n) => n.category === c.code)} onReview={setReviewing} onObject={setObjecting} onHandle={setHandling} onChanged={() => void refresh()} />
            </div>
          ))}
        </Flex>
      )}
      <NominationModal key={`n${String(dialog === 'nominate')}`} selection={dialog === 'nominate' ? s ?? null : null} onClose={() => setDialog(null)} onDone={done} />
      <PublicityModal selection={dialog === 'publicity' ? s ?? null : null} onClose={() => setDialog(null)} onDone={done} />
      <DecideModal key={`d${String(dialog === 'decide')}`} selection={dialog === 'decide' ? s ?? null : null} onClose={() => setDialog(null)} onDone={done} />
      <ReviewModal key={reviewing?.id ?? 'r'} nomination={reviewing} onClose={() => setReviewing(null)} onDone={done} />
      <ObjectionModal nomination={objecting} onClose={() => setObjecting(null)} onDone={done} />
      <HandleObjectionModal objectionId={handling} onClose={() => setHandling(null)} onDone={done} />
    </DetailDrawer>
  );
}

export default function SelectionsPage() {
  const { can } = useSession();
  const [openId, setOpen] = useOpenId();
  const list = useSelections();
  const refresh = useRefreshIncentives();
  const [creating, setCreating] = useState(false);
  const columns: ColumnsType<Selection> = [
    {
      title: '评选', dataIndex: 'title',
      render: (v: string, s) => <RecordLink onOpen={() => setOpen(s.id)} sub={`推荐截止 ${s.nominateBy}`}>{v}</RecordLink>,
    },
    { title: '阶段', dataIndex: 'status', render: (st: Selection['status']) => <Tag color={SELECTION_STATUS[st].color}>{SELECTION_STATUS[st].label}</Tag> },
    {
      title: '推荐与通过', key: 'counts',
      render: (_: unknown, s) => (
        <Flex vertical>
          {s.categories.map((c) => {
            const k = s.counts[c.code];
            const total = (k?.nominated ?? 0) + (k?.accepted ?? 0) + (k?.rejected ?? 0) + (k?.honoured ?? 0);
            return <span key={c.code}>{c.name}：推荐 {total}，{s.status === 'decided' ? `表彰 ${k?.honoured ?? 0}` : `通过 ${k?.accepted ?? 0}`} / 名额 {s.quotas[c.code]}</span>;
          })}
        </Flex>
      ),
    },
    { title: '公示期', key: 'pub', render: (_: unknown, s) => (s.publicityFrom ? `${s.publicityFrom} 至 ${s.publicityTo}` : '-') },
    { title: '决定', key: 'dec', render: (_: unknown, s) => (s.decidedOn ? <Flex vertical><span>{s.decisionNo}</span><Typography.Text type="secondary">{s.decidedOn}</Typography.Text></Flex> : '-') },
  ];
  return (
    <PageContainer
      title="表彰评选"
      subTitle="年度“两优一先”：支部推荐（留存推荐时数据）→ 党委审核（不超过名额）→ 公示不少于 5 个工作日 → 表彰决定，荣誉记入档案。"
      extra={can('incentive.manage') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>新建评选</Button>}
    >
      {list.isError && <Alert type="error" showIcon title={errorMessage(list.error)} />}
      <ResponsiveTable<Selection> rowKey="id" columns={columns} dataSource={list.data?.items ?? []} loading={list.isPending} pagination={false} phoneTitle="title" />
      <SelectionDrawer id={openId} onClose={() => setOpen(null)} />
      {creating && <SelectionCreateModal open onClose={() => setCreating(false)} onDone={(id) => { setCreating(false); void refresh(); setOpen(id); }} />}
    </PageContainer>
  );
}
