// One score sheet: every manual leaf the assessor scores for the target, with its maximum, criteria, a score
// (0..max) and a note, and beside it the system's evidence for that target (value and formula). 暂存 keeps a
// draft; 提交 (after a confirmation) sends it in and the sheet becomes read-only.
import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Drawer, Empty, Flex, Grid, Input, InputNumber, Modal, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { api, errorMessage } from '../../api/client';
import { formatInstant } from '../../lib/time';
import { useRefreshAssessment, useSheet } from './api';
import { SHEET_KIND_LABEL, SHEET_STATUS_LABEL, formatScore, labelOf, sheetUrl, type Evidence, type SheetDetail, type SheetLine, type SheetPatch } from './types';

type Draft = Record<string, { score: number | null; note: string }>;

function draftOf(sheet: SheetDetail): Draft {
  const out: Draft = {};
  for (const l of sheet.lines) out[l.indicatorId] = { score: l.score, note: l.note ?? '' };
  return out;
}

export function shanghaiToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

function formatValue(e: Evidence): string {
  if (e.value === null) return '无数据';
  const v = Number.isInteger(e.value) ? String(e.value) : e.value.toFixed(2);
  return e.unit ? `${v} ${e.unit}` : v;
}

export function EvidenceBox({ evidence }: { evidence: Evidence }) {
  return (
    <Card size="small" data-testid="evidence" styles={{ body: { padding: 10, background: '#f9f0ff' } }}>
      <Flex vertical gap={2}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          系统数据{evidence.frozen ? '（审核时已固定）' : '（截至目前）'}
        </Typography.Text>
        <Typography.Text strong>
          {evidence.metricName}：{formatValue(evidence)}
        </Typography.Text>
        {evidence.score !== null && <Typography.Text>自动得分：{formatScore(evidence.score)} 分</Typography.Text>}
        {evidence.formula && (
          <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'pre-wrap' }}>
            {evidence.formula}
          </Typography.Text>
        )}
      </Flex>
    </Card>
  );
}

function LineRow({ line, value, onChange, readOnly, index }: { line: SheetLine; value: { score: number | null; note: string }; onChange: (v: { score: number | null; note: string }) => void; readOnly: boolean; index: number }) {
  const title = [...line.path, line.name].join(' › ');
  return (
    <Card size="small" data-testid="sheet-line" data-indicator={line.indicatorId}>
      <Row gutter={[12, 8]}>
        <Col xs={24} lg={line.evidence ? 15 : 24}>
          <Flex vertical gap={6}>
            <Space wrap size={4}>
              <Typography.Text type="secondary">{index + 1}.</Typography.Text>
              <Typography.Text strong>{title}</Typography.Text>
              <Tag color="red">满分 {formatScore(line.maxScore)}</Tag>
            </Space>
            {line.criteria && (
              <Typography.Text type="secondary" style={{ whiteSpace: 'pre-wrap' }}>
                评分标准：{line.criteria}
              </Typography.Text>
            )}
            <Flex gap={8} wrap align="center">
              <InputNumber
                aria-label={`${line.name} 得分`}
                min={0}
                max={line.maxScore}
                step={0.5}
                precision={1}
                style={{ width: 140 }}
                placeholder={`0 ~ ${formatScore(line.maxScore)}`}
                suffix="分"
                value={value.score}
                disabled={readOnly}
                onChange={(v) => onChange({ ...value, score: v === null || v === undefined ? null : Number(v) })}
              />
              <Input
                aria-label={`${line.name} 说明`}
                style={{ flex: '1 1 200px' }}
                placeholder="扣分理由或说明（可选）"
                maxLength={500}
                value={value.note}
                disabled={readOnly}
                onChange={(e) => onChange({ ...value, note: e.target.value })}
              />
            </Flex>
          </Flex>
        </Col>
        {line.evidence && (
          <Col xs={24} lg={9}>
            <EvidenceBox evidence={line.evidence} />
          </Col>
        )}
      </Row>
    </Card>
  );
}

