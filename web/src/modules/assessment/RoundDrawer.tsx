// One round: its facts and lifecycle buttons (开始审核, 退回评分, 发布, 导出奖金系数), the progress of sheets per
// target and assessor, the results (ranking chart and table with stars, bonus coefficient and every leaf,
// corrections after publication, a target's history) and the anomalies with a one-click 督办 each.
import { lazy, Suspense, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Drawer, Empty, Flex, Form, Grid, Input, InputNumber, List, Modal, Progress, Select, Skeleton, Space, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { DownloadOutlined, LineChartOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { api, errorMessage, isApiError } from '../../api/client';
import type { ApiResponse } from '../../api/types';
import { FormModal } from '../../components/FormModal';
import { useDownload } from '../../components/useDownload';
import { formatInstant, formatInstantMinute } from '../../lib/time';
import { useAnomalies, useRefreshAssessment, useResults, useRound, useRoundSheets, useTargetHistory } from './api';
import {
  ROUND_STATUS_COLOR,
  ROUND_STATUS_LABEL,
  SHEET_KIND_LABEL,
  SHEET_STATUS_LABEL,
  formatScore,
  labelOf,
  roundUrl,
  stars,
  type Anomaly,
  type ResultRow,
  type Results,
  type RoundDetail,
  type RoundTarget,
  type Sheet,
} from './types';

const AssessmentChart = lazy(() => import('./AssessmentChart'));

function ProgressPanel({ round }: { round: RoundDetail }) {
  const sheets = useRoundSheets(round.id);
  const refresh = useRefreshAssessment();
  const { message } = App.useApp();
  const byTarget = useMemo(() => {
    const m = new Map<string, Sheet[]>();
    for (const s of sheets.data ?? []) m.set(s.targetId, [...(m.get(s.targetId) ?? []), s]);
    return m;
  }, [sheets.data]);

  const reopen = (s: Sheet) =>
    Modal.confirm({
      title: `退回 ${s.assessorName ?? ''} 对“${s.targetName}”的评分表？`,
      content: '退回后考核人可以修改并重新提交。',
      okText: '退回',
      cancelText: '取消',
      onOk: async () => {
        try {
          await api.post(`/api/v1/assessment/sheets/${encodeURIComponent(s.id)}/reopen`);
          void message.success('已退回');
          await refresh();
        } catch (e) {
          void message.error(errorMessage(e));
        }
      },
    });

  const sheetColumns: ColumnsType<Sheet> = [
    { title: '评分人', dataIndex: 'assessorName', render: (v: string | null, s) => `${v ?? '-'}（${labelOf(SHEET_KIND_LABEL, s.kind)}${s.unitName ? `·${s.unitName}` : ''}）` },
    {
      title: '状态',
      dataIndex: 'status',
      render: (v: Sheet['status'], s) => (
        <Space size={4}>
          <Tag color={v === 'submitted' ? 'success' : 'processing'}>{labelOf(SHEET_STATUS_LABEL, v)}</Tag>
          {s.submittedAt && <Typography.Text type="secondary">{formatInstantMinute(s.submittedAt)}</Typography.Text>}
        </Space>
      ),
    },
    { title: '已评', dataIndex: 'scoredCount', render: (v: number, s) => `${v}/${s.leafCount} 项，${formatScore(s.total)} 分` },
    {
      title: '',
      key: 'op',
      render: (_: unknown, s) =>
        round.can.manage && s.status === 'submitted' && round.status !== 'published' ? (
          <Button size="small" type="link" onClick={() => reopen(s)}>
            退回
          </Button>
        ) : null,
    },
  ];

  const columns: ColumnsType<RoundTarget> = [
    { title: '考核对象', dataIndex: 'targetName' },
    { title: '考核人', dataIndex: 'assessorName', responsive: ['sm'], render: (v: string | null) => v ?? '-' },
    {
      title: '评分表',
      dataIndex: 'sheetsSubmitted',
      render: (v: number, t) => (
        <Progress size="small" style={{ minWidth: 120, margin: 0 }} percent={t.sheetsTotal ? Math.round((v / t.sheetsTotal) * 100) : 0} format={() => `${v}/${t.sheetsTotal}`} status={t.sheetsTotal > 0 && v === t.sheetsTotal ? 'success' : 'active'} />
      ),
    },
  ];
  return (
    <Flex vertical gap={8}>
      {sheets.isError && <Alert type="error" showIcon title={errorMessage(sheets.error)} />}
      <Table<RoundTarget>
        rowKey="targetId"
        size="small"
        columns={columns}
        dataSource={round.targets}
        pagination={false}
        scroll={{ x: 'max-content' }}
        expandable={{
          rowExpandable: (t) => (byTarget.get(t.targetId)?.length ?? 0) > 0,
          expandedRowRender: (t) => <Table<Sheet> rowKey="id" size="small" columns={sheetColumns} dataSource={byTarget.get(t.targetId) ?? []} pagination={false} />,
        }}
      />
    </Flex>
  );
}

function HistoryModal({ target, schemeId, onClose }: { target: { id: string; name: string } | null; schemeId: string; onClose: () => void }) {
  const history = useTargetHistory(target?.id ?? null, schemeId);
  const points = (history.data ?? []).map((h) => ({ label: h.periodLabel, value: h.total }));
  return (
    <Modal open={!!target} onCancel={onClose} footer={null} title={`${target?.name ?? ''} 历次考核得分`} width={720} destroyOnHidden>
      {history.isError && <Alert type="error" showIcon title={errorMessage(history.error)} />}
      {history.isPending ? (
        <Skeleton active />
      ) : points.length === 0 ? (
        <Empty description="还没有已发布的考核结果" />
      ) : (
        <Flex vertical gap={8}>
          <Suspense fallback={<Skeleton active />}>
            <AssessmentChart kind="history" points={points} max={history.data?.[0]?.maxTotal} ariaLabel={`${target?.name ?? ''} 历次考核得分折线图`} />
          </Suspense>
          <Table
            rowKey="roundId"
            size="small"
            pagination={false}
            dataSource={history.data}
            columns={[
              { title: '考核期', dataIndex: 'periodLabel' },
              { title: '总分', dataIndex: 'total', render: (v: number) => formatScore(v) },
              { title: '排名', dataIndex: 'rank' },
              { title: '星级', dataIndex: 'stars', render: (v: number) => <span style={{ color: '#fa8c16' }}>{stars(v)}</span> },
            ]}
          />
        </Flex>
      )}
    </Modal>
  );
}

interface CorrectionValues {
  indicatorId: string;
  score: number;
  reason: string;
}

function ResultsPanel({ round, results }: { round: RoundDetail; results: Results }) {
  const refresh = useRefreshAssessment();
  const [history, setHistory] = useState<{ id: string; name: string } | null>(null);
  const [correcting, setCorrecting] = useState<ResultRow | null>(null);
  const leafMax = useMemo(() => new Map(results.indicators.map((i) => [i.id, i])), [results.indicators]);
  const maxTotal = results.items[0]?.maxTotal ?? results.indicators.reduce((s, i) => s + i.maxScore, 0);
  const points = results.items.map((r) => ({ label: `${r.rank}. ${r.targetName}`, value: r.total }));
  const canCorrect = round.can.manage && results.published;

  const columns: ColumnsType<ResultRow> = [
    { title: '排名', dataIndex: 'rank', className: 'result-rank', fixed: 'left', width: 64, render: (v: number) => <Typography.Text strong>{v}</Typography.Text> },
    {
      title: '考核对象',
      dataIndex: 'targetName',
      fixed: 'left',
      render: (v: string, r) => (
        <Space size={4}>
          <span>{v}</span>
          <Tooltip title="历次得分">
            <Button size="small" type="text" icon={<LineChartOutlined />} aria-label={`${v} 历次得分`} onClick={() => setHistory({ id: r.targetId, name: v })} />
          </Tooltip>
        </Space>
      ),
    },
    {
      title: '总分',
      dataIndex: 'total',
      className: 'result-total',
      render: (v: number, r) => (
        <Space size={4}>
          <Typography.Text strong>{formatScore(v)}</Typography.Text>
          {r.missing.length > 0 && (
            <Tooltip title={`${r.missing.length} 项无分数，按 0 分计：${r.missing.map((id) => leafMax.get(id)?.name ?? id).join('、')}`}>
              <Tag color="warning">缺 {r.missing.length} 项</Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    { title: '星级', dataIndex: 'stars', render: (v: number, r) => <Tooltip title={r.starName}><span style={{ color: '#fa8c16', whiteSpace: 'nowrap' }}>{stars(v)}</span></Tooltip> },
    { title: '奖金系数', dataIndex: 'bonusCoefficient', render: (v: number) => v.toFixed(2) },
    ...results.indicators.map((ind) => ({
      title: (
        <Tooltip title={`${ind.path ? `${ind.path} / ` : ''}${ind.name}（满分 ${formatScore(ind.maxScore)}${ind.mode === 'auto' ? '，自动取数' : ''}）`}>
          <span style={{ whiteSpace: 'nowrap' }}>{ind.name}</span>
        </Tooltip>
      ),
      key: ind.id,
      responsive: ['md' as const],
      render: (_: unknown, r: ResultRow) => {
        const corrected = r.corrections.filter((c) => c.indicatorId === ind.id);
        const v = r.scores[ind.id];
        return corrected.length > 0 ? (
          <Tooltip title={corrected.map((c) => `${c.by ?? '-'} ${formatInstantMinute(c.at)} 由 ${formatScore(c.oldScore)} 更正为 ${formatScore(c.newScore)}：${c.reason}`).join('\n')}>
            <Typography.Text type="warning">{formatScore(v)}*</Typography.Text>
          </Tooltip>
        ) : (
          formatScore(v)
        );
      },
    })),
    ...(canCorrect
      ? [
          {
            title: '',
            key: 'op',
            fixed: 'right' as const,
            render: (_: unknown, r: ResultRow) => (
              <Button size="small" type="link" onClick={() => setCorrecting(r)}>
                更正
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <Flex vertical gap={12}>
      {!results.published && <Alert type="info" showIcon title="结果尚未发布：以下为暂定结果，人工指标只计已提交的评分表。" />}
      {results.items.length > 0 && (
        <Card size="small" title="排名">
          <Suspense fallback={<Skeleton active />}>
            <AssessmentChart kind="ranking" points={points} max={maxTotal} ariaLabel={`${results.roundName} 得分排名柱状图`} />
          </Suspense>
        </Card>
      )}
      <Table<ResultRow>
        rowKey="targetId"
        size="small"
        data-testid="results-table"
        columns={columns}
        dataSource={results.items}
        pagination={false}
        scroll={{ x: 'max-content' }}
        expandable={
          results.items.some((r) => r.corrections.length > 0)
            ? {
          rowExpandable: (r) => r.corrections.length > 0,
          expandedRowRender: (r) => (
            <List
              size="small"
              header="更正记录"
              dataSource={r.corrections}
              renderItem={(c) => (
                <List.Item>
                  {leafMax.get(c.indicatorId)?.name ?? c.indicatorId}：{formatScore(c.oldScore)} → {formatScore(c.newScore)}，原因：{c.reason}（{c.by ?? '-'}，{formatInstant(c.at)}）
                </List.Item>
              )}
            />
          ),
              }
            : undefined
        }
      />
      <HistoryModal target={history} schemeId={round.schemeId} onClose={() => setHistory(null)} />
      <FormModal<CorrectionValues>
        title={`更正得分：${correcting?.targetName ?? ''}`}
        open={!!correcting}
        onClose={() => setCorrecting(null)}
        okText="更正"
        successMessage="已更正"
        onSubmit={(v) => api.post(roundUrl(round.id, 'corrections'), { targetId: correcting!.targetId, indicatorId: v.indicatorId, score: v.score, reason: v.reason })}
        onSuccess={() => void refresh()}
      >
        <Alert type="warning" showIcon title="已发布的分数只能通过更正修改，须说明原因，更正会记入审计日志。" style={{ marginBottom: 12 }} />
        <Form.Item name="indicatorId" label="指标" rules={[{ required: true, message: '请选择指标' }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={results.indicators.map((i) => ({ value: i.id, label: `${i.name}（当前 ${formatScore(correcting?.scores[i.id])} / 满分 ${formatScore(i.maxScore)}）` }))}
          />
        </Form.Item>
        <Form.Item name="score" label="更正后得分" rules={[{ required: true, message: '请填写更正后得分' }]}>
          <InputNumber min={0} step={0.5} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="reason" label="更正原因" rules={[{ required: true, whitespace: true, message: '请填写更正原因' }]}>
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={500} />
        </Form.Item>
      </FormModal>
    </Flex>
  );
}

function AnomaliesPanel({ round }: { round: RoundDetail }) {
  const anomalies = useAnomalies(round.id, round.can.manage);
  const refresh = useRefreshAssessment();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const [opened, setOpened] = useState<Record<string, string>>({});

  const supervise = async (a: Anomaly) => {
    setBusy(a.key);
    try {
      const res = await api.post<ApiResponse<'/api/v1/assessment/rounds/{id}/anomalies/task', 'post'>>(roundUrl(round.id, 'anomalies/task'), { anomalyKey: a.key });
      setOpened((o) => ({ ...o, [a.key]: res.taskId }));
      void message.success(res.created ? '已发起督办' : '该异常已有督办事项');
      await refresh();
    } catch (e) {
      void message.error(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  if (!round.can.manage) return <Empty description="异常清单仅考核管理员可见" />;
  if (anomalies.isError) return <Alert type="error" showIcon title={errorMessage(anomalies.error)} />;
  if (anomalies.isPending) return <Skeleton active />;
  const items = anomalies.data ?? [];
  if (items.length === 0) return <Empty description="未发现异常" />;
  return (
    <List
      data-testid="anomalies"
      dataSource={items}
      renderItem={(a) => {
        const taskId = opened[a.key] ?? a.taskId;
        return (
          <List.Item
            actions={[
              taskId ? (
                <Link key="task" to={`/tasks?id=${encodeURIComponent(taskId)}`}>
                  查看督办
                </Link>
              ) : (
                <Button key="task" size="small" danger loading={busy === a.key} onClick={() => void supervise(a)}>
                  督办
                </Button>
              ),
            ]}
          >
            <List.Item.Meta
              title={
                <Space size={4} wrap>
                  <Tag color="error">{a.typeName}</Tag>
                  {a.targetName && <span>{a.targetName}</span>}
                  {a.assessorName && <Typography.Text type="secondary">考核人：{a.assessorName}</Typography.Text>}
                </Space>
              }
              description={a.description}
            />
          </List.Item>
        );
      }}
    />
  );
}

export function RoundDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const round = useRound(id);
  const r = round.data;
  const results = useResults(id, !!r && r.status !== 'open');
  const refresh = useRefreshAssessment();
  const { message, modal } = App.useApp();
  const screens = Grid.useBreakpoint();
  const phone = screens.md === false;
  const { downloading, start: startDownload } = useDownload();
  const [busy, setBusy] = useState<string | null>(null);
  const [tab, setTab] = useState<string>('progress');
  const [forcing, setForcing] = useState<string | null>(null);

  const act = async (key: string, fn: () => Promise<unknown>, ok: string) => {
    setBusy(key);
    try {
      await fn();
      void message.success(ok);
      await refresh();
      return true;
    } catch (e) {
      if (key === 'publish' && isApiError(e) && e.status === 409 && /未提交/.test(e.message)) setForcing(e.message);
      else void message.error(errorMessage(e));
      return false;
    } finally {
      setBusy(null);
    }
  };

  const startReview = () =>
    modal.confirm({
      title: '开始审核？',
      content: '将按考核期计算并固定所有自动取数指标的得分，评分表仍可提交。',
      okText: '开始审核',
      cancelText: '取消',
      onOk: () => act('review', () => api.post(roundUrl(id, 'start-review')), '已开始审核，自动指标得分已固定'),
    });
  const backToScoring = () =>
    modal.confirm({
      title: '退回评分阶段？',
      content: '已固定的自动指标得分将被清除，再次开始审核时重新计算。',
      okText: '退回评分',
      cancelText: '取消',
      onOk: () => act('back', () => api.post(roundUrl(id, 'back-to-scoring')), '已退回评分阶段'),
    });
  const publish = () =>
    modal.confirm({
      title: '发布考核结果？',
      content: '发布后分数锁定，只能通过更正（须说明原因）修改。',
      okText: '发布',
      cancelText: '取消',
      onOk: async () => {
        if (await act('publish', () => api.post(roundUrl(id, 'publish'), {}), '考核结果已发布')) setTab('results');
      },
    });

  const buttons = r && (
    <Space wrap>
      {r.can.startReview && (r.status === 'open' || r.status === 'scoring') && (
        <Button loading={busy === 'review'} onClick={startReview}>
          开始审核
        </Button>
      )}
      {r.can.manage && r.status === 'review' && (
        <Button loading={busy === 'back'} onClick={backToScoring}>
          退回评分
        </Button>
      )}
      {r.can.manage && r.status === 'review' && (
        <Button type="primary" loading={busy === 'publish'} onClick={publish}>
          发布
        </Button>
      )}
      {r.status !== 'open' && (
        <Button icon={<DownloadOutlined />} loading={downloading} onClick={() => void startDownload(roundUrl(id, 'results.xlsx'), undefined, `${r.name}奖金系数.xlsx`)}>
          导出奖金系数
        </Button>
      )}
    </Space>
  );

  return (
    <Drawer open onClose={onClose} size={phone ? '100%' : 1040} title={r ? `考核批次：${r.name}` : '考核批次'} extra={!phone && buttons} destroyOnHidden>
      {round.isError && <Alert type="error" showIcon title={errorMessage(round.error)} />}
      {round.isPending ? (
        <Skeleton active />
      ) : r ? (
        <Flex vertical gap={12}>
          {phone && buttons}
          <Descriptions
            size="small"
            bordered
            column={phone ? 1 : 2}
            styles={{ label: { whiteSpace: 'nowrap' } }}
            items={[
              { key: 'status', label: '状态', children: <Tag color={ROUND_STATUS_COLOR[r.status]}>{r.statusName || labelOf(ROUND_STATUS_LABEL, r.status)}</Tag> },
              { key: 'period', label: '考核期', children: `${r.periodLabel}（${r.periodFrom} 至 ${r.periodTo}）` },
              { key: 'scheme', label: '考核方案', children: `${r.schemeName}（第 ${r.schemeVersion} 版）` },
              { key: 'root', label: '考核范围', children: r.rootOrgName },
              { key: 'deadline', label: '截止日期', children: r.deadline },
              { key: 'sheets', label: '评分表', children: `已提交 ${r.sheetsSubmitted} / ${r.sheetsTotal}，对象 ${r.targetCount} 个` },
              ...(r.reviewAt ? [{ key: 'review', label: '开始审核', children: formatInstant(r.reviewAt) }] : []),
              ...(r.publishedAt ? [{ key: 'published', label: '发布时间', children: formatInstant(r.publishedAt) }] : []),
            ]}
          />
          <Tabs
            activeKey={tab}
            onChange={setTab}
            items={[
              { key: 'progress', label: '评分进度', children: <ProgressPanel round={r} /> },
              {
                key: 'results',
                label: '结果排名',
                children:
                  r.status === 'open' ? (
                    <Empty description="还没有提交的评分表" />
                  ) : results.isError ? (
                    <Alert type="error" showIcon title={errorMessage(results.error)} />
                  ) : results.data ? (
                    <ResultsPanel round={r} results={results.data} />
                  ) : (
                    <Skeleton active />
                  ),
              },
              ...(r.can.manage ? [{ key: 'anomalies', label: '异常', children: <AnomaliesPanel round={r} /> }] : []),
            ]}
          />
        </Flex>
      ) : null}
      <FormModal<{ reason: string }>
        title="强制发布"
        open={!!forcing}
        onClose={() => setForcing(null)}
        okText="强制发布"
        successMessage="考核结果已发布"
        onSubmit={(v) => api.post(roundUrl(id, 'publish'), { force: true, reason: v.reason })}
        onSuccess={() => {
          void refresh();
          setTab('results');
        }}
      >
        <Alert type="warning" showIcon title={`${forcing ?? ''}。未提交评分表的指标按 0 分计。`} style={{ marginBottom: 12 }} />
        <Form.Item name="reason" label="强制发布原因" rules={[{ required: true, whitespace: true, message: '请填写强制发布原因' }]}>
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={500} />
        </Form.Item>
      </FormModal>
    </Drawer>
  );
}
