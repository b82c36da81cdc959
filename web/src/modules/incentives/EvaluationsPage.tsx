// 考评 (incentive.read): the rounds (the committee opens one per period and closes it), and per round every plaque
// in scope with its three parts, total and 建议摘牌 flag; a row opens a drawer where the branch gives its evaluation.
// Filters: organisation, 建议摘牌, 待自评/待支部评价 (the 待办 link opens the latter). Excel export of the round.
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Alert, App, Button, Card, Descriptions, Drawer, Flex, Form, Input, InputNumber, Popconfirm, Progress, Select, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { errorMessage, type Query } from '../../api/client';
import { useSession } from '../../app/session';
import { FormModal } from '../../components/FormModal';
import { PageContainer } from '../../components/PageContainer';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { useDownload } from '../../components/useDownload';
import { ScopeOrgTreeSelect } from '../members/orgPickers';
import {
  closeRound, evaluationsUrl, openRound, useEvaluations, useRefresh, useRounds, weightsText, writeBranch, type BranchInput, type Evaluation, type Round,
} from './evaluationApi';
import { PartsLine, TotalTag } from './EvaluationParts';

function nextPeriod(): string {
  const d = new Date();
  return `${d.getFullYear()}-H${d.getMonth() < 6 ? 1 : 2}`;
}

