// The indicator tree of a scheme as nested cards: name, maximum (a parent shows the sum of its children),
// criteria, and for a leaf how it is scored: manual (the target's 考核人, or one responsible unit for every
// target) or automatic (a metric from the catalogue with a linear or banded rule). Controlled: value/onChange.
import { Alert, Button, Card, Col, Flex, Input, InputNumber, Popconfirm, Radio, Row, Select, Space, Tag, Typography } from 'antd';
import { DeleteOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useAssessmentUnits } from './api';
import { formatScore, type Indicator, type IndicatorRule, type Metric } from './types';

let seq = 0;
/** A fresh id for a new indicator (stable inside the tree; the server keeps the ids it is given). */
export function newIndicatorId(): string {
  seq += 1;
  return `i${Date.now().toString(36)}${seq.toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

export function newIndicator(): Indicator {
  return { id: newIndicatorId(), name: '', maxScore: 10, criteria: '', mode: 'manual', scorer: { kind: 'assessor' } };
}

/** The maximum of a node: a leaf's own, a parent's the sum of its children. */
export function maxOf(node: Indicator): number {
  if (node.children && node.children.length > 0) return node.children.reduce((s, c) => s + maxOf(c), 0);
  return Number(node.maxScore) || 0;
}

export function treeMax(nodes: Indicator[]): number {
  return nodes.reduce((s, n) => s + maxOf(n), 0);
}

/** Every leaf in order, with the names of its ancestors. */
export function leaves(nodes: Indicator[], path: string[] = []): { leaf: Indicator; path: string[] }[] {
  const out: { leaf: Indicator; path: string[] }[] = [];
  for (const n of nodes) {
    if (n.children && n.children.length > 0) out.push(...leaves(n.children, [...path, n.name]));
    else out.push({ leaf: n, path });
  }
  return out;
}

/**
 * The tree as the server takes it: parents carry the sum of their children and no leaf fields; evidence links
 * to leaves that are no longer automatic are dropped.
 */
export function normalizeTree(nodes: Indicator[]): Indicator[] {
  const auto = new Set(leaves(nodes).filter(({ leaf }) => leaf.mode === 'auto').map(({ leaf }) => leaf.id));
  return normalizeNodes(nodes, auto);
}

function normalizeNodes(nodes: Indicator[], auto: Set<string>): Indicator[] {
  return nodes.map((n) => {
    if (n.children && n.children.length > 0) {
      const children = normalizeNodes(n.children, auto);
      return { id: n.id, name: n.name.trim(), criteria: n.criteria ?? '', maxScore: treeMax(children), mode: 'manual', children };
    }
    const base = { id: n.id, name: n.name.trim(), criteria: n.criteria ?? '', maxScore: Number(n.maxScore) || 0 };
    if (n.mode === 'auto') return { ...base, mode: 'auto', metricKey: n.metricKey, rule: n.rule ?? { type: 'linear', from: 0, to: 1 } };
    return { ...base, mode: 'manual', scorer: n.scorer ?? { kind: 'assessor' }, ...(n.evidenceIndicatorId && auto.has(n.evidenceIndicatorId) ? { evidenceIndicatorId: n.evidenceIndicatorId } : {}) };
  });
}

/** Problems the editor can see before saving (the server checks again). */
export function treeProblems(nodes: Indicator[]): string[] {
  const out: string[] = [];
  if (nodes.length === 0) out.push('请至少添加一个指标');
  const walk = (list: Indicator[], path: string) => {
    list.forEach((n, i) => {
      const where = `${path}${i + 1}`;
      const name = n.name.trim() || `第 ${where} 项`;
      if (!n.name.trim()) out.push(`指标 ${where} 未填写名称`);
      if (n.children && n.children.length > 0) walk(n.children, `${where}.`);
      else if (!(Number(n.maxScore) > 0)) out.push(`指标“${name}”的满分须大于 0`);
      else if (n.mode === 'auto' && !n.metricKey) out.push(`自动指标“${name}”未选择数据来源`);
      else if (n.mode === 'manual' && n.scorer?.kind === 'unit' && !n.scorer.unitId) out.push(`指标“${name}”未选择责任单位`);
    });
  };
  walk(nodes, '');
  return out;
}

function replaceAt(list: Indicator[], index: number, next: Indicator | null): Indicator[] {
  const copy = [...list];
  if (next) copy[index] = next;
  else copy.splice(index, 1);
  return copy;
}

function RuleEditor({ rule, onChange, unit, disabled }: { rule: IndicatorRule | undefined; onChange: (r: IndicatorRule) => void; unit: string; disabled?: boolean }) {
  const r: IndicatorRule = rule ?? { type: 'linear', from: 0, to: 1 };
  return (
    <Flex vertical gap={8}>
      <Radio.Group
        value={r.type}
        disabled={disabled}
        onChange={(e) =>
          onChange(e.target.value === 'linear' ? { type: 'linear', from: 0, to: 1 } : { type: 'bands', bands: [{ min: 0, score: 0 }] })
        }
        options={[
          { value: 'linear', label: '线性' },
          { value: 'bands', label: '分档' },
        ]}
      />
      {r.type === 'linear' ? (
        <Space wrap>
          <span>数值为</span>
          <InputNumber aria-label="零分数值" value={r.from} disabled={disabled} onChange={(v) => onChange({ ...r, from: Number(v ?? 0) })} />
          <span>{unit}时得 0 分，达到</span>
          <InputNumber aria-label="满分数值" value={r.to} disabled={disabled} onChange={(v) => onChange({ ...r, to: Number(v ?? 0) })} />
          <span>{unit}时得满分（之间按比例；起点大于终点表示越低越好）</span>
        </Space>
      ) : (
        <Flex vertical gap={4}>
          {r.bands.map((b, i) => (
            <Space key={i} wrap>
              <span>数值 ≥</span>
              <InputNumber
                aria-label={`第 ${i + 1} 档下限`}
                value={b.min}
                disabled={disabled}
                onChange={(v) => onChange({ ...r, bands: r.bands.map((x, j) => (j === i ? { ...x, min: Number(v ?? 0) } : x)) })}
              />
              <span>{unit}得</span>
              <InputNumber
                aria-label={`第 ${i + 1} 档得分`}
                min={0}
                value={b.score}
                disabled={disabled}
                onChange={(v) => onChange({ ...r, bands: r.bands.map((x, j) => (j === i ? { ...x, score: Number(v ?? 0) } : x)) })}
              />
              <span>分</span>
              {!disabled && r.bands.length > 1 && (
                <Button type="text" size="small" icon={<MinusCircleOutlined />} aria-label="删除此档" onClick={() => onChange({ ...r, bands: r.bands.filter((_, j) => j !== i) })} />
              )}
            </Space>
          ))}
          {!disabled && (
            <Button size="small" type="dashed" icon={<PlusOutlined />} style={{ alignSelf: 'flex-start' }} onClick={() => onChange({ ...r, bands: [...r.bands, { min: 0, score: 0 }] })}>
              添加一档
            </Button>
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            取数值达到的最高一档；低于所有档为 0 分。
          </Typography.Text>
        </Flex>
      )}
    </Flex>
  );
}

interface NodeProps {
  /** The automatic leaves of the whole tree, offered as evidence for manual leaves. */
  autoLeaves: { id: string; label: string }[];
  node: Indicator;
  number: string;
  depth: number;
  metrics: Metric[];
  metricsLoading?: boolean;
  readOnly?: boolean;
  onChange: (next: Indicator | null) => void;
}

function IndicatorNode({ autoLeaves, node, number, depth, metrics, metricsLoading, readOnly, onChange }: NodeProps) {
  const units = useAssessmentUnits();
  const isParent = !!node.children && node.children.length > 0;
  const set = (patch: Partial<Indicator>) => onChange({ ...node, ...patch });
  const metric = metrics.find((m) => m.key === node.metricKey);
  const addChild = () => {
    // A leaf becoming a parent keeps its name and criteria; its scoring moves to the new child.
    const children = node.children && node.children.length > 0 ? node.children : [];
    const child = newIndicator();
    if (children.length === 0) {
      child.maxScore = node.maxScore || 10;
      child.mode = node.mode;
      child.scorer = node.scorer;
      child.metricKey = node.metricKey;
      child.rule = node.rule;
    }
    onChange({ ...node, children: [...children, child] });
  };
  const metricOptions = metrics.map((m) => ({ value: m.key, label: `${m.name}（${m.unit}）`, title: m.description }));

  return (
    <Card
      size="small"
      data-testid="indicator-card"
      styles={{ body: { padding: 12 }, header: { minHeight: 40 } }}
      style={{ background: depth % 2 === 0 ? undefined : '#fafafa' }}
      title={
        <Space wrap size={4}>
          <Typography.Text type="secondary">{number}</Typography.Text>
          <Typography.Text strong>{node.name || '（未命名指标）'}</Typography.Text>
          <Tag color={isParent ? 'default' : node.mode === 'auto' ? 'purple' : 'blue'}>
            {isParent ? `${node.children!.length} 个下级` : node.mode === 'auto' ? '自动取数' : '人工评分'}
          </Tag>
          <Tag color="red">{formatScore(maxOf(node))} 分</Tag>
        </Space>
      }
      extra={
        !readOnly && (
          <Space size={0} wrap>
            <Button type="link" size="small" icon={<PlusOutlined />} onClick={addChild}>
              添加下级
            </Button>
            <Popconfirm title="删除这个指标及其下级？" okText="删除" cancelText="取消" onConfirm={() => onChange(null)}>
              <Button type="link" size="small" danger icon={<DeleteOutlined />} aria-label={`删除指标 ${number}`} />
            </Popconfirm>
          </Space>
        )
      }
    >
      <Row gutter={[12, 8]}>
        <Col xs={24} md={isParent ? 24 : 16}>
          <Input aria-label={`指标 ${number} 名称`} placeholder="指标名称" value={node.name} disabled={readOnly} onChange={(e) => set({ name: e.target.value })} />
        </Col>
        {!isParent && (
          <Col xs={24} md={8}>
            <InputNumber
              aria-label={`指标 ${number} 满分`}
              style={{ width: '100%' }}
              min={0}
              max={1000}
              step={1}
              prefix="满分"
              suffix="分"
              value={node.maxScore}
              disabled={readOnly}
              onChange={(v) => set({ maxScore: Number(v ?? 0) })}
            />
          </Col>
        )}
        <Col span={24}>
          <Input.TextArea
            aria-label={`指标 ${number} 评分标准`}
            placeholder="评分标准：怎样得满分、怎样扣分"
            autoSize={{ minRows: 1, maxRows: 6 }}
            value={node.criteria}
            disabled={readOnly}
            onChange={(e) => set({ criteria: e.target.value })}
          />
        </Col>
        {!isParent && (
          <Col span={24}>
            <Flex vertical gap={8}>
              <Radio.Group
                value={node.mode}
                disabled={readOnly}
                optionType="button"
                buttonStyle="solid"
                size="small"
                onChange={(e) =>
                  set(
                    e.target.value === 'auto'
                      ? { mode: 'auto', scorer: undefined, rule: node.rule ?? { type: 'linear', from: 0, to: 1 } }
                      : { mode: 'manual', metricKey: undefined, rule: undefined, scorer: node.scorer ?? { kind: 'assessor' } },
                  )
                }
                options={[
                  { value: 'manual', label: '人工评分' },
                  { value: 'auto', label: '自动取数' },
                ]}
              />
              {node.mode === 'manual' ? (
                <Flex vertical gap={8}>
                  <Space wrap>
                    <span>评分人：</span>
                    <Select
                      aria-label={`指标 ${number} 评分人`}
                      style={{ width: 200 }}
                      value={node.scorer?.kind ?? 'assessor'}
                      disabled={readOnly}
                      onChange={(k) => set({ scorer: k === 'unit' ? { kind: 'unit', unitId: '' } : { kind: 'assessor' } })}
                      options={[
                        { value: 'assessor', label: '各对象的考核人' },
                        { value: 'unit', label: '责任单位（统一评分）' },
                      ]}
                    />
                    {node.scorer?.kind === 'unit' && (
                      <Select
                        aria-label={`指标 ${number} 责任单位`}
                        style={{ minWidth: 220 }}
                        showSearch={{ optionFilterProp: 'label' }}
                        placeholder="选择责任单位"
                        loading={units.isPending}
                        options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
                        value={node.scorer.unitId || undefined}
                        disabled={readOnly}
                        onChange={(unitId: string) => set({ scorer: { kind: 'unit', unitId } })}
                      />
                    )}
                  </Space>
                  <Space wrap>
                    <span>对照佐证（可选）：</span>
                    <Select
                      aria-label={`指标 ${number} 对照佐证`}
                      allowClear
                      style={{ minWidth: 240 }}
                      placeholder={autoLeaves.length > 0 ? '选择本方案的自动取数指标' : '本方案还没有自动取数指标'}
                      notFoundContent="本方案还没有自动取数指标"
                      value={node.evidenceIndicatorId}
                      disabled={readOnly}
                      options={autoLeaves.map((l) => ({ value: l.id, label: l.label }))}
                      onChange={(k: string | undefined) => set({ evidenceIndicatorId: k })}
                    />
                  </Space>
                </Flex>
              ) : (
                <Flex vertical gap={8}>
                  <Select
                    aria-label={`指标 ${number} 数据来源`}
                    showSearch={{ optionFilterProp: 'label' }}
                    placeholder="选择数据来源（系统指标）"
                    loading={metricsLoading}
                    value={node.metricKey}
                    disabled={readOnly}
                    options={metricOptions}
                    onChange={(k: string) => set({ metricKey: k })}
                  />
                  {metric && (
                    <Alert type="info" showIcon={false} title={<span>{metric.name}（单位：{metric.unit}）：{metric.description}</span>} />
                  )}
                  <RuleEditor rule={node.rule} unit={metric?.unit ?? ''} disabled={readOnly} onChange={(rule) => set({ rule })} />
                </Flex>
              )}
            </Flex>
          </Col>
        )}
        {isParent && (
          <Col span={24}>
            <Flex vertical gap={8}>
              {node.children!.map((c, i) => (
                <IndicatorNode
                  autoLeaves={autoLeaves}
                  key={c.id}
                  node={c}
                  number={`${number}.${i + 1}`}
                  depth={depth + 1}
                  metrics={metrics}
                  metricsLoading={metricsLoading}
                  readOnly={readOnly}
                  onChange={(next) => {
                    const children = replaceAt(node.children!, i, next);
                    // The last child removed: the parent becomes a leaf again.
                    onChange(children.length > 0 ? { ...node, children } : { ...node, children: undefined, maxScore: maxOf(node.children![i]!) });
                  }}
                />
              ))}
            </Flex>
          </Col>
        )}
      </Row>
    </Card>
  );
}

export interface IndicatorTreeEditorProps {
  value: Indicator[];
  onChange: (next: Indicator[]) => void;
  metrics: Metric[];
  metricsLoading?: boolean;
  readOnly?: boolean;
}

export function IndicatorTreeEditor({ value, onChange, metrics, metricsLoading, readOnly }: IndicatorTreeEditorProps) {
  const autoLeaves = leaves(value)
    .filter(({ leaf }) => leaf.mode === 'auto')
    .map(({ leaf, path }) => ({ id: leaf.id, label: [...path, leaf.name || '（未命名）'].join(' / ') }));
  return (
    <Flex vertical gap={8}>
      <Typography.Text>
        合计满分：<Typography.Text strong data-testid="scheme-total">{formatScore(treeMax(value))}</Typography.Text> 分
      </Typography.Text>
      {value.map((n, i) => (
        <IndicatorNode
          autoLeaves={autoLeaves}
          key={n.id}
          node={n}
          number={String(i + 1)}
          depth={0}
          metrics={metrics}
          metricsLoading={metricsLoading}
          readOnly={readOnly}
          onChange={(next) => onChange(replaceAt(value, i, next))}
        />
      ))}
      {!readOnly && (
        <Button type="dashed" icon={<PlusOutlined />} onClick={() => onChange([...value, newIndicator()])}>
          添加一级指标
        </Button>
      )}
    </Flex>
  );
}
