// Who has and has not submitted: the board of a campaign's branches in the reader's sight (measures, each
// progress report, late and overdue flags, open 督办 tasks), and one-click 督办 that opens one task per branch
// without measures through the 督办 module, never two for the same branch.
import type { Actor } from '../../platform/access/actor.js';
import type { Permission } from '../../platform/access/permissions.js';
import { permissionHolders } from '../../platform/access/holders.js';
import type { AuditContext } from '../../platform/audit/service.js';
import type { Platform } from '../../platform/context.js';
import { addDays, todayIn } from '../../platform/calendar.js';
import { conflict, fieldError, forbidden, notFound } from '../../platform/errors.js';
import type { DbOrTx } from '../../db/types.js';
import { createTask, tasksFromSource } from '../tasks/index.js';
import { CAMPAIGN_RULES } from './settings.js';
import { campaignLink, campaignView, dayOf } from './campaigns.js';
import { managesCampaign } from './policy.js';
import { appliedOrgs, branchesSeen, duesOf, lockedCampaign, submissionsOf, submissionsSeen, type AppliedOrg } from './queries.js';
import type { CampaignTable } from './tables.js';

export const TASK_SOURCE = 'campaign';

export async function board(p: Platform, actor: Actor, c: CampaignTable) {
  const [branches, dues, subs, tasks] = await Promise.all([
    branchesSeen(p.db, actor, c), duesOf(p.db, c.tenant_id, [c.id]), submissionsSeen(p.db, actor, c),
    tasksFromSource(p.db, c.tenant_id, TASK_SOURCE, `${c.id}|`),
  ]);
  const view = await campaignView(p.db, actor, c, { branches, dues });
  const now = todayIn(p.clock);
  const bySlot = new Map(subs.map((s) => [`${s.org_id}|${s.slot}`, s]));
  const taskOf = new Map(tasks.map((t) => [t.sourceId, t.id]));
  const slot = (orgId: string, key: string, dueOn: string) => {
    const s = bySlot.get(`${orgId}|${key}`);
    return s ? { submittedAt: s.submitted_at, late: dayOf(s.submitted_at) > dueOn } : null;
  };
  const rows = branches.map((o) => {
    const measures = slot(o.org_id, 'measures', c.measures_due);
    return {
      orgId: o.org_id, orgName: o.name, measures,
      progress: Object.fromEntries(dues.map((d) => [d.id, slot(o.org_id, d.id, d.due_on)])),
      late: measures?.late ?? false, overdue: !measures && now > c.measures_due, taskId: taskOf.get(`${c.id}|${o.org_id}`) ?? null,
    };
  });
  return {
    campaign: view,
    dues: dues.map((d) => ({ id: d.id, title: d.title, dueOn: d.due_on })),
    orgs: rows,
    missingMeasures: rows.filter((r) => !r.measures).map((r) => ({ orgId: r.orgId, orgName: r.orgName })),
    missingProgress: dues.map((d) => ({ dueId: d.id, title: d.title, dueOn: d.due_on, orgs: rows.filter((r) => !r.progress[d.id]).map((r) => ({ orgId: r.orgId, orgName: r.orgName })) })),
  };
}

// ---------- one-click 督办 ----------

/** The account nearest the organisation holding campaign.submit (else task.write at or below it) to own a 督办 task. */
async function ownerFor(db: DbOrTx, tenantId: string, org: AppliedOrg): Promise<string | null> {
  const depth = (path: string) => path.split('/').length;
  for (const perm of ['campaign.submit', 'task.write'] as Permission[]) {
    const holders = await permissionHolders(db, tenantId, org.org_path, (x) => x === perm);
    if (holders.length === 0) continue;
    let best: { id: string; name: string; distance: number } | null = null;
    for (const h of holders) {
      for (const path of h.grantPaths) {
        const covers = org.org_path.startsWith(path);
        const inside = path.startsWith(org.org_path);
        // A committee-wide task.write holder is the issuer's side, not the branch's.
        if (!inside && !(covers && perm === 'campaign.submit')) continue;
        const distance = Math.abs(depth(org.org_path) - depth(path));
        if (!best || distance < best.distance || (distance === best.distance && h.name < best.name)) best = { id: h.id, name: h.name, distance };
      }
    }
    if (best) return best.id;
  }
  return null;
}

