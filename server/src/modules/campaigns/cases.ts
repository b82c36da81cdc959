// 精品案例 of a campaign: a branch submits its design and later its result with photos, reviewers of other
// branches rate it (one rating per reviewer, changed by rating again), and the gallery shows rated cases by
// average score. Each change is one transaction with its audit entry.
import { sql } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import { permissionHolders } from '../../platform/access/holders.js';
import type { AuditContext } from '../../platform/audit/service.js';
import type { Platform } from '../../platform/context.js';
import { conflict, fieldError, forbidden, notFound } from '../../platform/errors.js';
import { userDisplayNames } from '../../platform/accounts/service.js';
import { listFiles, loadFile } from '../../platform/files/index.js';
import { richTextToPlain } from '../../platform/richtext/index.js';
import type { Db } from '../../db/types.js';
import { newId } from '../../db/ids.js';
import { orgNamesOf } from '../org/index.js';
import { html } from './campaigns.js';
import type { FileOwner } from './files.js';
import { caseAllowed, rateRefusal, submitsFor, visibleBranchRows, visibleCase, visibleGalleryCases } from './policy.js';
import { lockedCampaign } from './queries.js';
import type { CaseItem } from './schema.js';
import { submitTarget } from './submissions.js';
import type { CampaignCaseTable, CampaignTable } from './tables.js';

export const CASE_OWNER = 'campaignCase';
type Rating = { reviewerUserId: string; reviewerName: string; score: number; comment: string; ratedAt: string };
type Found = { c: CampaignTable; k: CampaignCaseTable };

// ---------- reading ----------

async function caseItems(db: Db, actor: Actor, rows: (CampaignCaseTable & { campaign_name: string })[]): Promise<(CaseItem & { ratings: Rating[] })[]> {
  if (rows.length === 0) return [];
  const tenantId = rows[0]!.tenant_id;
  const ids = rows.map((r) => r.id);
  const [ratings, files, names] = await Promise.all([
    db.selectFrom('campaign_case_ratings').selectAll().where('tenant_id', '=', tenantId).where('case_id', 'in', ids).orderBy('rated_at').execute(),
    listFiles(db, tenantId, CASE_OWNER, ids),
    orgNamesOf(db, actor, rows.map((r) => r.org_id)),
  ]);
  const people = await userDisplayNames(db, tenantId, ratings.map((r) => r.reviewer_user_id));
  return rows.map((r) => {
    const mine = ratings.filter((x) => x.case_id === r.id);
    const sum = mine.reduce((s, x) => s + Number(x.score), 0);
    return {
      id: r.id, campaignId: r.campaign_id, campaignName: r.campaign_name, orgId: r.org_id, orgName: names.get(`${tenantId}/${r.org_id}`) ?? '', title: r.title,
      summary: r.summary, status: r.status, designAt: r.design_at, resultAt: r.result_at,
      averageScore: mine.length ? Math.round((10 * sum) / mine.length) / 10 : null, ratingCount: mine.length,
      myScore: mine.find((x) => x.reviewer_user_id === actor.userId)?.score ?? null, firstPhotoId: files.get(r.id)?.[0]?.id ?? null,
      ratings: mine.map((x) => ({ reviewerUserId: x.reviewer_user_id, reviewerName: people.get(x.reviewer_user_id) ?? '', score: Number(x.score), comment: x.comment, ratedAt: x.rated_at })),
    };
  });
}

/** Rated cases the actor sees, best average first (ties: the earlier design first). */
export async function gallery(db: Db, actor: Actor, campaignId: string | undefined) {
  let q = db.selectFrom('campaign_cases as k').innerJoin('campaigns as c', (j) => j.onRef('c.tenant_id', '=', 'k.tenant_id').onRef('c.id', '=', 'k.campaign_id'))
    .selectAll('k').select('c.name as campaign_name')
    .where('k.tenant_id', '=', actor.tenantId).where('k.deleted_at', 'is', null).where('c.deleted_at', 'is', null).where(visibleGalleryCases(actor))
    .where((eb) => eb.exists(eb.selectFrom('campaign_case_ratings as r').select('r.case_id').whereRef('r.tenant_id', '=', 'k.tenant_id').whereRef('r.case_id', '=', 'k.id')));
  if (campaignId) q = q.where('k.campaign_id', '=', campaignId);
  const items = await caseItems(db, actor, await q.limit(500).execute());
  return items.sort((a, b) => (b.averageScore ?? 0) - (a.averageScore ?? 0) || (a.designAt < b.designAt ? -1 : 1));
}