export function SheetEditor({ id, onClose }: { id: string; onClose: () => void }) {
  const sheet = useSheet(id);
  const refresh = useRefreshAssessment();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const [draft, setDraft] = useState<Draft>({});
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState<'save' | 'submit' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const s = sheet.data;

  useEffect(() => {
    if (s && !dirty) setDraft(draftOf(s));
  }, [s, dirty]);

  const readOnly = !s?.can.edit;
  const total = useMemo(() => Object.values(draft).reduce((sum, v) => sum + (v.score ?? 0), 0), [draft]);
  const missing = s ? s.lines.filter((l) => draft[l.indicatorId]?.score === null || draft[l.indicatorId]?.score === undefined) : [];

  const body = (): SheetPatch => ({
    scores: (s?.lines ?? []).map((l) => ({ indicatorId: l.indicatorId, score: draft[l.indicatorId]?.score ?? null, note: draft[l.indicatorId]?.note ?? '' })),
  });

  const save = async (quiet = false) => {
    setBusy('save');
    setError(null);
    try {
      await api.patch(sheetUrl(id), body());
      setDirty(false);
      if (!quiet) void message.success('已暂存');
      await refresh();
      return true;
    } catch (e) {
      setError(errorMessage(e));
      return false;
    } finally {
      setBusy(null);
    }
  };

  const submit = () => {
    if (missing.length > 0) {
      setError(`还有 ${missing.length} 项未评分：${missing.map((l) => l.name).join('、')}`);
      return;
    }
    Modal.confirm({
      title: '提交评分表？',
      content: `合计 ${formatScore(total)} 分。提交后不能再修改，如需更改须由考核管理员退回。`,
      okText: '提交',
      cancelText: '取消',
      onOk: async () => {
        setError(null);
        setBusy('submit');
        try {
          // The submit takes the scores too: saved and submitted in one step.
          await api.post(sheetUrl(id, 'submit'), body());
          setDirty(false);
          void message.success('评分表已提交');
          await refresh();
        } catch (e) {
          setError(errorMessage(e));
          await refresh();
        } finally {
          setBusy(null);
        }
      },
    });
  };

  const phone = screens.md === false;
  const buttons = s && !readOnly && (
    <Space>
      <Button loading={busy === 'save'} disabled={!!busy} onClick={() => void save()}>
        暂存
      </Button>
      <Button type="primary" loading={busy === 'submit'} disabled={!!busy || !s.can.submit} onClick={submit}>
        提交
      </Button>
    </Space>
  );
  const overdue = s && s.status === 'draft' && s.deadline < shanghaiToday();

  return (
    <Drawer
      open
      onClose={onClose}
      size={phone ? '100%' : 900}
      title={s ? `评分表：${s.targetName}` : '评分表'}
      extra={!phone && buttons}
      destroyOnHidden
    >
      {sheet.isError && <Alert type="error" showIcon title={errorMessage(sheet.error)} />}
      {sheet.isPending ? (
        <Skeleton active />
      ) : s ? (
        <Flex vertical gap={12}>
          {phone && buttons}
          <Descriptions
            size="small"
            bordered
            column={phone ? 1 : 2}
            styles={{ label: { whiteSpace: 'nowrap' } }}
            items={[
              { key: 'round', label: '考核批次', children: s.roundName.includes(s.periodLabel) ? s.roundName : `${s.roundName}（${s.periodLabel}）` },
              { key: 'target', label: '考核对象', children: s.targetName },
              { key: 'kind', label: '评分方式', children: `${labelOf(SHEET_KIND_LABEL, s.kind)}${s.unitName ? `（${s.unitName}）` : ''}` },
              {
                key: 'status',
                label: '状态',
                children: (
                  <Space>
                    <Tag color={s.status === 'submitted' ? 'success' : 'processing'}>{labelOf(SHEET_STATUS_LABEL, s.status)}</Tag>
                    {s.submittedAt && <span>{formatInstant(s.submittedAt)}</span>}
                  </Space>
                ),
              },
              { key: 'deadline', label: '截止日期', children: <Typography.Text type={overdue ? 'danger' : undefined}>{s.deadline}{overdue ? '（已逾期）' : ''}</Typography.Text> },
              {
                key: 'total',
                label: '合计',
                children: (
                  <Typography.Text strong data-testid="sheet-total">
                    {formatScore(total)} / {formatScore(s.lines.reduce((a, l) => a + l.maxScore, 0))} 分
                  </Typography.Text>
                ),
              },
            ]}
          />
          {readOnly && s.status === 'submitted' && <Alert type="success" showIcon title="评分表已提交，只读。" />}
          {readOnly && s.status === 'draft' && <Alert type="info" showIcon title="考核批次已不在评分阶段，评分表只读。" />}
          {error && <Alert type="error" showIcon title={error} data-testid="sheet-error" />}
          {s.lines.length === 0 ? (
            <Empty description="这张评分表没有需要人工评分的指标" />
          ) : (
            s.lines.map((l, i) => (
              <LineRow
                key={l.indicatorId}
                index={i}
                line={l}
                readOnly={readOnly}
                value={draft[l.indicatorId] ?? { score: null, note: '' }}
                onChange={(v) => {
                  setDirty(true);
                  setDraft((d) => ({ ...d, [l.indicatorId]: v }));
                }}
              />
            ))
          )}
          {s.autoLines.length > 0 && (
            <>
              <Typography.Title level={5} style={{ margin: '8px 0 0' }}>
                自动取数指标（系统计算，无需评分）
              </Typography.Title>
              {s.autoLines.map((l) => (
                <Card key={l.indicatorId} size="small">
                  <Row gutter={[12, 8]}>
                    <Col xs={24} lg={15}>
                      <Space wrap size={4}>
                        <Typography.Text strong>{[...l.path, l.name].join(' › ')}</Typography.Text>
                        <Tag color="purple">满分 {formatScore(l.maxScore)}</Tag>
                      </Space>
                      {l.criteria && <div><Typography.Text type="secondary">{l.criteria}</Typography.Text></div>}
                    </Col>
                    <Col xs={24} lg={9}>{l.evidence ? <EvidenceBox evidence={l.evidence} /> : <Typography.Text type="secondary">暂无数据</Typography.Text>}</Col>
                  </Row>
                </Card>
              ))}
            </>
          )}
        </Flex>
      ) : null}
    </Drawer>
  );
}
