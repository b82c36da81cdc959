// Schemes: a named indicator tree for one kind of target and period. The tree is validated as a whole
// (leaves carry the scores, a parent's max is the sum of its children, automatic leaves name a registered
// metric of the right target kind and a rule) and versioned: rounds keep the version they were opened with.
import { newId } from '../../db/ids.js';
import type { Actor } from '../../platform/access/actor.js';
import type { AuditContext } from '../../platform/audit/service.js';
import type { Platform } from '../../platform/context.js';
import { badRequest, notFound } from '../../platform/errors.js';
import type { DbOrTx } from '../../db/types.js';
import { liveUnits } from '../units/index.js';
import { round2 } from './scoring.js';
import { assertSchemeManager } from './policy.js';
import { PERIOD_TYPE_NAMES, TARGET_TYPE_NAMES, type Indicator, type SchemeCreate, type SchemeDetail, type SchemePatch, type SchemeView } from './schema.js';
import type { AssessmentSchemeTable, TargetType } from './tables.js';

export type IndicatorInput = Omit<Indicator, 'id' | 'children'> & { id?: string; children?: IndicatorInput[] };

export interface Leaf extends Indicator {
  /** Names from the top of the tree down to this leaf. */
  path: string[];
}

export const parseTree = (json: string): Indicator[] => JSON.parse(json) as Indicator[];

/** Leaves in tree order with their paths. */
export function leavesOf(tree: Indicator[], above: string[] = []): Leaf[] {
  const out: Leaf[] = [];
  for (const n of tree) {
    const path = [...above, n.name];
    if (n.children && n.children.length > 0) out.push(...leavesOf(n.children, path));
    else out.push({ ...n, path });
  }
  return out;
}

export const treeTotal = (tree: Indicator[]): number => round2(tree.reduce((s, n) => s + n.maxScore, 0));

const MAX_DEPTH = 4;

/**
 * The tree as stored: ids given to new nodes, parents stripped of leaf fields, leaves of their mode's fields.
 * Throws 400 (field `indicators`) naming the path of the first bad indicator.
 */