/** The campaign's live cases of the branches the actor sees, in tree order. */
export async function casesSeen(db: Db, actor: Actor, c: CampaignTable): Promise<CaseItem[]> {
  const rows = await db.selectFrom('campaign_cases as k').innerJoin('campaigns as c', (j) => j.onRef('c.tenant_id', '=', 'k.tenant_id').onRef('c.id', '=', 'k.campaign_id'))
    .selectAll('k').where('k.tenant_id', '=', c.tenant_id).where('k.campaign_id', '=', c.id).where('k.deleted_at', 'is', null)
    .where(visibleBranchRows(actor, sql.ref<string>('k.org_path'))).orderBy('k.org_path').orderBy('k.created_at').execute();
  const items = await caseItems(db, actor, rows.map((k) => ({ ...k, campaign_name: c.name })));
  return items.map(({ ratings: _r, ...rest }) => rest);
}

/** A case the actor sees (else 404). */
export async function seenCase(db: Db, actor: Actor, campaignId: string, caseId: string): Promise<Found> {
  const found = await visibleCase(db, actor, campaignId, caseId);
  if (!found) throw notFound('案例');
  return found;
}

/** The full case: design, result, ratings, photos and what the actor may do with it. */
export async function caseDetail(db: Db, actor: Actor, found: Found) {
  const [item] = await caseItems(db, actor, [{ ...found.k, campaign_name: found.c.name }]);
  const photos = (await listFiles(db, found.k.tenant_id, CASE_OWNER, [found.k.id])).get(found.k.id) ?? [];
  return { ...item!, design: found.k.design, result: found.k.result, photos, allowed: caseAllowed(actor, found.c, found.k) };
}

// ---------- changes ----------

export async function createCase(p: Platform, ctx: AuditContext, actor: Actor, c: CampaignTable, input: { orgId: string; title: string; summary: string; design: string }): Promise<CampaignCaseTable> {
  const design = html(input.design);
  if (!richTextToPlain(design).trim()) throw fieldError('design', '请填写案例设计方案');
  return p.audit.tx(ctx, async (trx) => {
    const cur = await lockedCampaign(trx, p.data.dialect, c.tenant_id, c.id);
    if (!cur) throw notFound('主题实践活动');
    const org = await submitTarget(trx, actor, cur, input.orgId);
    if (cur.calls_cases !== 1) throw conflict('CAMPAIGN_NO_CASES', '本活动没有征集精品案例');
    const at = p.clock.now().toISOString();
    const row: CampaignCaseTable = {
      tenant_id: cur.tenant_id, id: newId(), campaign_id: cur.id, org_id: org.org_id, org_path: org.org_path, title: input.title, summary: input.summary,
      design, design_at: at, result: null, result_at: null, status: 'design', created_by: actor.userId, created_at: at, updated_at: at, deleted_at: null,
    };
    await trx.insertInto('campaign_cases').values(row).execute();
    await p.audit.record(trx, ctx, { action: 'campaign.caseCreate', entity: 'campaignCase', entityId: row.id, after: { campaignId: cur.id, orgId: org.org_id, title: row.title, summary: row.summary, design } });
    const reviewers = (await permissionHolders(trx, cur.tenant_id, org.org_path, (x) => x === 'campaign.review')).map((h) => h.id).filter((u) => u !== actor.userId);
    if (reviewers.length) {
      await p.notify.send(trx, cur.tenant_id, reviewers, { kind: 'campaign.caseSubmitted', title: `新的精品案例待评审：${row.title}`, body: `${org.name}报送了“${cur.name}”精品案例`, link: `/campaigns/cases?id=${row.id}` });
    }
    return row;
  });
}

