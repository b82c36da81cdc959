// The year's 学时 totals of every member of a committee, kept per process: the ledger (学时统计) and the 党务干部
// register read them for hundreds of members on every page, and computing them is two aggregates over the year's
// study time and attendance. An entry is valid while the tenant's training_versions (study, materials, courses,
// sessions: migration 0029) and org_life_versions (activities, attendance: 0015) counters and the 学时 rules are those
// it was computed at; the counters are read first, so a change committed meanwhile makes the entry newer than them,
// never older.
import type { Platform } from '../../platform/context.js';
import { readCounter } from '../../db/versions.js';
import { Lru, perHandle } from '../../platform/lru.js';
import { hoursItems, totalsOf, type HoursTotals } from './hours.js';
import { HOURS_RULES } from './hoursSettings.js';

interface Kept { training: number; orgLife: number; rules: string; totals: ReadonlyMap<string, HoursTotals> }

const keptOf = perHandle((): Lru<string, Kept> => new Lru(200));

const ZERO: HoursTotals = Object.freeze({ online: 0, offline: 0, lectures: 0, total: 0 });

/**
 * A calendar year's totals by member id, for members with any 学时 that year (others read as zero through `of`).
 * Shared between requests: callers must not modify what they get.
 */
export async function yearTotals(p: Platform, tenantId: string, year: string): Promise<{ of: (memberId: string) => HoursTotals }> {
  const [training, orgLife, rules] = await Promise.all([
    readCounter(p.db, 'training_versions', tenantId), readCounter(p.db, 'org_life_versions', tenantId), p.settings.get(tenantId, HOURS_RULES),
  ]);
  const rulesKey = JSON.stringify(rules);
  const kept = keptOf(p.db);
  const key = `${tenantId}|${year}`;
  let hit = kept.get(key);
  if (!hit || hit.training !== training || hit.orgLife !== orgLife || hit.rules !== rulesKey) {
    const items = await hoursItems(p.db, tenantId, 'all', `${year}-01-01`, `${year}-12-31`, rules);
    hit = { training, orgLife, rules: rulesKey, totals: totalsOf([...new Set(items.map((i) => i.memberId))], items) };
    kept.set(key, hit);
  }
  const totals = hit.totals;
  return { of: (memberId) => totals.get(memberId) ?? ZERO };
}
