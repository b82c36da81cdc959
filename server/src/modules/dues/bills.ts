// The year's monthly bills: one per member and month owed (members.ts owedMonths), at the base's monthly amount.
// Generating is safe to repeat: missing bills are added, unpaid ones follow the base and the member's dates (a member
// who left has no bill after the month of leaving), paid ones are never touched.
import { newId } from '../../db/ids.js';
import { inSlices } from '../../db/batch.js';
import type { Actor } from '../../platform/access/actor.js';
import type { AuditContext } from '../../platform/audit/service.js';
import type { Platform } from '../../platform/context.js';
import { membersInScope, owedMonths } from './members.js';
import { writesAt } from './policy.js';
import type { DuesBillTable } from './tables.js';

export interface GenerateResult {
  members: number;
  created: number;
  updated: number;
  removed: number;
  missingBases: { id: string; name: string }[];
}

export async function generateBills(p: Platform, ctx: AuditContext, actor: Actor, year: number, orgId?: string): Promise<GenerateResult> {
  const tenantId = actor.tenantId;
  const members = (await membersInScope(p.db, actor, 'dues.write', orgId)).filter((m) => writesAt(actor, m.orgPath) && owedMonths(m, year).length > 0);
  const result: GenerateResult = { members: 0, created: 0, updated: 0, removed: 0, missingBases: [] };
  await p.audit.tx(ctx, async (trx) => {
    const ids = members.map((m) => m.id);
    const bases = new Map((await inSlices(ids, (slice) => trx.selectFrom('dues_bases').select(['member_id', 'monthly_fen'])
      .where('tenant_id', '=', tenantId).where('year', '=', year).where('member_id', 'in', slice).execute())).map((b) => [b.member_id, b.monthly_fen]));
    const existing = await inSlices(ids, (slice) => trx.selectFrom('dues_bills').selectAll()
      .where('tenant_id', '=', tenantId).where('year', '=', year).where('member_id', 'in', slice).execute());
    const byMember = new Map<string, DuesBillTable[]>();
    for (const b of existing) byMember.set(b.member_id, [...(byMember.get(b.member_id) ?? []), b]);
    const now = p.clock.now().toISOString();
    const inserts: DuesBillTable[] = [];
    const removes: string[] = [];
    for (const m of members) {
      const monthly = bases.get(m.id);
      if (monthly === undefined) {
        result.missingBases.push({ id: m.id, name: m.name });
        continue;
      }
      result.members++;
      const owed = new Set(owedMonths(m, year));
      const have = byMember.get(m.id) ?? [];
      for (const b of have) {
        if (b.payment_id !== null) continue;
        if (!owed.has(b.month)) removes.push(b.id);
        else if (b.amount_fen !== monthly) {
          await trx.updateTable('dues_bills').set({ amount_fen: monthly }).where('tenant_id', '=', tenantId).where('id', '=', b.id).execute();
          result.updated++;
        }
      }
      const months = new Set(have.map((b) => b.month));
      for (const month of owed) {
        if (months.has(month)) continue;
        inserts.push({ tenant_id: tenantId, id: newId(p.clock.now().getTime()), member_id: m.id, year, month, branch_id: m.branchId, org_path: m.orgPath, amount_fen: monthly, payment_id: null, created_at: now });
      }
    }
    for (let i = 0; i < inserts.length; i += 500) await trx.insertInto('dues_bills').values(inserts.slice(i, i + 500)).execute();
    for (let i = 0; i < removes.length; i += 500) await trx.deleteFrom('dues_bills').where('tenant_id', '=', tenantId).where('id', 'in', removes.slice(i, i + 500)).execute();
    result.created = inserts.length;
    result.removed = removes.length;
    await p.audit.record(trx, ctx, { action: 'dues.bills.generate', entity: 'duesBill', after: { year, orgId: orgId ?? null, members: result.members, created: result.created, updated: result.updated, removed: result.removed, missingBases: result.missingBases.length } });
  });
  return result;
}
