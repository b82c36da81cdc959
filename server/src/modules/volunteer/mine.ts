// 我的结对老人: the acting volunteer's residents paired now and still 在册, each with the last visit, when the next
// is due, days overdue, the last visit's condition and the phone masked (clear only through the resident's reveal).
import { sql } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import { shanghaiDate, yearsBetween } from '../../platform/calendar.js';
import type { Platform } from '../../platform/context.js';
import { maskPhone } from '../../platform/crypto/mask.js';
import { readSetting } from '../../platform/settings/service.js';
import { nextDueOn, overdueDays } from './due.js';
import { pairedWith } from './policy.js';
import { VOLUNTEER_RULES } from './settings.js';
import type { LivingSituation, VisitCondition } from './tables.js';
import { volunteerOfUser } from './volunteers.js';

export async function myResidents(p: Platform, actor: Actor) {
  const [self, rules] = await Promise.all([volunteerOfUser(p.db, actor.tenantId, actor.userId), readSetting(p.db, actor.tenantId, VOLUNTEER_RULES)]);
  if (!self) return { items: [], limit: rules.maxResidentsPerVolunteer, volunteer: null };
  const today = shanghaiDate(p.clock.now());
  const rows = await p.db.selectFrom('volunteer_residents as vr')
    .select(['vr.id', 'vr.name', 'vr.birth_date', 'vr.community', 'vr.risk', 'vr.living', 'vr.status', 'vr.last_visit_on', 'vr.registered_on', 'vr.phone_enc'])
    .select(sql<VisitCondition | null>`(select vv.condition from volunteer_visits vv where vv.tenant_id = vr.tenant_id and vv.resident_id = vr.id and vv.deleted_at is null
      order by vv.visited_on desc, vv.created_at desc limit 1)`.as('last_condition'))
    .where('vr.tenant_id', '=', actor.tenantId).where('vr.deleted_at', 'is', null).where('vr.status', '=', 'active').where(pairedWith(self, 'vr'))
    .execute();
  const items = rows.map((r) => ({
    residentId: r.id, name: r.name, age: yearsBetween(r.birth_date, today), community: r.community, risk: r.risk,
    living: JSON.parse(r.living) as LivingSituation[], lastVisitOn: r.last_visit_on, nextDueOn: nextDueOn(r, rules), overdueDays: overdueDays(r, rules, today),
    lastCondition: r.last_condition, phone: r.phone_enc ? maskPhone(p.fieldCrypto.decrypt(r.phone_enc)) : null,
  }));
  // Most overdue first, then the soonest due: the order a volunteer works through.
  items.sort((a, b) => b.overdueDays - a.overdueDays || (a.nextDueOn ?? '').localeCompare(b.nextDueOn ?? '') || a.name.localeCompare(b.name, 'zh-CN'));
  return { items, limit: rules.maxResidentsPerVolunteer, volunteer: { kind: self.kind, id: self.id, name: self.name } };
}
