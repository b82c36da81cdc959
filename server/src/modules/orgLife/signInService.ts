// QR sign-in around a record: the recorder's code (and its live counts), the projector's poll, the phone's
// read-only preview and the member's own sign-in. Tokens are signIn.ts; who may do what is policy.ts.
import QRCode from 'qrcode';
import type { Actor } from '../../platform/access/actor.js';
import type { AuditContext } from '../../platform/audit/service.js';
import type { Platform } from '../../platform/context.js';
import { AppError, conflict, forbidden, notFound } from '../../platform/errors.js';
import { loadOrCreateKey } from '../../platform/crypto/keyFile.js';
import { memberOfUser } from '../members/index.js';
import { orgNamesOf } from '../org/index.js';
import { ORG_LIFE_RULES } from './kinds.js';
import { signInAs, writesActivity } from './policy.js';
import { activityVisible, attendanceCounts, withMembers } from './queries.js';
import type { QrView, SignInPreview, SignInView, SignInStatusView } from './schema.js';
import { makeSignInToken, nextStepAt, readSignInToken, SIGN_IN_STEP_SECONDS, signInKey, signInWindow, tokenTimeProblem, type TokenTimeProblem } from './signIn.js';

const keys = new WeakMap<Platform, Buffer>();
/** The signing subkey; the master key file already exists once the platform is up. */
function tokenKey(p: Platform): Buffer {
  let k = keys.get(p);
  if (!k) {
    k = signInKey(loadOrCreateKey(p.config.keyFile, p.config.keyFromEnv));
    keys.set(p, k);
  }
  return k;
}

const SIGN_IN_INVALID = () => new AppError(400, 'SIGN_IN_INVALID', '签到码无效');
const NOT_EXPECTED = () => new AppError(403, 'SIGN_IN_NOT_EXPECTED', '您不在本次活动的应到名单中');
const DONE = () => conflict('SIGN_IN_DONE', '您已签到');

/** The activity when the actor may read it (404 otherwise). */
async function visibleActivity(p: Platform, actor: Actor, id: string) {
  const a = await activityVisible(p.db, actor, id);
  if (!a) throw notFound('活动');
  return a;
}

async function windowOf(p: Platform, tenantId: string, a: { starts_at: string; ends_at: string }) {
  const rules = await p.settings.get(tenantId, ORG_LIFE_RULES);
  return signInWindow(a.starts_at, a.ends_at, { before: rules.signInGraceBeforeMinutes, after: rules.signInGraceAfterMinutes });
}

/** The counts the code and the projector show, as the record's own (every line not expected is a visitor, 列席). */
async function counts(p: Platform, tenantId: string, activityId: string) {
  const c = (await attendanceCounts(p.db, tenantId, [activityId])).get(activityId)!;
  return { expected: c.expected, present: c.present, visitors: c.visitors };
}

/** The recorder's sign-in code for an activity: the token of the current step, its link as an SVG QR code. */
export async function signInCode(p: Platform, actor: Actor, id: string, origin: string): Promise<QrView> {
  const a = await visibleActivity(p, actor, id);
  if (!writesActivity(actor, a)) throw forbidden();
  if (a.status === 'archived') throw conflict('ORG_LIFE_ARCHIVED', '活动已归档，不能签到');
  const w = await windowOf(p, a.tenant_id, a);
  const now = p.clock.now().getTime();
  const token = makeSignInToken(tokenKey(p), a.tenant_id, a.id, now);
  const url = `${origin}/sign-in?token=${encodeURIComponent(token)}`;
  const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  const c = await counts(p, a.tenant_id, a.id);
  return {
    token, url, svg, validFrom: new Date(w.from).toISOString(), validUntil: new Date(w.until).toISOString(),
    refreshAt: new Date(nextStepAt(now)).toISOString(), refreshSeconds: SIGN_IN_STEP_SECONDS,
    expected: c.expected, present: c.present, open: now >= w.from && now <= w.until,
  };
}

/** What the projector shows while members sign in: the counts and the last ten names. */
export async function signInStatus(p: Platform, actor: Actor, id: string): Promise<SignInStatusView> {
  const a = await visibleActivity(p, actor, id);
  const c = await counts(p, a.tenant_id, a.id);
  const rows = await p.db.selectFrom('org_life_attendance').select(['member_id', 'expected', 'signed_in_at', 'status'])
    .where('tenant_id', '=', a.tenant_id).where('activity_id', '=', a.id).where('method', '=', 'qr').where('signed_in_at', 'is not', null)
    .where('status', 'in', ['present', 'visitor'])
    .orderBy('signed_in_at', 'desc').limit(10).execute();
  // The latest first, as read (withMembers orders a sheet; only the names are wanted here).
  const names = new Map((await withMembers(p.db, a.tenant_id, rows)).map((l) => [l.member_id, l.name]));
  return {
    activityId: a.id, title: a.title, ...c, rate: c.expected > 0 ? Math.round((1000 * c.present) / c.expected) / 10 : null,
    recent: rows.flatMap((r) => (names.has(r.member_id) ? [{ name: names.get(r.member_id)!, at: r.signed_in_at!, status: r.status as 'present' | 'visitor' }] : [])),
  };
}