export async function updateCase(p: Platform, ctx: AuditContext, actor: Actor, c: CampaignTable, k: CampaignCaseTable, patch: { title?: string | undefined; summary?: string | undefined; design?: string | undefined; result?: string | undefined }): Promise<CampaignCaseTable> {
  if (!submitsFor(actor, k)) throw forbidden('只有报送该案例的支部可以修改');
  const design = patch.design !== undefined ? html(patch.design) : k.design;
  if (!richTextToPlain(design).trim()) throw fieldError('design', '请填写案例设计方案');
  const result = patch.result !== undefined ? html(patch.result) : k.result;
  const hasResult = !!result && richTextToPlain(result).trim() !== '';
  return p.audit.tx(ctx, async (trx) => {
    const cur = await lockedCampaign(trx, p.data.dialect, c.tenant_id, c.id);
    if (!cur) throw notFound('主题实践活动');
    if (cur.status === 'closed') throw conflict('CAMPAIGN_CLOSED', '活动已结束，不能再修改案例');
    const at = p.clock.now().toISOString();
    const next: CampaignCaseTable = {
      ...k, title: patch.title ?? k.title, summary: patch.summary ?? k.summary, design, result: hasResult ? result : null,
      status: hasResult ? 'result' : 'design', result_at: hasResult ? (k.result_at && result === k.result ? k.result_at : at) : null, updated_at: at,
    };
    const { tenant_id: _t, id: _i, ...set } = next;
    await trx.updateTable('campaign_cases').set(set).where('tenant_id', '=', k.tenant_id).where('id', '=', k.id).execute();
    await p.audit.record(trx, ctx, {
      action: 'campaign.caseUpdate', entity: 'campaignCase', entityId: k.id,
      before: { title: k.title, summary: k.summary, design: k.design, result: k.result, status: k.status }, after: { title: next.title, summary: next.summary, design, result: next.result, status: next.status },
    });
    return next;
  });
}

export async function rateCase(p: Platform, ctx: AuditContext, actor: Actor, k: CampaignCaseTable, score: number, comment: string): Promise<void> {
  const refusal = rateRefusal(actor, k);
  if (refusal) throw forbidden(refusal);
  await p.audit.tx(ctx, async (trx) => {
    const at = p.clock.now().toISOString();
    const before = await trx.selectFrom('campaign_case_ratings').selectAll().where('tenant_id', '=', k.tenant_id).where('case_id', '=', k.id).where('reviewer_user_id', '=', actor.userId).executeTakeFirst();
    await trx.insertInto('campaign_case_ratings').values({ tenant_id: k.tenant_id, case_id: k.id, reviewer_user_id: actor.userId, score, comment, rated_at: at })
      .onConflict((oc) => oc.columns(['tenant_id', 'case_id', 'reviewer_user_id']).doUpdateSet({ score, comment, rated_at: at })).execute();
    await p.audit.record(trx, ctx, { action: 'campaign.caseRate', entity: 'campaignCase', entityId: k.id, before: before ? { score: before.score, comment: before.comment } : undefined, after: { score, comment } });
  });
}

// ---------- photos ----------

export async function casePhoto(db: Db, actor: Actor, campaignId: string, caseId: string, fileId: string) {
  const found = await seenCase(db, actor, campaignId, caseId);
  const f = await loadFile(db, found.k.tenant_id, CASE_OWNER, found.k.id, fileId);
  if (!f) throw notFound('照片');
  return f;
}

/** A case whose photos the actor may change now: its branch's submitters while the campaign is open (else 403 or 409). */
export async function photoTarget(db: Db, actor: Actor, campaignId: string, caseId: string, adding: boolean): Promise<CampaignCaseTable> {
  const found = await seenCase(db, actor, campaignId, caseId);
  if (!caseAllowed(actor, found.c, found.k).includes('photos')) {
    if (!adding) throw forbidden('只有报送该案例的支部可以删除照片');
    if (found.c.status === 'closed') throw conflict('CAMPAIGN_CLOSED', '活动已结束，不能再修改案例');
    throw forbidden('只有报送该案例的支部可以上传照片');
  }
  return found.k;
}

/** The case as the owner of its photos. */
export const photosOf = (k: CampaignCaseTable): FileOwner => ({
  tenantId: k.tenant_id, id: k.id, kind: CASE_OWNER, entity: 'campaignCase', added: 'campaign.casePhoto', removed: 'campaign.casePhotoRemove', what: '照片',
});
