// The life of a plaque: a branch proposes (申报) and edits while 申报/退回, the 党委 approves (which gives it its
// public code) or returns it with a reason, issues it (挂牌) and withdraws it (摘牌) with a reason. Every step is a
// conditional update on the expected status, so of two racing decisions one wins and the other gets a 409; every
// step writes the plaque's history and the audit in one transaction.
import { randomBytes } from 'node:crypto';
import { newId } from '../../db/ids.js';
import type { Tx } from '../../db/types.js';
import type { Actor } from '../../platform/access/actor.js';
import type { AuditContext } from '../../platform/audit/service.js';
import { todayIn } from '../../platform/calendar.js';
import type { Platform } from '../../platform/context.js';
import { conflict, fieldError, forbidden, notFound, Problems } from '../../platform/errors.js';
import { memberSummaries } from '../members/index.js';
import { liveOrg } from '../org/index.js';
import { liveUnits } from '../units/index.js';
import { decidesPlaque, proposesAt } from './policy.js';
import { plaqueFor, toViews } from './plaqueQueries.js';
import { PLAQUE_STATUS_NAMES, type PlaqueBody } from './plaqueSchema.js';
import type { IncentivePlaqueTable, PlaqueAction, PlaqueStatus } from './tables.js';

const LIVE_MEMBER = new Set(['active', 'flowing']);
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** An unguessable public code: 22 base62 characters from the system's random source (≈ 131 bits). */
export function newPublicCode(): string {
  const bytes = randomBytes(32);
  let out = '';
  // Rejection sampling keeps every character equally likely (248 = 4 × 62).
  for (const b of bytes) if (b < 248 && out.length < 22) out += BASE62[b % 62];
  return out.length === 22 ? out : newPublicCode();
}

/** The plaque's own fields from a proposal or edit, after the checks that need the database; 400 with every problem. */
async function checkedFields(p: Platform, actor: Actor, body: PlaqueBody) {
  const org = await liveOrg(p.db, actor.tenantId, body.orgId);
  if (!org || !proposesAt(actor, org.path)) throw notFound('申报组织');
  const problems = new Problems();
  const m = (await memberSummaries(p.db, actor.tenantId, [body.memberId])).get(body.memberId);
  if (!m || m.deleted || !LIVE_MEMBER.has(m.status) || !m.orgPath.startsWith(org.path)) problems.add('memberId', '党员不存在，或不是本组织的在册党员');
  if (body.periodTo < body.periodFrom) problems.add('periodTo', '期限止不能早于期限起');
  let unitId: string | null = null;
  if (body.kind === 'post') {
    if (!body.postName) problems.add('postName', '示范岗请填写岗位');
    if (body.unitId) {
      if ((await liveUnits(p.db, actor.tenantId, [body.unitId])).length === 0) problems.add('unitId', '所选单位不存在');
      else unitId = body.unitId;
    }
  } else {
    if (!body.areaKind) problems.add('areaKind', '责任区请选择区域类型');
    if (!body.areaName) problems.add('areaName', '责任区请填写区域名称');
  }
  problems.throwIfAny();
  return {
    fields: {
      kind: body.kind, org_id: org.id, org_path: org.path, member_id: body.memberId, title: body.title,
      unit_id: body.kind === 'post' ? unitId : null, post_name: body.kind === 'post' ? body.postName ?? null : null,
      area_kind: body.kind === 'area' ? body.areaKind ?? null : null, area_name: body.kind === 'area' ? body.areaName ?? null : null,
      extent: body.extent, commitment: body.commitment, period_from: body.periodFrom, period_to: body.periodTo,
    },
  };
}

const auditOf = (x: Partial<IncentivePlaqueTable>) => ({
  kind: x.kind, orgId: x.org_id, memberId: x.member_id, title: x.title, unitId: x.unit_id, postName: x.post_name, areaKind: x.area_kind, areaName: x.area_name,
  extent: x.extent, commitment: x.commitment, periodFrom: x.period_from, periodTo: x.period_to, status: x.status, issuedOn: x.issued_on,
  withdrawnOn: x.withdrawn_on, withdrawReason: x.withdraw_reason,
});

async function addEvent(trx: Tx, x: { tenant_id: string; id: string }, action: PlaqueAction, actorId: string | null, at: string, note: string | null = null) {
  await trx.insertInto('incentive_plaque_events').values({ tenant_id: x.tenant_id, id: newId(), plaque_id: x.id, action, note, actor_id: actorId, at }).execute();
}

async function detail(p: Platform, actor: Actor, id: string) {
  const x = await p.db.selectFrom('incentive_plaques').selectAll().where('tenant_id', '=', actor.tenantId).where('id', '=', id).executeTakeFirstOrThrow();
  return (await toViews(p, actor, [x]))[0]!;
}

export async function proposePlaque(p: Platform, ctx: AuditContext, actor: Actor, body: PlaqueBody) {
  const { fields } = await checkedFields(p, actor, body);
  const at = p.clock.now().toISOString();
  const row: IncentivePlaqueTable = {
    tenant_id: actor.tenantId, id: newId(), ...fields, status: 'proposed', public_code: null, issued_on: null, withdrawn_on: null, withdraw_reason: null,
    flagged: 0, created_by: actor.userId, created_at: at, updated_at: at, deleted_at: null,
  };
  await p.audit.tx(ctx, async (trx) => {
    await trx.insertInto('incentive_plaques').values(row).execute();
    await addEvent(trx, row, 'proposed', actor.userId, at);
    await p.audit.record(trx, ctx, { action: 'incentive.plaque.propose', entity: 'incentivePlaque', entityId: row.id, after: auditOf(row) });
  });
  return detail(p, actor, row.id);
}

