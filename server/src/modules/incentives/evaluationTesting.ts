// Test fixtures of 考评 and 星级评定: plaques and residents' ratings written straight into the 激励 tables (the
// plaque routes are another part's), so these tests do not depend on them.
import { newId } from '../../db/ids.js';
import type { Platform } from '../../platform/context.js';
import type { MemberSummary } from '../members/index.js';
import type { IncentivePlaqueTable } from './tables.js';

let seq = 0;

export async function insertPlaque(p: Platform, tenantId: string, org: { id: string; path: string }, member: MemberSummary, o: {
  kind?: 'post' | 'area'; title?: string; status?: IncentivePlaqueTable['status']; from?: string; to?: string; issuedOn?: string | null;
  unitId?: string | null; areaKind?: IncentivePlaqueTable['area_kind']; areaName?: string | null;
} = {}): Promise<IncentivePlaqueTable> {
  seq++;
  const kind = o.kind ?? 'post';
  const at = '2025-01-02T02:00:00.000Z';
  const row: IncentivePlaqueTable = {
    tenant_id: tenantId, id: newId(), kind, org_id: org.id, org_path: org.path, member_id: member.id, title: o.title ?? `测试示范岗${seq}`,
    unit_id: kind === 'post' ? (o.unitId ?? null) : null, post_name: kind === 'post' ? '收费窗口' : null,
    area_kind: kind === 'area' ? (o.areaKind ?? 'community') : null, area_name: kind === 'area' ? (o.areaName ?? '测试小区') : null,
    extent: '', commitment: '热情服务，限时办结。', period_from: o.from ?? '2025-01-01', period_to: o.to ?? '2027-12-31',
    status: o.status ?? 'active', public_code: null, issued_on: o.issuedOn === undefined ? '2025-01-05' : o.issuedOn, withdrawn_on: null, withdraw_reason: null,
    flagged: 0, created_by: null, created_at: at, updated_at: at, deleted_at: null,
  };
  await p.db.insertInto('incentive_plaques').values(row).execute();
  return row;
}

/** Ratings of a plaque on one day, each from its own (hashed-looking) device. */
export async function insertRatings(p: Platform, plaque: IncentivePlaqueTable, ratedOn: string, scores: readonly number[]): Promise<void> {
  for (const score of scores) {
    seq++;
    await p.db.insertInto('incentive_ratings').values({
      tenant_id: plaque.tenant_id, id: newId(), plaque_id: plaque.id, org_path: plaque.org_path, score, comment: null, comment_status: 'none',
      moderated_by: null, moderated_at: null, device_key: `test-device-${seq}`, address_key: `test-address-${seq}`, rated_on: ratedOn, created_at: `${ratedOn}T02:00:00.000Z`,
    }).execute();
  }
}
