// 推进措施 and 进展报告 of each branch: submitting or replacing them while the campaign is open, reading them
// (only the branches in the reader's sight) and their attachments. Each change is one transaction with its audit entry.
import { sql } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import type { AuditContext } from '../../platform/audit/service.js';
import type { Platform } from '../../platform/context.js';
import { conflict, fieldError, notFound } from '../../platform/errors.js';
import { userDisplayNames } from '../../platform/accounts/service.js';
import { listFiles, loadFile } from '../../platform/files/index.js';
import { richTextToPlain } from '../../platform/richtext/index.js';
import { newId } from '../../db/ids.js';
import type { Db, DbOrTx } from '../../db/types.js';
import { liveOrg, liveOrgFilter, orgNamesOf } from '../org/index.js';
import { dayOf, html } from './campaigns.js';
import type { FileOwner } from './files.js';
import { checkSubmissionWrite, submitsFor, visibleBranchRows, visibleSlot, visibleSubmission } from './policy.js';
import { duesOf, lockedCampaign, type AppliedOrg } from './queries.js';
import type { SubmissionView } from './schema.js';
import type { CampaignSubmissionTable, CampaignTable } from './tables.js';

export const SUBMISSION_OWNER = 'campaignSubmission';

/** The applicable organisation the actor submits for: 404 outside their submit scope, 409 when the campaign does not apply or is not open. */
export async function submitTarget(db: DbOrTx, actor: Actor, c: CampaignTable, orgId: string): Promise<AppliedOrg> {
  const org = await liveOrg(db, c.tenant_id, orgId);
  if (!org || !submitsFor(actor, { tenant_id: c.tenant_id, org_path: org.path })) throw notFound('组织');
  const applied = await db.selectFrom('campaign_orgs').select('org_id').where('tenant_id', '=', c.tenant_id).where('campaign_id', '=', c.id).where('org_id', '=', orgId).executeTakeFirst();
  if (!applied) throw conflict('CAMPAIGN_NOT_APPLICABLE', `本活动不适用于${org.name}，无需报送`);
  if (c.status === 'draft') throw conflict('CAMPAIGN_STATE', '活动尚未开始，不能报送');
  if (c.status === 'closed') throw conflict('CAMPAIGN_CLOSED', '活动已结束，不能再报送');
  return { org_id: org.id, org_path: org.path, name: org.name };
}

/** The views of submissions of one campaign, in a fixed number of statements whatever their count. */
export async function submissionViews(db: Db, actor: Actor, c: CampaignTable, rows: CampaignSubmissionTable[]): Promise<SubmissionView[]> {
  if (rows.length === 0) return [];
  const [names, orgs, files, dues] = await Promise.all([
    userDisplayNames(db, c.tenant_id, rows.flatMap((s) => (s.submitted_by ? [s.submitted_by] : []))), orgNamesOf(db, actor, rows.map((s) => s.org_id)),
    listFiles(db, c.tenant_id, SUBMISSION_OWNER, rows.map((s) => s.id)),
    rows.some((s) => s.report_due_id) ? duesOf(db, c.tenant_id, [c.id]) : [],
  ]);
  const dueOf = new Map(dues.map((d) => [d.id, d.due_on]));
  return rows.map((s) => {
    const dueOn = (s.report_due_id && dueOf.get(s.report_due_id)) || c.measures_due;
    return {
      id: s.id, campaignId: s.campaign_id, orgId: s.org_id, orgName: orgs.get(`${s.tenant_id}/${s.org_id}`) ?? '', kind: s.kind, reportDueId: s.report_due_id,
      content: s.content, submittedAt: s.submitted_at, updatedAt: s.updated_at, submittedByName: (s.submitted_by && names.get(s.submitted_by)) || null,
      dueOn, late: dayOf(s.submitted_at) > dueOn, attachments: files.get(s.id) ?? [],
    };
  });
}

export const submissionView = async (db: Db, actor: Actor, c: CampaignTable, s: CampaignSubmissionTable) => (await submissionViews(db, actor, c, [s]))[0]!;

