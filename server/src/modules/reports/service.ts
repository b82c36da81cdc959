// The monthly report and the 年报 of an organisation: every registered section the reader may see, computed together
// (each by its own module, a failing one marked unavailable), and the secretary's own words kept per org and month.
import type { Actor } from '../../platform/access/actor.js';
import type { AuditContext } from '../../platform/audit/service.js';
import { monthDays, todayIn } from '../../platform/calendar.js';
import type { Platform } from '../../platform/context.js';
import { badRequest, forbidden, notFound } from '../../platform/errors.js';
import type { OrganisationTable } from '../org/index.js';
import { reportOrg, seesSection, writesWords } from './policy.js';
import type { MonthQuery, MonthlyView, WordsBody, WordsView, YearQuery, YearlyView } from './schema.js';
import { WORD_PARTS, type WordPart } from './tables.js';

export const monthLabel = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5))}月`;

async function orgOf(p: Platform, actor: Actor, orgId: string | undefined): Promise<OrganisationTable> {
  const org = await reportOrg(p.db, actor, orgId);
  if (!org || org.deleted_at) throw notFound('组织');
  return org;
}

function checkMonth(month: string, today: string): void {
  if (month > today.slice(0, 7)) throw badRequest('不能选择未来的月份', { month: '不能选择未来的月份' });
  if (month < '2000-01') throw badRequest('月份应在 2000 年以后', { month: '月份应在 2000 年以后' });
}

export async function loadWords(p: Platform, tenantId: string, orgId: string, month: string): Promise<WordsView> {
  const rows = await p.db.selectFrom('report_words').selectAll().where('tenant_id', '=', tenantId).where('org_id', '=', orgId).where('month', '=', month).execute();
  const latest = [...rows].sort((a, b) => b.updated_at.localeCompare(a.updated_at))[0];
  const text = (part: WordPart) => rows.find((r) => r.part === part)?.body ?? '';
  return { overview: text('overview'), problems: text('problems'), plans: text('plans'), updatedAt: latest?.updated_at ?? null, updatedByName: latest?.updated_by_name ?? null };
}

export async function monthlyReport(p: Platform, actor: Actor, q: MonthQuery): Promise<MonthlyView> {
  const today = todayIn(p.clock);
  const month = q.month ?? today.slice(0, 7);
  checkMonth(month, today);
  const org = await orgOf(p, actor, q.orgId);
  const { from, to } = monthDays(month);
  const sections = p.reportSections.monthly().filter((s) => seesSection(actor, s, org));
  const settled = await Promise.allSettled(sections.map((s) => s.monthly({ actor, org, month, from, to, today })));
  return {
    org: { id: org.id, name: org.name, kind: org.kind },
    month, label: monthLabel(month),
    words: await loadWords(p, actor.tenantId, org.id, month),
    canWrite: writesWords(actor, org),
    sections: settled.map((r, i) => {
      const { key, title } = sections[i]!;
      if (r.status === 'rejected') return { key, title, figures: [], sentences: [], tables: [], unavailable: true };
      return { key, title, ...r.value, unavailable: false };
    }),
  };
}

export async function saveWords(p: Platform, ctx: AuditContext, actor: Actor, input: WordsBody): Promise<WordsView> {
  const today = todayIn(p.clock);
  checkMonth(input.month, today);
  const org = await orgOf(p, actor, input.orgId);
  if (!writesWords(actor, org)) throw forbidden('您只能查看该组织的报告，不能填写书记的话');
  const at = p.clock.now().toISOString();
  await p.audit.tx(ctx, async (trx) => {
    const before = await trx.selectFrom('report_words').select(['part', 'body']).where('tenant_id', '=', actor.tenantId).where('org_id', '=', org.id).where('month', '=', input.month).execute();
    const changed: Partial<Record<WordPart, string>> = {};
    for (const part of WORD_PARTS) {
      const body = input[part];
      if (body === undefined) continue;
      changed[part] = body;
      await trx.insertInto('report_words').values({ tenant_id: actor.tenantId, org_id: org.id, month: input.month, part, body, updated_by: actor.userId, updated_by_name: actor.displayName, updated_at: at })
        .onConflict((oc) => oc.columns(['tenant_id', 'org_id', 'month', 'part']).doUpdateSet({ body, updated_by: actor.userId, updated_by_name: actor.displayName, updated_at: at })).execute();
    }
    await p.audit.record(trx, ctx, {
      action: 'report.words', entity: 'organisation', entityId: org.id,
      before: { month: input.month, ...Object.fromEntries(before.map((b) => [b.part, b.body])) }, after: { month: input.month, ...changed },
    });
  });
  return loadWords(p, actor.tenantId, org.id, input.month);
}

export async function yearlyReport(p: Platform, actor: Actor, q: YearQuery): Promise<YearlyView> {
  const today = todayIn(p.clock);
  const year = q.year ?? Number(today.slice(0, 4));
  if (year > Number(today.slice(0, 4))) throw badRequest('不能选择未来的年度', { year: '不能选择未来的年度' });
  const org = await orgOf(p, actor, q.orgId);
  const sections = p.reportSections.yearly().filter((s) => seesSection(actor, s, org));
  // A 年报 with a missing table would mislead: a module that fails fails the whole report.
  const tables = await Promise.all(sections.map(async (s) => (await s.yearly({ actor, org, year, today })).map((t) => ({ key: s.key, ...t }))));
  const end = `${year}-12-31`;
  return { org: { id: org.id, name: org.name, kind: org.kind }, year, asOf: today < end ? today : end, tables: tables.flat() };
}
