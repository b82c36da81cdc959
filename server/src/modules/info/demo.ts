// Demo entries of the information base: about 1,896 over the 36 months before the demo day across the
// demo organisations (docs/DOMAIN.md: what the old 管控系统 held after three years), uneven on purpose —
// one very active branch, a few quiet for months (one of them right now), more activity in July and
// December — so the monthly statistics show something worth seeing. Deterministic (own PRNG and ids),
// inserted in batches and indexed for search in the seeding transaction.
import { sql, type Insertable } from 'kysely';
import type { DemoContext } from '../../seed/context.js';
import type { OrganisationTable } from '../../db/types.js';
import { addDays, addYears, IdSequence, Rng } from '../../seed/random.js';
import { indexDocuments } from '../../platform/search/index.js';
import { demoBody, TITLES } from './demoText.js';
import { ENTRY_SEARCH_KIND } from './sources.js';
import { daysInMonth, monthsBetween, shanghaiDateOf } from '../../platform/calendar.js';
import type { InfoCategory, InfoEntryTable, InfoEntryVersionTable, InfoStatus } from './tables.js';

const SEED = 0x1f0e1896;
/** Ids count from here: after the community's, older than anything the application makes later. */
const ID_EPOCH = Date.UTC(2026, 0, 1, 6);
export const DEMO_INFO_ENTRIES = 1896;

const RETURN_REASONS = [
  '请补充制度依据和施行日期后重新提交', '职责条目与上级要求不一致，请修改后重新提交', '流程缺少办理时限，请补充', '标题不规范，请按“组织名称+制度名称”格式修改',
];

const monthLength = (month: string) => daysInMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)));
const monthOfInstant = (iso: string) => shanghaiDateOf(iso).slice(0, 7);
const SEASON: Record<string, number> = { '01': 0.8, '02': 0.55, '03': 1, '04': 1, '05': 1, '06': 1.15, '07': 1.35, '08': 0.9, '09': 1, '10': 0.85, '11': 1.05, '12': 1.25 };