/** The measures of the live branches the campaign still applies to, those the actor sees, in tree order. */
export async function measuresSeen(db: Db, actor: Actor, c: CampaignTable): Promise<SubmissionView[]> {
  const rows = await db.selectFrom('campaign_submissions as s')
    .innerJoin('campaigns as c', (j) => j.onRef('c.tenant_id', '=', 's.tenant_id').onRef('c.id', '=', 's.campaign_id'))
    .innerJoin('campaign_orgs as co', (j) => j.onRef('co.tenant_id', '=', 's.tenant_id').onRef('co.campaign_id', '=', 's.campaign_id').onRef('co.org_id', '=', 's.org_id'))
    .selectAll('s').where('s.tenant_id', '=', c.tenant_id).where('s.campaign_id', '=', c.id).where('s.kind', '=', 'measures')
    .where(liveOrgFilter({ tenant: sql.ref<string>('s.tenant_id'), orgId: sql.ref<string>('s.org_id') }))
    .where(visibleBranchRows(actor, sql.ref<string>('s.org_path')))
    .orderBy('s.org_path').execute();
  return submissionViews(db, actor, c, rows);
}

/** One branch's measures (no due) or one progress report, when submitted and in the actor's sight (else 404). */
export async function oneSubmission(db: Db, actor: Actor, c: CampaignTable, orgId: string, dueId: string | undefined): Promise<SubmissionView> {
  const s = await visibleSlot(db, actor, c, orgId, dueId ?? 'measures');
  if (!s) throw notFound(dueId ? '进展报告' : '推进措施');
  return submissionView(db, actor, c, s);
}

/** Creates or replaces the branch's measures (dueId null) or one progress report. */
export async function submit(p: Platform, ctx: AuditContext, actor: Actor, c: CampaignTable, orgId: string, dueId: string | null, content: string): Promise<CampaignSubmissionTable> {
  const clean = html(content);
  const label = dueId ? '进展报告' : '推进措施';
  if (!richTextToPlain(clean).trim()) throw fieldError('content', `请填写${label}`);
  return p.audit.tx(ctx, async (trx) => {
    const cur = await lockedCampaign(trx, p.data.dialect, c.tenant_id, c.id);
    if (!cur) throw notFound('主题实践活动');
    const org = await submitTarget(trx, actor, cur, orgId);
    if (dueId) {
      const due = await trx.selectFrom('campaign_report_dues').select('id').where('tenant_id', '=', cur.tenant_id).where('campaign_id', '=', cur.id).where('id', '=', dueId).executeTakeFirst();
      if (!due) throw notFound('进展报告');
    }
    const slot = dueId ?? 'measures';
    const at = p.clock.now().toISOString();
    const old = await trx.selectFrom('campaign_submissions').selectAll().where('tenant_id', '=', cur.tenant_id).where('campaign_id', '=', cur.id)
      .where('org_id', '=', orgId).where('slot', '=', slot).executeTakeFirst();
    let row: CampaignSubmissionTable;
    if (old) {
      row = { ...old, content: clean, updated_at: at };
      await trx.updateTable('campaign_submissions').set({ content: clean, updated_at: at }).where('tenant_id', '=', old.tenant_id).where('id', '=', old.id).execute();
    } else {
      row = {
        tenant_id: cur.tenant_id, id: newId(), campaign_id: cur.id, org_id: org.org_id, org_path: org.org_path, kind: dueId ? 'progress' : 'measures',
        report_due_id: dueId, slot, content: clean, submitted_by: actor.userId, submitted_at: at, updated_at: at,
      };
      await trx.insertInto('campaign_submissions').values(row).execute();
    }
    await p.audit.record(trx, ctx, {
      action: dueId ? 'campaign.progress' : 'campaign.measures', entity: 'campaignSubmission', entityId: row.id,
      before: old ? { content: old.content } : undefined, after: { campaignId: cur.id, orgId, reportDueId: dueId, content: clean },
    });
    return row;
  });
}

// ---------- attachments ----------

/** An attachment of a submission the actor sees (else 404). */
export async function submissionFile(db: DbOrTx, actor: Actor, submissionId: string, fileId: string) {
  const found = await visibleSubmission(db, actor, submissionId);
  if (!found) throw notFound('报送');
  const f = await loadFile(db, found.s.tenant_id, SUBMISSION_OWNER, found.s.id, fileId);
  if (!f) throw notFound('附件');
  return f;
}

/** A submission whose attachments the actor may change now: 404 out of sight, 403 not their branch, 409 closed. */
export async function writableSubmission(db: DbOrTx, actor: Actor, submissionId: string): Promise<CampaignSubmissionTable> {
  const found = await visibleSubmission(db, actor, submissionId);
  if (!found) throw notFound('报送');
  checkSubmissionWrite(actor, found.c, found.s);
  return found.s;
}

/** The submission as the owner of its attachments. */
export const attachmentsOf = (s: CampaignSubmissionTable): FileOwner => ({
  tenantId: s.tenant_id, id: s.id, kind: SUBMISSION_OWNER, entity: 'campaignSubmission', added: 'campaign.attach', removed: 'campaign.detach', what: '附件',
});