export async function supervise(p: Platform, ctx: AuditContext, actor: Actor, c: CampaignTable, body: { orgIds?: string[] | undefined; dueOn?: string | undefined }) {
  if (!managesCampaign(actor, c)) throw forbidden('只有部署该活动的组织的管理人员可以督办');
  // Read before the transaction: on SQLite the settings service's own read would wait for it.
  const { superviseDueDays } = await p.settings.get(c.tenant_id, CAMPAIGN_RULES);
  return p.audit.tx(ctx, async (trx) => {
    const cur = await lockedCampaign(trx, p.data.dialect, c.tenant_id, c.id);
    if (!cur) throw notFound('主题实践活动');
    if (cur.status !== 'active') throw conflict('CAMPAIGN_STATE', cur.status === 'closed' ? '活动已结束，不能督办' : '活动尚未开始，不能督办');
    const orgs = await appliedOrgs(trx, cur.tenant_id, cur.id);
    const byId = new Map(orgs.map((o) => [o.org_id, o]));
    let targets: AppliedOrg[];
    if (body.orgIds) {
      const unknown = body.orgIds.filter((id) => !byId.has(id));
      if (unknown.length) throw fieldError('orgIds', '督办组织中有本活动不适用的组织');
      targets = [...new Set(body.orgIds)].map((id) => byId.get(id)!);
    } else {
      const submitted = new Set((await submissionsOf(trx, cur.tenant_id, cur.id)).filter((s) => s.kind === 'measures').map((s) => s.org_id));
      targets = orgs.filter((o) => !submitted.has(o.org_id));
    }
    const dueOn = body.dueOn ?? addDays(todayIn(p.clock), superviseDueDays);
    if (dueOn < todayIn(p.clock)) throw fieldError('dueOn', `督办截止日期不能早于今天（${todayIn(p.clock)}）`);
    const open = new Map((await tasksFromSource(trx, cur.tenant_id, TASK_SOURCE, `${cur.id}|`)).map((t) => [t.sourceId, t.id]));
    const created: { orgId: string; taskId: string }[] = [];
    const existing: { orgId: string; taskId: string }[] = [];
    const skipped: { orgId: string; reason: string }[] = [];
    for (const o of targets) {
      const sourceId = `${cur.id}|${o.org_id}`;
      const have = open.get(sourceId);
      if (have) {
        existing.push({ orgId: o.org_id, taskId: have });
        continue;
      }
      const owner = await ownerFor(trx, cur.tenant_id, o);
      if (!owner) {
        skipped.push({ orgId: o.org_id, reason: `${o.name}没有可接收督办任务的书记账号，请先为其开通账号` });
        continue;
      }
      const taskId = await createTask(trx, p, ctx, {
        title: `报送“${cur.name}”推进措施`, description: `请按活动要求报送本支部推进措施（原截止日期 ${cur.measures_due}）。`, kind: 'temporary',
        issuerId: actor.userId, issuingOrgId: cur.root_org_id, ownerOrgId: o.org_id, ownerId: owner, dueOn,
        doneStandard: '在平台“主题实践活动”中报送推进措施', sourceKind: TASK_SOURCE, sourceId, sourceLink: campaignLink(cur.id), sourceLabel: '主题实践活动',
      });
      created.push({ orgId: o.org_id, taskId });
    }
    await p.audit.record(trx, ctx, { action: 'campaign.supervise', entity: 'campaign', entityId: cur.id, after: { created, existing, skipped, dueOn } });
    return { created, existing, skipped };
  });
}