export async function seedInfoDemo(d: DemoContext): Promise<void> {
  const rng = new Rng(SEED);
  const ids = new IdSequence(ID_EPOCH, SEED);
  const pick = <T>(items: readonly T[]) => rng.pick(items);
  const count = (min: number, max: number) => rng.int(min, max);
  const { community: c } = d;
  const orgs = c.orgs.filter((o) => !o.deleted_at);
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const branchIndex = new Map(c.branches.map((b, i) => [b.id, i]));
  const branchOf = (o: OrganisationTable) => (o.kind === 'group' ? byId.get(o.parent_id!)! : o);

  const first = addDays(addYears(d.today, -3), 1);
  const last = addDays(d.today, -1);
  const months = monthsBetween(first.slice(0, 7), last.slice(0, 7));
  const recentMonths = new Set(months.slice(-3));

  // Activity per organisation (branches and groups carry most of it) and quiet spans (months with nothing).
  const weight = (o: OrganisationTable): number => {
    if (o.kind === 'committee') return 2.5;
    if (o.kind === 'generalBranch') return 1.4;
    const bi = branchIndex.get(branchOf(o).id) ?? 0;
    const factor = [1, 0.9, 2.6, 1.1, 0.8, 0.6][bi] ?? 1;
    return o.kind === 'group' ? 0.5 * factor * rng.int(5, 12) / 10 : 3 * factor;
  };
  const quiet = new Map<string, Set<string>>();
  for (const o of orgs) {
    const q = new Set<string>();
    const bi = branchIndex.get(branchOf(o).id);
    if (o.kind !== 'committee' && o.kind !== 'generalBranch' && rng.chance(0.55)) {
      const start = rng.int(0, months.length - 8);
      for (let i = 0; i < rng.int(2, 6); i++) q.add(months[start + i]!);
    }
    if (bi === 4) months.slice(-3).forEach((m) => q.add(m)); // 离退休第一党支部: nothing in the last three months
    if (bi === 5 && o.kind === 'branch') months.slice(12, 19).forEach((m) => q.add(m)); // 离退休第二党支部: half a year quiet
    quiet.set(o.id, q);
  }

  // Cells (organisation × month) weighted, then exactly DEMO_INFO_ENTRIES draws.
  const cells: { org: OrganisationTable; month: string; lo: number; hi: number }[] = [];
  const cumulative: number[] = [];
  let total = 0;
  for (const o of orgs) {
    const w = weight(o);
    months.forEach((m, i) => {
      if (quiet.get(o.id)!.has(m)) return;
      const lo = m === first.slice(0, 7) ? Number(first.slice(8)) : 1;
      const hi = m === last.slice(0, 7) ? Number(last.slice(8)) : monthLength(m);
      const growth = 0.7 + 0.6 * (i / months.length);
      total += w * growth * SEASON[m.slice(5)]! * ((hi - lo + 1) / monthLength(m));
      cells.push({ org: o, month: m, lo, hi });
      cumulative.push(total);
    });
  }
  const draw = () => {
    const r = rng.next() * total;
    let a = 0;
    let b = cumulative.length - 1;
    while (a < b) {
      const mid = (a + b) >> 1;
      if (cumulative[mid]! > r) b = mid;
      else a = mid + 1;
    }
    return cells[a]!;
  };

  const user = (name: string) => d.userIds.get(name) ?? null;
  const people = (o: OrganisationTable): { writer: string | null; publisher: string | null } => {
    const bi = branchIndex.get(branchOf(o).id);
    if (bi === undefined) return { writer: user('dangwei'), publisher: user('dangwei') };
    const secretary = user(`zb${bi + 1}`);
    return { writer: bi === 0 && rng.chance(0.5) ? user('weiyuan') : secretary, publisher: secretary };
  };
  const at = (date: string, minMinutes = 8 * 60 + 30, maxMinutes = 18 * 60) => {
    const minutes = rng.int(minMinutes, maxMinutes);
    return new Date(Date.parse(`${date}T00:00:00+08:00`) + minutes * 60_000 + rng.int(0, 59_999)).toISOString();
  };

  const entries: Insertable<InfoEntryTable>[] = [];
  const versions: Insertable<InfoEntryVersionTable>[] = [];
  for (let n = 0; n < DEMO_INFO_ENTRIES; n++) {
    const cell = draw();
    const o = cell.org;
    const date = `${cell.month}-${String(rng.int(cell.lo, cell.hi)).padStart(2, '0')}`;
    const category: InfoCategory = o.kind === 'group'
      ? rng.weighted([['duty', 4], ['rule', 3], ['procedure', 2]])
      : rng.weighted([['rule', 4], ['duty', 2.5], ['procedure', 3.5]]);
    const base = pick(TITLES[category]);
    const year = date.slice(0, 4);
    const orgLabel = o.kind === 'group' ? `${branchOf(o).name}${o.name}` : o.name;
    const title = rng.weighted<() => string>([
      [() => base, 2], [() => `${year}年${base}`, 3], [() => `${base}（${year}年修订）`, 2], [() => `${orgLabel}${base}`, 2],
      [() => `关于印发《${base}》的通知`, 1], [() => `${base}（试行）`, 1], [() => `${base}（第${rng.int(2, 5)}版）`, 1],
      [() => `${year}年${Number(date.slice(5, 7))}月${base}`, category === 'procedure' ? 2 : 0.3],
    ])();
    const { writer, publisher } = people(o);
    const recent = recentMonths.has(cell.month) && date >= addDays(d.today, -45);
    const status: InfoStatus = recent && rng.chance(0.25) ? rng.weighted([['draft', 4], ['submitted', 3.5], ['returned', 2.5]]) : 'published';
    const revisions = status === 'published' ? rng.weighted([[1, 90], [2, 7], [3, 3]]) : 0;
    const body = demoBody(pick, count, category, title, orgLabel, 1);
    const id = ids.next();
    const created = at(addDays(date, -rng.int(0, 4)), 8 * 60, 12 * 60);
    const submitted = at(date, 12 * 60, 14 * 60);
    const row: Insertable<InfoEntryTable> = {
      tenant_id: d.tenantId, id, org_id: o.id, org_path: o.path, category, title, body_html: body.html, body_text: body.text, status,
      return_reason: status === 'returned' ? pick(RETURN_REASONS) : null, version: revisions,
      created_by: writer, created_at: created, updated_by: writer, updated_at: created,
      submitted_by: status === 'draft' ? null : writer, submitted_at: status === 'draft' ? null : submitted,
      published_by: null, published_at: null, first_published_at: null, published_month: null, deleted_at: null,
    };
    if (status === 'submitted' || status === 'returned') row.updated_at = status === 'returned' ? at(date, 14 * 60, 18 * 60) : submitted;
    let publishedDate = date;
    for (let v = 1; v <= revisions; v++) {
      if (v > 1) publishedDate = addDays(publishedDate, rng.int(20, 200));
      if (publishedDate > last) break;
      const when = v === 1 ? at(date, 14 * 60, 18 * 60) : at(publishedDate);
      const html = v === 1 ? body.html : `${body.html}<p>（第${v}次修订：根据上级党委最新要求，补充完善了相关条款。）</p>`;
      versions.push({ tenant_id: d.tenantId, id: ids.next(), entry_id: id, version: v, title, body_html: html, published_by: publisher, published_at: when });
      row.version = v;
      row.body_html = html;
      if (v > 1) row.body_text = `${body.text}\n（第${v}次修订：根据上级党委最新要求，补充完善了相关条款。）`;
      row.published_by = publisher;
      row.published_at = when;
      row.updated_by = publisher;
      row.updated_at = when;
      if (v === 1) {
        row.first_published_at = when;
        row.published_month = monthOfInstant(when);
      }
    }
    entries.push(row);
  }

  for (let i = 0; i < entries.length; i += 400) await d.trx.insertInto('info_entries').values(entries.slice(i, i + 400)).execute();
  for (let i = 0; i < versions.length; i += 500) await d.trx.insertInto('info_entry_versions').values(versions.slice(i, i + 500)).execute();
  await indexDocuments(d.trx, d.p.data.dialect, d.tenantId, entries.map((e) => ({ kind: ENTRY_SEARCH_KIND, entityId: e.id, title: e.title, body: e.body_text })));
  // A fresh PostgreSQL database has no statistics until autovacuum runs: the planner then takes these
  // tables for empty and joins the search hits by nested loops over every entry (seconds per search).
  // ANALYZE inside the seeding transaction counts its own rows and commits with them.
  if (d.p.data.dialect === 'postgres') await sql`analyze info_entries, info_entry_versions, search_documents`.execute(d.trx);
}