export async function normaliseTree(p: Platform, db: DbOrTx, tenantId: string, targetType: TargetType, input: IndicatorInput[]): Promise<Indicator[]> {
  const problems: string[] = [];
  const ids = new Set<string>();
  const unitIds = new Set<string>();
  const metricTarget = targetType === 'member' ? 'member' : 'org';
  const catalogue = new Map(p.metrics.list().map((m) => [m.key, m]));

  const walk = (nodes: IndicatorInput[], above: string[], depth: number): Indicator[] => nodes.map((n) => {
    const path = [...above, n.name];
    const where = `指标“${path.join('/')}”`;
    const id = n.id ?? newId();
    if (ids.has(id)) problems.push(`${where}的编号重复`);
    ids.add(id);
    if (depth > MAX_DEPTH) problems.push(`${where}：指标最多 ${MAX_DEPTH} 级`);
    if (n.children && n.children.length > 0) {
      const children = walk(n.children, path, depth + 1);
      const sum = round2(children.reduce((s, c) => s + c.maxScore, 0));
      if (round2(n.maxScore) !== sum) problems.push(`${where}的分值应等于下级指标分值之和（${sum} 分）`);
      return { id, name: n.name, maxScore: round2(n.maxScore), criteria: n.criteria ?? '', mode: 'manual', children };
    }
    if (!(n.maxScore > 0)) problems.push(`${where}的分值应大于 0`);
    const max = round2(n.maxScore);
    if (n.mode === 'auto') {
      const metric = n.metricKey ? catalogue.get(n.metricKey) : undefined;
      if (!n.metricKey) problems.push(`${where}是自动评分指标，请选择数据指标`);
      else if (!metric || !p.metrics.has(n.metricKey)) problems.push(`${where}的数据指标“${n.metricKey}”不存在`);
      else if (metric.target !== metricTarget) problems.push(`${where}的数据指标“${metric.name}”不适用于考核对象“${TARGET_TYPE_NAMES[targetType]}”`);
      const rule = n.rule;
      if (!rule) problems.push(`${where}是自动评分指标，请设置计分规则`);
      else if (rule.type === 'linear' && rule.from === rule.to) problems.push(`${where}的线性规则中零分值与满分值不能相同`);
      else if (rule.type === 'bands') {
        if (rule.bands.some((b) => b.score < 0 || b.score > max)) problems.push(`${where}的分档得分应在 0–${max} 分之间`);
        if (new Set(rule.bands.map((b) => b.min)).size !== rule.bands.length) problems.push(`${where}的分档下限不能重复`);
      }
      return { id, name: n.name, maxScore: max, criteria: n.criteria ?? '', mode: 'auto', metricKey: n.metricKey, rule };
    }
    const scorer = n.scorer ?? { kind: 'assessor' as const };
    if (scorer.kind === 'unit') unitIds.add(scorer.unitId);
    const leaf: Indicator = { id, name: n.name, maxScore: max, criteria: n.criteria ?? '', mode: 'manual', scorer };
    if (n.evidenceIndicatorId) leaf.evidenceIndicatorId = n.evidenceIndicatorId;
    return leaf;
  });

  const tree = walk(input, [], 1);
  const leaves = leavesOf(tree);
  const autoIds = new Set(leaves.filter((l) => l.mode === 'auto').map((l) => l.id));
  for (const l of leaves) {
    if (l.evidenceIndicatorId && !autoIds.has(l.evidenceIndicatorId)) problems.push(`指标“${l.path.join('/')}”的佐证指标应为本方案中的自动评分指标`);
  }
  if (unitIds.size > 0) {
    const units = await liveUnits(db, tenantId, [...unitIds]);
    const known = new Set(units.map((u) => u.id));
    for (const l of leaves) {
      if (l.scorer?.kind === 'unit' && !known.has(l.scorer.unitId)) problems.push(`指标“${l.path.join('/')}”的责任单位不存在`);
    }
  }
  if (problems.length > 0) throw badRequest(problems[0]!, { indicators: problems.join('；') });
  return tree;
}

export function schemeView(s: AssessmentSchemeTable, roundCount: number): SchemeView {
  const tree = parseTree(s.indicators);
  const leaves = leavesOf(tree);
  return {
    id: s.id, name: s.name, targetType: s.target_type, targetTypeName: TARGET_TYPE_NAMES[s.target_type], periodType: s.period_type,
    periodTypeName: PERIOD_TYPE_NAMES[s.period_type], description: s.description, version: s.version, totalScore: treeTotal(tree),
    leafCount: leaves.length, autoCount: leaves.filter((l) => l.mode === 'auto').length, roundCount, createdAt: s.created_at, updatedAt: s.updated_at,
  };
}

export const schemeDetail = (s: AssessmentSchemeTable, roundCount: number): SchemeDetail => ({ ...schemeView(s, roundCount), indicators: parseTree(s.indicators) });

