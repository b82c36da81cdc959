// Loads a round's rows for the anomaly rules (anomalyRules.ts, pure) in a few set queries, and opens a 督办
// task for an anomaly in one click (the second click answers the same task).
import type { Actor } from '../../platform/access/actor.js';
import type { AuditContext } from '../../platform/audit/service.js';
import type { Platform } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { addDays, shanghaiDate } from '../../platform/calendar.js';
import { userDisplayNames } from '../../platform/accounts/service.js';
import type { DbOrTx } from '../../db/types.js';
import { createTask, tasksFromSource } from '../tasks/index.js';
import { ASSESSMENT_ANOMALIES, type AnomalySetting } from './bonus.js';
import { detectAnomalies, type Anomaly } from './anomalyRules.js';
import { leavesOfJson } from './results.js';
import { roundById, roundLink } from './rounds.js';
import { assertAnomalyReader } from './policy.js';
import type { AssessmentRoundTable } from './tables.js';

export const TASK_SOURCE_KIND = 'assessment';
const sourceId = (roundId: string, key: string) => `${roundId}|${key}`;

/** `settings` is read by the caller before any transaction (on SQLite p.settings would wait on an open one). */
export async function anomaliesOf(p: Platform, db: DbOrTx, round: AssessmentRoundTable, settings: AnomalySetting): Promise<(Anomaly & { taskId: string | null })[]> {
  const tenantId = round.tenant_id;
  const leaves = leavesOfJson(round.indicators);
  const [targets, sheets, scores, autos, tasks] = await Promise.all([
    db.selectFrom('assessment_targets').select(['target_id', 'target_name']).where('tenant_id', '=', tenantId).where('round_id', '=', round.id).execute(),
    db.selectFrom('assessment_sheets').select(['id', 'target_id', 'assessor_user_id', 'kind', 'status', 'submitted_at'])
      .where('tenant_id', '=', tenantId).where('round_id', '=', round.id).orderBy('id').execute(),
    db.selectFrom('assessment_scores as sc')
      .innerJoin('assessment_sheets as s', (j) => j.onRef('s.tenant_id', '=', 'sc.tenant_id').onRef('s.id', '=', 'sc.sheet_id'))
      .select(['sc.sheet_id', 'sc.indicator_id', 'sc.score'])
      .where('s.tenant_id', '=', tenantId).where('s.round_id', '=', round.id).execute(),
    db.selectFrom('assessment_auto_scores').select(['target_id', 'indicator_id', 'score']).where('tenant_id', '=', tenantId).where('round_id', '=', round.id).execute(),
    tasksFromSource(db, tenantId, TASK_SOURCE_KIND, `${round.id}|`),
  ]);
  const names = await userDisplayNames(db, tenantId, sheets.map((s) => s.assessor_user_id).filter((u): u is string => !!u));
  const found = detectAnomalies({
    deadline: round.deadline,
    today: shanghaiDate(p.clock.now()),
    targets: new Map(targets.map((t) => [t.target_id, t.target_name])),
    users: names,
    sheets: sheets.map((s) => ({
      id: s.id, targetId: s.target_id, assessorUserId: s.assessor_user_id, kind: s.kind, status: s.status,
      submittedAt: s.submitted_at, submittedOn: s.submitted_at ? shanghaiDate(new Date(s.submitted_at)) : null,
    })),
    scores: scores.map((s) => ({ sheetId: s.sheet_id, indicatorId: s.indicator_id, score: Number(s.score) })),
    leaves: leaves.map((l) => ({ id: l.id, name: l.name, maxScore: l.maxScore, mode: l.mode })),
    autoScores: autos.map((a) => ({ targetId: a.target_id, indicatorId: a.indicator_id, score: Number(a.score) })),
    pairs: leaves.filter((l) => l.mode === 'manual' && l.evidenceIndicatorId).map((l) => ({ manualId: l.id, autoId: l.evidenceIndicatorId! })),
  }, settings);
  const taskOf = new Map(tasks.map((t) => [t.sourceId, t.id]));
  return found.map((a) => ({ ...a, taskId: taskOf.get(sourceId(round.id, a.key)) ?? null }));
}

/** For the 党委管理员 and the 纪检 side: assessment.manage over the round's root. */
async function managedRound(p: Platform, actor: Actor, roundId: string) {
  const round = await roundById(p.db, actor.tenantId, roundId);
  assertAnomalyReader(actor, round);
  return round;
}

export async function listAnomalies(p: Platform, actor: Actor, roundId: string) {
  const round = await managedRound(p, actor, roundId);
  return { items: await anomaliesOf(p, p.db, round, await p.settings.get(actor.tenantId, ASSESSMENT_ANOMALIES)) };
}

export async function openAnomalyTask(p: Platform, ctx: AuditContext, actor: Actor, roundId: string, anomalyKey: string): Promise<{ taskId: string; created: boolean }> {
  const round = await managedRound(p, actor, roundId);
  const settings = await p.settings.get(actor.tenantId, ASSESSMENT_ANOMALIES);
  let result: { taskId: string; created: boolean } | undefined;
  await p.audit.tx(ctx, async (trx) => {
    const items = await anomaliesOf(p, trx, round, settings);
    const a = items.find((i) => i.key === anomalyKey);
    if (!a) throw notFound('异常');
    if (a.taskId) {
      result = { taskId: a.taskId, created: false };
      return;
    }
    const today = shanghaiDate(p.clock.now());
    const due = addDays(shanghaiDate(p.clock.now()), 7);
    const taskId = await createTask(trx, p, ctx, {
      title: `考核异常核查：${a.typeName}（${round.name}）`,
      description: a.description,
      kind: 'temporary',
      issuingOrgId: round.root_org_id,
      ownerOrgId: round.root_org_id,
      ownerId: a.assessorUserId ?? round.created_by ?? actor.userId,
      startOn: today,
      dueOn: due,
      doneStandard: '核实评分情况，说明原因；评分不实的退回重评或按更正程序处理',
      sourceKind: TASK_SOURCE_KIND,
      sourceId: sourceId(round.id, a.key),
      sourceLink: roundLink(round.id),
      sourceLabel: '考核异常',
    });
    result = { taskId, created: true };
  });
  return result!;
}