function BranchForm({ e, onDone }: { e: Evaluation; onDone: () => void }) {
  const { message } = App.useApp();
  const refresh = useRefresh();
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<BranchInput>();
  const save = async (v: BranchInput) => {
    setSaving(true);
    try {
      await writeBranch(e.id, v);
      message.success('已保存支部评价');
      await refresh();
      onDone();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Form form={form} layout="vertical" initialValues={{ score: e.branchScore ?? undefined, comment: e.branchComment ?? '' }} onFinish={(v) => void save(v)}>
      <Form.Item name="score" label="支部评价分（0–100）" rules={[{ required: true, message: '请填写支部评价分' }]}>
        <InputNumber min={0} max={100} step={0.5} precision={1} style={{ width: 160 }} />
      </Form.Item>
      <Form.Item name="comment" label="评价意见">
        <Input.TextArea rows={3} maxLength={500} showCount />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={saving}>保存支部评价</Button>
    </Form>
  );
}

function EvaluationDrawer({ e, round, onClose }: { e: Evaluation | null; round: Round | undefined; onClose: () => void }) {
  return (
    <Drawer open={!!e} onClose={onClose} title={e?.plaqueTitle} width={Math.min(560, window.innerWidth)} destroyOnHidden>
      {e && (
        <Flex vertical gap={16}>
          <Descriptions column={1} size="small" items={[
            { key: 'who', label: '党员', children: `${e.memberName}（${e.orgName}）` },
            { key: 'place', label: e.kind === 'post' ? '示范岗' : '责任区', children: e.place },
            { key: 'total', label: '总分', children: <TotalTag e={e} /> },
            { key: 'parts', label: '三项得分', children: <PartsLine e={e} /> },
            { key: 'report', label: '本人述职', children: e.selfReport ?? <Typography.Text type="secondary">尚未填写</Typography.Text> },
            { key: 'comment', label: '支部意见', children: e.branchComment ?? '—' },
          ]} />
          {round && <Typography.Text type="secondary">{weightsText(round)}</Typography.Text>}
          {e.plaqueFlagged && <Alert type="warning" showIcon title="该示范岗（责任区）已标记建议摘牌，由党委决定是否摘牌" />}
          {e.allowed.includes('branch') && <Card size="small" title="支部评价"><BranchForm e={e} onDone={onClose} /></Card>}
        </Flex>
      )}
    </Drawer>
  );
}

export default function EvaluationsPage() {
  const { can } = useSession();
  const manages = can('incentive.manage@root');
  const { message } = App.useApp();
  const refresh = useRefresh();
  const [params, setParams] = useSearchParams();
  const rounds = useRounds();
  const roundId = params.get('round') ?? rounds.data?.items[0]?.id;
  const round = rounds.data?.items.find((r) => r.id === roundId);
  const [orgId, setOrgId] = useState<string | undefined>();
  const flagged = params.get('flagged') ?? undefined;
  const pending = params.get('pending') ?? undefined;
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [openId, setOpenId] = useState<string | null>(null);
  const [opening, setOpening] = useState(false);
  const query = useMemo<Query>(() => ({ orgId, flagged, pending, page, pageSize }), [orgId, flagged, pending, page, pageSize]);
  const list = useEvaluations(roundId, query);
  const { downloading, start } = useDownload();
  const setParam = (k: string, v: string | undefined) => {
    setPage(1);
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      if (v) next.set(k, v); else next.delete(k);
      return next;
    });
  };
  const open = list.data?.items.find((e) => e.id === openId) ?? null;

  const columns: ColumnsType<Evaluation> = [
    {
      title: '示范岗 / 责任区', dataIndex: 'plaqueTitle', key: 'title',
      render: (t: string, e) => (
        <div>
          <div>{t}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{e.memberName} · {e.orgName} · {e.place}</Typography.Text>
        </div>
      ),
    },
    { title: '三项得分', key: 'parts', render: (_, e) => <PartsLine e={e} /> },
    { title: '总分', key: 'total', width: 150, render: (_, e) => <TotalTag e={e} /> },
    {
      title: '进度', key: 'state', width: 140,
      render: (_, e) => (
        <Space size={4} wrap>
          {e.selfScore === null && <Tag color="orange">待自评</Tag>}
          {e.branchScore === null && <Tag color="orange">待支部评价</Tag>}
          {e.selfScore !== null && e.branchScore !== null && <Tag color="blue">已完成</Tag>}
        </Space>
      ),
    },
    {
      title: '操作', key: 'actions', width: 90,
      render: (_, e) => <Button size="small" type="link" onClick={(ev) => { ev.stopPropagation(); setOpenId(e.id); }}>{e.allowed.includes('branch') ? '评价' : '查看'}</Button>,
    },
  ];

  return (
    <PageContainer
      title="示范岗考评"
      subTitle="党员示范岗、责任区按周期考评：本人自评、群众评价（扫码评价的平均星数×20）与支部评价加权计分，低于分数线的建议摘牌"
      extra={manages && <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpening(true)}>开启考评</Button>}
    >
      <Card size="small">
        <Flex gap={12} wrap align="center">
          <Select
            style={{ width: 300, maxWidth: '100%' }} loading={rounds.isPending} value={roundId} placeholder="暂无考评"
            options={rounds.data?.items.map((r) => ({ value: r.id, label: `${r.title}${r.status === 'open' ? '（进行中）' : '（已结束）'}` }))}
            onChange={(v: string) => setParam('round', v)}
          />
          {round && (
            <Flex gap={12} align="center" wrap style={{ flex: 1, minWidth: 240 }}>
              <Tag color={round.status === 'open' ? 'processing' : 'default'}>{round.status === 'open' ? '进行中' : '已结束'}</Tag>
              <span style={{ minWidth: 160, flex: 1, maxWidth: 320 }}>
                <Progress percent={round.count ? Math.round((100 * round.done) / round.count) : 0} size="small" format={() => `${round.done}/${round.count}`} />
              </span>
              {round.flagged > 0 && <Tag color="red">建议摘牌 {round.flagged}</Tag>}
              {manages && round.status === 'open' && (
                <Popconfirm
                  title="结束本次考评？" description="结束后群众评价得分固定，未填写的部分计 0 分，低于分数线的标记建议摘牌，不能再修改。"
                  onConfirm={async () => {
                    try { await closeRound(round.id); message.success('考评已结束'); await refresh(); } catch (e) { message.error(errorMessage(e)); }
                  }}
                >
                  <Button danger>结束考评</Button>
                </Popconfirm>
              )}
            </Flex>
          )}
        </Flex>
        {round && <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>{round.periodFrom} 至 {round.periodTo}。{weightsText(round)}</Typography.Paragraph>}
      </Card>
      {roundId && (
        <Card size="small">
          <Flex gap={8} wrap style={{ marginBottom: 12 }}>
            <ScopeOrgTreeSelect allowClear value={orgId} onChange={(v) => { setOrgId(v); setPage(1); }} style={{ width: 240, maxWidth: '100%' }} />
            <Select allowClear placeholder="进度" style={{ width: 140 }} value={pending} onChange={(v?: string) => setParam('pending', v)}
              options={[{ value: 'self', label: '待自评' }, { value: 'branch', label: '待支部评价' }]} />
            <Select allowClear placeholder="建议摘牌" style={{ width: 140 }} value={flagged} onChange={(v?: string) => setParam('flagged', v)}
              options={[{ value: 'true', label: '建议摘牌' }, { value: 'false', label: '未标记' }]} />
            <Button icon={<DownloadOutlined />} loading={downloading} onClick={() => void start(evaluationsUrl(roundId), { ...query, format: 'xlsx' }, `考评-${round?.period ?? ''}.xlsx`)}>导出</Button>
          </Flex>
          {list.isError && <Alert type="error" showIcon title={errorMessage(list.error)} />}
          <ResponsiveTable<Evaluation>
            rowKey="id" columns={columns} dataSource={list.data?.items} loading={list.isFetching} phoneTitle="title"
            onRow={(e) => ({ onClick: () => setOpenId(e.id), style: { cursor: 'pointer' } })}
            pagination={{ current: page, pageSize, total: list.data?.total ?? 0, showSizeChanger: true, onChange: (p, s) => { setPage(p); setPageSize(s); } }}
          />
        </Card>
      )}
      <EvaluationDrawer e={open} round={round} onClose={() => setOpenId(null)} />
      <FormModal<{ period: string }, Round>
        title="开启考评" open={opening} onClose={() => setOpening(false)} okText="开启" successMessage="考评已开启"
        initialValues={{ period: nextPeriod() }} onSubmit={(v) => openRound(v.period)}
        onSuccess={(r) => { setOpening(false); void refresh(); setParam('round', r.id); }}
      >
        <Form.Item name="period" label="考评周期" extra="如 2026-H1（上半年）；须与业务规则中的考评周期一致。开启后为周期内挂牌的每个示范岗、责任区建立考评记录，并复制当时的权重与分数线。" rules={[{ required: true, message: '请填写考评周期' }]}>
          <Input placeholder="2026-H2" />
        </Form.Item>
      </FormModal>
    </PageContainer>
  );
}