/** 409 naming the plaque's current status: another decision got there first, or the step does not fit. */
async function stateConflict(p: Platform, x: IncentivePlaqueTable, what: string) {
  const cur = await p.db.selectFrom('incentive_plaques').select('status').where('tenant_id', '=', x.tenant_id).where('id', '=', x.id).executeTakeFirst();
  const status = (cur?.status ?? x.status) as PlaqueStatus;
  return conflict('PLAQUE_STATE', `该示范岗/责任区当前为「${PLAQUE_STATUS_NAMES[status]}」，不能${what}`);
}

/**
 * One conditional step: update the row only while its status is one of `from`, then the event and the audit.
 * The loser of a race updates nothing and gets the 409.
 */
async function step(p: Platform, ctx: AuditContext, actor: Actor, x: IncentivePlaqueTable, o: {
  from: PlaqueStatus[]; what: string; set: Partial<IncentivePlaqueTable>; action: PlaqueAction; audit: string; note?: string | null;
  also?: (trx: Tx, at: string) => Promise<void>;
}) {
  if (!o.from.includes(x.status)) throw await stateConflict(p, x, o.what);
  const at = p.clock.now().toISOString();
  const done = await p.audit.tx(ctx, async (trx) => {
    const r = await trx.updateTable('incentive_plaques').set({ ...o.set, updated_at: at })
      .where('tenant_id', '=', x.tenant_id).where('id', '=', x.id).where('status', 'in', o.from).where('deleted_at', 'is', null).executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) return false;
    await o.also?.(trx, at);
    await addEvent(trx, x, o.action, actor.userId, at, o.note ?? null);
    await p.audit.record(trx, ctx, { action: o.audit, entity: 'incentivePlaque', entityId: x.id, before: auditOf(x), after: auditOf({ ...x, ...o.set }) });
    return true;
  });
  if (!done) throw await stateConflict(p, x, o.what);
  return detail(p, actor, x.id);
}

/** Edit while 申报 or 退回; an edit of a returned plaque resubmits it (→ 申报). */
export async function editPlaque(p: Platform, ctx: AuditContext, actor: Actor, id: string, body: PlaqueBody) {
  const x = await plaqueFor(p, actor, id);
  if (!proposesAt(actor, x.org_path)) throw forbidden('没有修改该示范岗/责任区的权限');
  const { fields } = await checkedFields(p, actor, body);
  const resubmit = x.status === 'rejected';
  return step(p, ctx, actor, x, {
    from: ['proposed', 'rejected'], what: '修改', set: { ...fields, status: 'proposed' }, action: resubmit ? 'proposed' : 'edited',
    audit: 'incentive.plaque.edit', note: resubmit ? '修改后重新申报' : null,
  });
}

async function decided(p: Platform, actor: Actor, id: string) {
  const x = await plaqueFor(p, actor, id);
  // A branch never decides its own plaques, whatever its role holds: 403, the plaque is in sight.
  if (!decidesPlaque(actor, x)) throw forbidden('只有上级党组织可以审批、挂牌或摘牌');
  return x;
}

export async function approvePlaque(p: Platform, ctx: AuditContext, actor: Actor, id: string, note?: string) {
  const x = await decided(p, actor, id);
  const code = x.public_code ?? newPublicCode();
  return step(p, ctx, actor, x, {
    from: ['proposed'], what: '审核通过', set: { status: 'approved', public_code: code }, action: 'approved', audit: 'incentive.plaque.approve', note: note || null,
    also: async (trx, at) => {
      if (!x.public_code) await trx.insertInto('incentive_public_codes').values({ code, tenant_id: x.tenant_id, plaque_id: x.id, created_at: at }).execute();
    },
  });
}

export async function rejectPlaque(p: Platform, ctx: AuditContext, actor: Actor, id: string, reason: string) {
  const x = await decided(p, actor, id);
  return step(p, ctx, actor, x, { from: ['proposed'], what: '退回', set: { status: 'rejected' }, action: 'rejected', audit: 'incentive.plaque.reject', note: reason });
}

export async function issuePlaque(p: Platform, ctx: AuditContext, actor: Actor, id: string, issuedOn?: string) {
  const x = await decided(p, actor, id);
  const on = issuedOn ?? todayIn(p.clock);
  if (on > todayIn(p.clock)) throw fieldError('issuedOn', '挂牌日期不能晚于今天');
  return step(p, ctx, actor, x, { from: ['approved'], what: '挂牌', set: { status: 'active', issued_on: on }, action: 'issued', audit: 'incentive.plaque.issue' });
}

export async function withdrawPlaque(p: Platform, ctx: AuditContext, actor: Actor, id: string, reason: string) {
  const x = await decided(p, actor, id);
  return step(p, ctx, actor, x, {
    from: ['approved', 'active'], what: '摘牌', set: { status: 'withdrawn', withdrawn_on: todayIn(p.clock), withdraw_reason: reason, flagged: 0 },
    action: 'withdrawn', audit: 'incentive.plaque.withdraw', note: reason,
  });
}
