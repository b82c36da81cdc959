// 新建考核: a step-by-step wizard — scheme → period (a picker fitting the scheme's period type) → the
// organisation subtree → assessors (one for all targets, per-target changes, a scorer for every responsible
// unit) → deadline → confirmation. The server decides the targets; the preview here reads the same org tree.
import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Descriptions, Flex, Form, Grid, Input, Modal, Radio, Select, Steps, Switch, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api, errorMessage } from '../../api/client';
import type { Items, Org } from '../../api/types';
import { useSession } from '../../app/session';
import { ScopeOrgTreeSelect, useOrgTree } from '../members/orgPickers';
import { useAssessmentUnits, useRefreshAssessment, useScheme, useSchemes } from './api';
import { leaves } from './IndicatorTree';
import { ASSESSORS_URL, PERIOD_TYPE_LABEL, ROUNDS_URL, TARGET_TYPE_LABEL, formatScore, labelOf, type AssessorCandidate, type PeriodType, type RoundDetail, type RoundInput, type TargetType } from './types';

/** People who may be named as assessors for an organisation: accounts that may score at, above or inside it. */
function useCandidates(orgId: string | undefined): { options: { value: string; label: string }[]; loading: boolean } {
  const q = useQuery({
    queryKey: ['assessment', 'assessors', orgId],
    queryFn: ({ signal }) => api.get<Items<AssessorCandidate>>(ASSESSORS_URL, { orgId }, signal),
    enabled: !!orgId,
    staleTime: 60_000,
  });
  const options = useMemo(
    () => (q.data?.items ?? []).map((c) => ({ value: c.id, label: c.username ? `${c.name}（${c.username}）` : c.name })),
    [q.data],
  );
  return { options, loading: q.isFetching };
}

function AssessorSelect({ orgId, value, onChange, ariaLabel, allowClear }: { orgId: string | undefined; value?: string; onChange: (v: string | undefined) => void; ariaLabel: string; allowClear?: boolean }) {
  const { options, loading } = useCandidates(orgId);
  return (
    <Select
      aria-label={ariaLabel}
      style={{ minWidth: 200, width: '100%' }}
      showSearch={{ optionFilterProp: 'label' }}
      allowClear={allowClear}
      placeholder={allowClear ? '同默认考核人' : '选择考核人'}
      loading={loading}
      options={options}
      value={value}
      onChange={onChange}
    />
  );
}

function AssessorLabel({ orgId, id }: { orgId: string | undefined; id: string | undefined }) {
  const { options } = useCandidates(orgId);
  return <>{options.find((o) => o.value === id)?.label ?? '-'}</>;
}

/** The period code the server takes (2026-11, 2026-Q4, 2026-H2, 2026) and its Chinese name. */
export function periodOf(type: PeriodType, day: Dayjs, half: 1 | 2): { code: string; label: string; from: string; to: string } {
  const y = day.year();
  switch (type) {
    case 'month':
      return { code: day.format('YYYY-MM'), label: `${y}年${day.month() + 1}月`, from: day.startOf('month').format('YYYY-MM-DD'), to: day.endOf('month').format('YYYY-MM-DD') };
    case 'quarter': {
      const q = Math.floor(day.month() / 3) + 1;
      const start = dayjs(new Date(y, (q - 1) * 3, 1));
      return { code: `${y}-Q${q}`, label: `${y}年第${q}季度`, from: start.format('YYYY-MM-DD'), to: start.add(2, 'month').endOf('month').format('YYYY-MM-DD') };
    }
    case 'halfYear': {
      const start = dayjs(new Date(y, half === 1 ? 0 : 6, 1));
      return { code: `${y}-H${half}`, label: `${y}年${half === 1 ? '上' : '下'}半年`, from: start.format('YYYY-MM-DD'), to: start.add(5, 'month').endOf('month').format('YYYY-MM-DD') };
    }
    case 'year':
      return { code: String(y), label: `${y}年度`, from: `${y}-01-01`, to: `${y}-12-31` };
  }
}