/** The activity a token was made for (this tenant's, signature checked), and where now lies in its window. */
async function tokenActivity(p: Platform, actor: Actor, token: string) {
  const t = readSignInToken(tokenKey(p), actor.tenantId, token);
  if (!t) throw SIGN_IN_INVALID();
  const a = await p.db.selectFrom('org_life_activities')
    .select(['id', 'tenant_id', 'org_id', 'title', 'status', 'starts_at', 'ends_at', 'place', 'allow_visitors'])
    .where('tenant_id', '=', actor.tenantId).where('id', '=', t.activityId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!a) throw SIGN_IN_INVALID();
  const now = p.clock.now();
  const problem: TokenTimeProblem = a.status === 'archived' ? 'expired' : tokenTimeProblem(now.getTime(), t.step, await windowOf(p, a.tenant_id, a));
  const orgName = (await orgNamesOf(p.db, actor, [a.org_id])).get(`${a.tenant_id}/${a.org_id}`) ?? '';
  return { a, orgName, now, problem };
}

/** What the phone shows before the member confirms: reading only, so a link preview signs nobody in. */
export async function signInPreview(p: Platform, actor: Actor, token: string): Promise<SignInPreview> {
  const { a, orgName, problem } = await tokenActivity(p, actor, token);
  const member = await memberOfUser(p.db, actor.tenantId, actor.userId);
  const row = member && await p.db.selectFrom('org_life_attendance').select('status')
    .where('tenant_id', '=', a.tenant_id).where('activity_id', '=', a.id).where('member_id', '=', member.id).executeTakeFirst();
  return {
    activityId: a.id, title: a.title, orgName, place: a.place ?? '', startsAt: a.starts_at, endsAt: a.ends_at,
    state: problem ?? 'open', memberName: member?.name ?? null, signedIn: row?.status === 'present' || row?.status === 'visitor',
  };
}

/** A member signs themselves in by a scanned token: present when expected, else 列席 when the activity allows it. */
export async function signIn(p: Platform, ctx: AuditContext, actor: Actor, token: string): Promise<SignInView> {
  const { a, orgName, now, problem } = await tokenActivity(p, actor, token);
  if (problem === 'expired') throw new AppError(400, 'SIGN_IN_EXPIRED', '签到码已过期');
  if (problem === 'early') throw new AppError(400, 'SIGN_IN_NOT_OPEN', '活动尚未开始签到');
  if (problem === 'stale') throw new AppError(400, 'SIGN_IN_QR_STALE', '二维码已过期，请扫描现场大屏上的最新二维码');
  const member = await memberOfUser(p.db, actor.tenantId, actor.userId);
  if (!member) throw new AppError(403, 'SIGN_IN_NO_MEMBER', '您的账号未关联党员信息');
  const at = now.toISOString();
  const line = { tenant_id: a.tenant_id, activity_id: a.id, member_id: member.id };
  const status = await p.audit.tx(ctx, async (trx) => {
    const row = await trx.selectFrom('org_life_attendance').selectAll()
      .where('tenant_id', '=', a.tenant_id).where('activity_id', '=', a.id).where('member_id', '=', member.id).executeTakeFirst();
    const as = signInAs(row, Number(a.allow_visitors) === 1);
    if (as === 'done') throw DONE();
    if (as === 'notExpected') throw NOT_EXPECTED();
    const set = { status: as, method: 'qr' as const, signed_in_at: at, updated_by: actor.userId, updated_at: at };
    if (as === 'present') {
      // Conditional on the status read, so two scans at once sign in once.
      const done = await trx.updateTable('org_life_attendance').set(set)
        .where('tenant_id', '=', a.tenant_id).where('activity_id', '=', a.id).where('member_id', '=', member.id).where('status', '<>', 'present')
        .executeTakeFirst();
      if (Number(done.numUpdatedRows) !== 1) throw DONE();
    } else if (row) {
      await trx.updateTable('org_life_attendance').set(set)
        .where('tenant_id', '=', a.tenant_id).where('activity_id', '=', a.id).where('member_id', '=', member.id).execute();
    } else {
      const ins = await trx.insertInto('org_life_attendance').values({ ...line, ...set, expected: 0, reason: null, makeup_on: null, makeup_note: null })
        .onConflict((oc) => oc.columns(['tenant_id', 'activity_id', 'member_id']).doNothing()).executeTakeFirst();
      if (Number(ins.numInsertedOrUpdatedRows ?? 0) !== 1) throw DONE();
    }
    await p.audit.record(trx, ctx, {
      action: 'orgLife.signIn', entity: 'orgLifeActivity', entityId: a.id,
      before: row ? { memberId: member.id, status: row.status } : null, after: { memberId: member.id, status: as, method: 'qr', signedInAt: at },
    });
    return as;
  });
  return { activityId: a.id, title: a.title, orgName, memberName: member.name, status, signedInAt: at };
}