export async function schemeById(db: DbOrTx, tenantId: string, id: string): Promise<AssessmentSchemeTable | undefined> {
  return db.selectFrom('assessment_schemes').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

export async function roundCounts(db: DbOrTx, tenantId: string, schemeIds: string[]): Promise<Map<string, number>> {
  if (schemeIds.length === 0) return new Map();
  const rows = await db.selectFrom('assessment_rounds').select(['scheme_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('tenant_id', '=', tenantId).where('scheme_id', 'in', schemeIds).where('deleted_at', 'is', null).groupBy('scheme_id').execute();
  return new Map(rows.map((r) => [r.scheme_id, Number(r.n)]));
}

const auditOf = (s: AssessmentSchemeTable) => ({
  name: s.name, targetType: s.target_type, periodType: s.period_type, description: s.description, version: s.version, indicators: parseTree(s.indicators),
});

export async function createScheme(p: Platform, ctx: AuditContext, actor: Actor, input: SchemeCreate): Promise<AssessmentSchemeTable> {
  assertSchemeManager(actor);
  return p.audit.tx(ctx, async (trx) => {
    const tree = await normaliseTree(p, trx, actor.tenantId, input.targetType, input.indicators as IndicatorInput[]);
    const at = p.clock.now().toISOString();
    const row: AssessmentSchemeTable = {
      tenant_id: actor.tenantId, id: newId(), name: input.name, target_type: input.targetType, period_type: input.periodType,
      description: input.description ?? '', version: 1, indicators: JSON.stringify(tree), created_by: actor.userId, created_at: at, updated_at: at, deleted_at: null,
    };
    await trx.insertInto('assessment_schemes').values(row).execute();
    await p.audit.record(trx, ctx, { action: 'assessment.scheme.create', entity: 'assessmentScheme', entityId: row.id, after: auditOf(row) });
    return row;
  });
}

export async function updateScheme(p: Platform, ctx: AuditContext, actor: Actor, id: string, input: SchemePatch): Promise<AssessmentSchemeTable> {
  assertSchemeManager(actor);
  return p.audit.tx(ctx, async (trx) => {
    const before = await schemeById(trx, actor.tenantId, id);
    if (!before) throw notFound('考核方案');
    const targetType = input.targetType ?? before.target_type;
    const treeChanges = input.indicators !== undefined || targetType !== before.target_type;
    const tree = treeChanges
      ? await normaliseTree(p, trx, actor.tenantId, targetType, (input.indicators ?? parseTree(before.indicators)) as IndicatorInput[])
      : parseTree(before.indicators);
    const json = JSON.stringify(tree);
    const bump = json !== before.indicators || targetType !== before.target_type;
    const after: AssessmentSchemeTable = {
      ...before, name: input.name ?? before.name, target_type: targetType, period_type: input.periodType ?? before.period_type,
      description: input.description ?? before.description, indicators: json, version: before.version + (bump ? 1 : 0), updated_at: p.clock.now().toISOString(),
    };
    await trx.updateTable('assessment_schemes').set({
      name: after.name, target_type: after.target_type, period_type: after.period_type, description: after.description, indicators: after.indicators,
      version: after.version, updated_at: after.updated_at,
    }).where('tenant_id', '=', actor.tenantId).where('id', '=', id).execute();
    await p.audit.record(trx, ctx, { action: 'assessment.scheme.update', entity: 'assessmentScheme', entityId: id, before: auditOf(before), after: auditOf(after) });
    return after;
  });
}

export async function deleteScheme(p: Platform, ctx: AuditContext, actor: Actor, id: string): Promise<void> {
  assertSchemeManager(actor);
  await p.audit.tx(ctx, async (trx) => {
    const before = await schemeById(trx, actor.tenantId, id);
    if (!before) throw notFound('考核方案');
    await trx.updateTable('assessment_schemes').set({ deleted_at: p.clock.now().toISOString() }).where('tenant_id', '=', actor.tenantId).where('id', '=', id).execute();
    await p.audit.record(trx, ctx, { action: 'assessment.scheme.delete', entity: 'assessmentScheme', entityId: id, before: auditOf(before) });
  });
}

/** The tenant's live schemes by name, each with how many rounds it opened. */
export async function listSchemes(db: DbOrTx, tenantId: string): Promise<SchemeView[]> {
  const rows = await db.selectFrom('assessment_schemes').selectAll().where('tenant_id', '=', tenantId).where('deleted_at', 'is', null).orderBy('name').orderBy('id').execute();
  const counts = await roundCounts(db, tenantId, rows.map((r) => r.id));
  return rows.map((r) => schemeView(r, counts.get(r.id) ?? 0));
}