/** Organisations of the scheme's kind in the subtree (members are listed by the server). */
function previewTargets(orgs: Org[], rootId: string | undefined, type: TargetType | undefined): Org[] {
  if (!rootId || !type || type === 'member') return [];
  const root = orgs.find((o) => o.id === rootId);
  if (!root) return [];
  const kinds = type === 'group' ? ['group'] : ['branch', 'jointBranch'];
  // Paths are /<id>/<id>/…/ so a prefix is the subtree.
  return orgs.filter((o) => kinds.includes(o.kind) && o.path.startsWith(root.path));
}

const STEPS = ['考核方案', '考核期', '考核范围', '考核人', '截止日期', '确认'];

export function RoundWizard({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (id: string) => void }) {
  const { me } = useSession();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const refresh = useRefreshAssessment();
  const schemes = useSchemes();
  const orgTree = useOrgTree();
  const units = useAssessmentUnits();
  const [step, setStep] = useState(0);
  const [schemeId, setSchemeId] = useState<string | undefined>();
  const scheme = useScheme(schemeId ?? null);
  const [periodDay, setPeriodDay] = useState<Dayjs>(() => dayjs());
  const [half, setHalf] = useState<1 | 2>(() => (dayjs().month() < 6 ? 1 : 2));
  const [name, setName] = useState('');
  const [rootOrgId, setRootOrgId] = useState<string | undefined>();
  const [assessor, setAssessor] = useState<string | undefined>(me.user.id);
  const [perTarget, setPerTarget] = useState<Record<string, string | undefined>>({});
  const [unitScorers, setUnitScorers] = useState<Record<string, string | undefined>>({});
  const [selfAssessment, setSelfAssessment] = useState(false);
  const [deadline, setDeadline] = useState<Dayjs | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const s = scheme.data;
  const period = s ? periodOf(s.periodType, periodDay, half) : undefined;
  const orgs = useMemo(() => orgTree.data?.items ?? [], [orgTree.data]);
  const root = rootOrgId ?? orgs.find((o) => !o.parentId)?.id;
  const targets = useMemo(() => previewTargets(orgs, root, s?.targetType), [orgs, root, s?.targetType]);
  const unitIds = useMemo(() => {
    const ids = new Set<string>();
    for (const { leaf } of leaves(s?.indicators ?? [])) if (leaf.mode === 'manual' && leaf.scorer?.kind === 'unit' && leaf.scorer.unitId) ids.add(leaf.scorer.unitId);
    return [...ids];
  }, [s]);
  const unitName = (id: string) => units.data?.find((u) => u.id === id)?.name ?? id;
  const orgName = (id: string | undefined) => orgs.find((o) => o.id === id)?.name ?? '';
  const effectiveDeadline = deadline ?? (period ? dayjs(period.to).add(5, 'day') : null);

  const problem = (): string | null => {
    if (step === 0 && !s) return '请选择考核方案';
    if (step === 2 && !root) return '请选择考核范围';
    if (step === 3) {
      if (!assessor) return '请选择默认考核人';
      const missing = unitIds.filter((u) => !unitScorers[u]);
      if (missing.length > 0) return `请为责任单位“${unitName(missing[0]!)}”指定评分人`;
    }
    if (step === 4 && !effectiveDeadline) return '请选择截止日期';
    if (step === 4 && period && effectiveDeadline && effectiveDeadline.format('YYYY-MM-DD') < period.from) return '截止日期不能早于考核期开始';
    return null;
  };

  const next = () => {
    const p = problem();
    setError(p);
    if (!p) setStep((n) => n + 1);
  };

  const create = async () => {
    if (!s || !period || !root || !effectiveDeadline) return;
    const body: RoundInput = {
      schemeId: s.id,
      rootOrgId: root,
      period: period.code,
      periodLabel: period.label,
      deadline: effectiveDeadline.format('YYYY-MM-DD'),
      assessorUserId: assessor,
      assessors: Object.entries(perTarget)
        .filter(([, u]) => !!u && u !== assessor)
        .map(([targetId, userId]) => ({ targetId, userId: userId! })),
      unitScorers: unitIds.map((unitId) => ({ unitId, userId: unitScorers[unitId]! })),
      selfAssessment,
      ...(name.trim() ? { name: name.trim() } : {}),
    };
    setSaving(true);
    setError(null);
    try {
      const created = await api.post<RoundDetail>(ROUNDS_URL, body);
      void message.success('考核已开启，评分表已分发给考核人');
      await refresh();
      onCreated(created.id);
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  const schemeOptions = (schemes.data ?? []).map((x) => ({
    value: x.id,
    label: `${x.name}（${x.targetTypeName || labelOf(TARGET_TYPE_LABEL, x.targetType)} · ${x.periodTypeName || labelOf(PERIOD_TYPE_LABEL, x.periodType)} · 第 ${x.version} 版）`,
  }));

  const body = (() => {
    switch (step) {
      case 0:
        return (
          <Form layout="vertical">
            <Form.Item label="考核方案" required>
              <Select aria-label="考核方案" showSearch={{ optionFilterProp: 'label' }} placeholder="选择考核方案" loading={schemes.isPending} options={schemeOptions} value={schemeId} onChange={(v: string) => setSchemeId(v)} />
            </Form.Item>
            {s && (
              <Typography.Text type="secondary">
                考核{labelOf(TARGET_TYPE_LABEL, s.targetType)}，{labelOf(PERIOD_TYPE_LABEL, s.periodType)}考核，满分 {formatScore(s.totalScore)} 分，{s.leafCount} 项指标（自动取数 {s.autoCount} 项）。
              </Typography.Text>
            )}
          </Form>
        );
      case 1:
        return s ? (
          <Form layout="vertical">
            <Form.Item label={`考核期（${labelOf(PERIOD_TYPE_LABEL, s.periodType)}）`} required>
              <Flex gap={8} wrap>
                <DatePicker
                  aria-label="考核期"
                  allowClear={false}
                  picker={s.periodType === 'month' ? 'month' : s.periodType === 'quarter' ? 'quarter' : 'year'}
                  value={periodDay}
                  onChange={(d) => d && setPeriodDay(d)}
                />
                {s.periodType === 'halfYear' && (
                  <Radio.Group
                    optionType="button"
                    value={half}
                    onChange={(e) => setHalf(e.target.value as 1 | 2)}
                    options={[
                      { value: 1, label: '上半年' },
                      { value: 2, label: '下半年' },
                    ]}
                  />
                )}
              </Flex>
            </Form.Item>
            {period && (
              <Typography.Paragraph type="secondary">
                {period.label}：{period.from} 至 {period.to}
              </Typography.Paragraph>
            )}
            <Form.Item label="批次名称（可不填）">
              <Input aria-label="批次名称" maxLength={100} placeholder={`${s.name}（${period?.label ?? ''}）`} value={name} onChange={(e) => setName(e.target.value)} />
            </Form.Item>
          </Form>
        ) : null;
      case 2:
        return (
          <Form layout="vertical">
            <Form.Item label="考核范围（该组织及其下级）" required>
              <ScopeOrgTreeSelect aria-label="考核范围" style={{ width: '100%' }} value={root} onChange={(v: string | undefined) => setRootOrgId(v)} />
            </Form.Item>
            {s?.targetType === 'member' ? (
              <Typography.Text type="secondary">考核对象为范围内的全部正常状态党员。</Typography.Text>
            ) : (
              <Flex vertical gap={4}>
                <Typography.Text>将考核 {targets.length} 个{labelOf(TARGET_TYPE_LABEL, s?.targetType)}：</Typography.Text>
                <Flex gap={4} wrap>
                  {targets.map((t) => (
                    <Tag key={t.id}>{t.name}</Tag>
                  ))}
                </Flex>
              </Flex>
            )}
          </Form>
        );
      case 3:
        return (
          <Flex vertical gap={12}>
            <Form layout="vertical">
              <Form.Item label="默认考核人（为每个对象评分）" required>
                <AssessorSelect ariaLabel="默认考核人" orgId={root} value={assessor} onChange={setAssessor} />
              </Form.Item>
            </Form>
            {targets.length > 0 && (
              <div>
                <Typography.Text>各对象的考核人（不选则为默认考核人）：</Typography.Text>
                <Table
                  rowKey="id"
                  size="small"
                  pagination={false}
                  scroll={{ y: 260 }}
                  dataSource={targets}
                  columns={[
                    { title: '考核对象', dataIndex: 'name' },
                    {
                      title: '考核人',
                      key: 'assessor',
                      render: (_: unknown, t: Org) => (
                        <AssessorSelect ariaLabel={`${t.name} 考核人`} allowClear orgId={t.id} value={perTarget[t.id]} onChange={(v) => setPerTarget((p) => ({ ...p, [t.id]: v }))} />
                      ),
                    },
                  ]}
                />
              </div>
            )}
            {unitIds.length > 0 && (
              <div>
                <Typography.Text>责任单位评分人（方案中由责任单位统一评分的指标）：</Typography.Text>
                {unitIds.map((u) => (
                  <Flex key={u} gap={8} align="center" style={{ marginTop: 8 }} wrap>
                    <Typography.Text style={{ minWidth: 120 }}>{unitName(u)}</Typography.Text>
                    <div style={{ flex: '1 1 200px' }}>
                      <AssessorSelect ariaLabel={`${unitName(u)} 评分人`} orgId={root} value={unitScorers[u]} onChange={(v) => setUnitScorers((p) => ({ ...p, [u]: v }))} />
                    </div>
                  </Flex>
                ))}
              </div>
            )}
            <Flex gap={8} align="center">
              <Switch aria-label="对象自评" checked={selfAssessment} onChange={setSelfAssessment} />
              <Typography.Text>同时请考核对象自评（自评仅供参考，不计入结果）</Typography.Text>
            </Flex>
          </Flex>
        );
      case 4:
        return (
          <Form layout="vertical">
            <Form.Item label="评分截止日期" required extra="截止日后仍未提交的评分表列为异常。">
              <DatePicker aria-label="截止日期" allowClear={false} value={effectiveDeadline} onChange={setDeadline} />
            </Form.Item>
          </Form>
        );
      default:
        return (
          <Descriptions
            bordered
            size="small"
            column={1}
            items={[
              { key: 's', label: '考核方案', children: s ? `${s.name}（第 ${s.version} 版）` : '' },
              { key: 'p', label: '考核期', children: period ? `${period.label}（${period.from} 至 ${period.to}）` : '' },
              { key: 'n', label: '批次名称', children: name.trim() || `${s?.name ?? ''}（${period?.label ?? ''}）` },
              { key: 'r', label: '考核范围', children: orgName(root) },
              { key: 't', label: '考核对象', children: s?.targetType === 'member' ? '范围内的党员' : `${targets.length} 个` },
              { key: 'a', label: '考核人', children: (
                  <>
                    默认 <AssessorLabel orgId={root} id={assessor} />
                    {Object.values(perTarget).filter(Boolean).length ? `，另有 ${Object.values(perTarget).filter(Boolean).length} 个对象单独指定` : ''}
                  </>
                ),
              },
              ...(unitIds.length ? [{ key: 'u', label: '责任单位', children: unitIds.map(unitName).join('、') }] : []),
              { key: 'self', label: '自评', children: selfAssessment ? '是' : '否' },
              { key: 'd', label: '截止日期', children: effectiveDeadline?.format('YYYY-MM-DD') },
            ]}
          />
        );
    }
  })();

  return (
    <Modal
      title="新建考核"
      open={open}
      onCancel={onClose}
      width={screens.md === false ? '100%' : 760}
      destroyOnHidden
      footer={
        <Flex justify="space-between">
          <Button disabled={step === 0} onClick={() => { setError(null); setStep((n) => n - 1); }}>
            上一步
          </Button>
          {step < STEPS.length - 1 ? (
            <Button type="primary" onClick={next}>
              下一步
            </Button>
          ) : (
            <Button type="primary" loading={saving} onClick={() => void create()}>
              开启考核
            </Button>
          )}
        </Flex>
      }
    >
      <Steps size="small" current={step} items={STEPS.map((t) => ({ title: t }))} style={{ marginBottom: 16 }} responsive />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {body}
    </Modal>
  );
}
