// Statistics of the members in an organisation's subtree (those still belonging: not transferred out,
// expelled or deceased), by type, gender, age band, education, Party age and status.
import { sql } from 'kysely';
import type { Db, OrganisationTable } from '../../db/types.js';
import { inSubtree } from '../../db/dialect.js';
import type { Actor } from '../../platform/access/actor.js';
import { AGE_BANDS, ageBandOf, ageOn, EDUCATIONS, fullYears } from '../people/validation.js';
import { scopedMembers } from './queries.js';
import { GONE_STATUSES } from './schema.js';

export const PARTY_AGE_BANDS = ['-5', '6-10', '11-20', '21-30', '31-'] as const;
const partyAgeBand = (years: number) => (years <= 5 ? '-5' : years <= 10 ? '6-10' : years <= 20 ? '11-20' : years <= 30 ? '21-30' : '31-');
export const NO_EDUCATION = '未填写';

export async function memberStats(db: Db, actor: Actor, org: Pick<OrganisationTable, 'tenant_id' | 'path'>, today: string) {
  const rows = await scopedMembers(db, actor, 'member.read')
    .where('m.tenant_id', '=', org.tenant_id)
    .where(inSubtree(sql.ref('m.org_path'), org.path))
    .where('m.status', 'not in', [...GONE_STATUSES])
    .select(['m.type', 'm.status', 'm.confirmed_on', 's.gender', 's.birth_date', 's.education'])
    .execute();
  const zero = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<string, number>;
  const byType = zero(['full', 'probationary']);
  const byGender = zero(['male', 'female']);
  const byAgeBand = zero(AGE_BANDS);
  const byEducation = zero(EDUCATIONS);
  const byPartyAge = zero(PARTY_AGE_BANDS);
  const byStatus = zero(['active', 'flowing', 'lostContact', 'suspended']);
  for (const r of rows) {
    byType[r.type] = (byType[r.type] ?? 0) + 1;
    byGender[r.gender] = (byGender[r.gender] ?? 0) + 1;
    const band = ageBandOf(ageOn(r.birth_date, today));
    byAgeBand[band] = (byAgeBand[band] ?? 0) + 1;
    const edu = r.education ?? NO_EDUCATION;
    byEducation[edu] = (byEducation[edu] ?? 0) + 1;
    const pa = partyAgeBand(r.confirmed_on ? fullYears(r.confirmed_on, today) : 0);
    byPartyAge[pa] = (byPartyAge[pa] ?? 0) + 1;
    byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
  }
  return { total: rows.length, byType, byGender, byAgeBand, byEducation, byPartyAge, byStatus };
}
