// /api/v1/org-life reports (docs/api/org-life-reports.md): QR sign-in, the compliance 问题清单, the yearly 台账.
// The records themselves are in routes.ts.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import QRCode from 'qrcode';
import { sql } from 'kysely';
import { z } from 'zod';
import ExcelJS from 'exceljs';
import { actorOf, type Platform } from '../../platform/context.js';
import { can, scopePaths } from '../../platform/access/can.js';
import { AppError, conflict, fieldError, forbidden, notFound } from '../../platform/errors.js';
import { loadOrCreateKey } from '../../platform/crypto/keyFile.js';
import { memberOfUser } from '../members/index.js';
import { orgInScope, orgsInScope } from '../org/index.js';
import type { Actor } from '../../platform/access/actor.js';
import { ORG_LIFE_KINDS, ORG_LIFE_RULES } from './kinds.js';
import { makeSignInToken, readSignInToken, signInKey, signInWindow, tokenTimeProblem, type TokenTimeProblem } from './signIn.js';
import { cachedCompliance } from './complianceCache.js';
import { computeCompliance, holding, type ComplianceResult } from './compliance.js';
import { parsePeriod, PERIOD_MESSAGE, quarterOf, shanghaiDate } from '../../platform/calendar.js';
import { buildLedgerDocx, loadLedger } from './ledger.js';

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

const activityParams = z.object({ id: z.string().min(1).max(64).describe('活动编号') });
const signInBody = z.object({ token: z.string().trim().min(1, '请扫描签到码').max(300).describe('签到码') });
const complianceQuery = z.object({
  orgId: z.string().trim().min(1).max(64).optional().describe('组织'),
  period: z.string().trim().max(10).optional().describe('周期'),
  format: z.enum(['json', 'xlsx']).default('json').describe('格式'),
});
const ledgerQuery = z.object({
  orgId: z.string().trim().min(1, '请选择党支部').max(64).describe('党支部'),
  year: z.string().trim().regex(/^\d{4}$/, '年度格式应为 YYYY').optional().describe('年度'),
});

const qrView = z.object({
  token: z.string(), url: z.string(), svg: z.string(), validFrom: z.string(), validUntil: z.string(), expected: z.number(), present: z.number(), open: z.boolean(),
});
const statusView = z.object({
  activityId: z.string(), title: z.string(), expected: z.number(), present: z.number(), visitors: z.number(), rate: z.number().nullable(),
  recent: z.array(z.object({ name: z.string(), at: z.string(), status: z.enum(['present', 'visitor']) })),
});
const signInQuery = z.object({ token: z.string().trim().min(1, '请扫描签到码').max(300).describe('签到码') });
const signInPreview = z.object({
  activityId: z.string(), title: z.string(), orgName: z.string(), place: z.string(), startsAt: z.string(), endsAt: z.string(),
  /** Whether signing in would be accepted now by time: open, not yet open, or over. */
  state: z.enum(['open', 'early', 'expired']),
  memberName: z.string().nullable(),
  signedIn: z.boolean(),
});
const signInView = z.object({
  activityId: z.string(), title: z.string(), orgName: z.string(), memberName: z.string(), status: z.enum(['present', 'visitor']), signedInAt: z.string(),
});

const light = z.enum(['red', 'yellow', 'green']);
const complianceView = z.object({
  org: z.object({ id: z.string(), name: z.string() }),
  period: z.object({ code: z.string(), label: z.string(), from: z.string(), to: z.string() }),
  today: z.string(),
  settings: z.object({ attendanceWarnPercent: z.number(), silentDays: z.number() }),
  orgs: z.array(z.object({
    orgId: z.string(), orgName: z.string(), orgKind: z.string(), light,
    kinds: z.array(z.object({
      kind: z.string(), name: z.string(), frequency: z.enum(['month', 'quarter', 'year', 'theme']), required: z.number(), met: z.number(), held: z.number(),
      missing: z.number(), inProgress: z.boolean(),
    })),
    attendance: z.object({ expected: z.number(), present: z.number(), rate: z.number().nullable(), belowThreshold: z.boolean() }),
    incomplete: z.number(), absenteeProblems: z.number(), lastHeldOn: z.string().nullable(), silent: z.boolean(),
  })),
  problems: z.array(z.object({
    orgId: z.string(), orgName: z.string(), light: z.enum(['red', 'yellow']), kind: z.string().nullable(), kindName: z.string().nullable(),
    type: z.string(), message: z.string(), activityId: z.string().nullable(), link: z.string().nullable(),
  })),
  summary: z.object({ red: z.number(), yellow: z.number(), green: z.number(), problems: z.number() }),
});

const SIGN_IN_INVALID = () => new AppError(400, 'SIGN_IN_INVALID', '签到码无效');

const orgLifeReportRoutes: FastifyPluginAsyncZod = async (app) => {
  const p = app.platform;

  /** The activity when the actor may read it (404 otherwise), with the write check for the caller. */
  async function visibleActivity(actor: Actor, id: string) {
    const a = await p.db.selectFrom('org_life_activities').selectAll()
      .where('tenant_id', '=', actor.tenantId).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
    if (!a || !can(actor, 'orgLife.read', { tenantId: a.tenant_id, orgPath: a.org_path })) throw notFound('活动');
    return a;
  }

  async function windowOf(tenantId: string, a: { starts_at: string; ends_at: string }) {
    const rules = await p.settings.get(tenantId, ORG_LIFE_RULES);
    return signInWindow(a.starts_at, a.ends_at, { before: rules.signInGraceBeforeMinutes, after: rules.signInGraceAfterMinutes });
  }

  async function counts(tenantId: string, activityId: string) {
    const r = await p.db.selectFrom('org_life_attendance').select([
      sql<number>`sum(case when expected = 1 then 1 else 0 end)`.as('expected'),
      sql<number>`sum(case when expected = 1 and status = 'present' then 1 else 0 end)`.as('present'),
      sql<number>`sum(case when status = 'visitor' then 1 else 0 end)`.as('visitors'),
    ]).where('tenant_id', '=', tenantId).where('activity_id', '=', activityId).executeTakeFirst();
    return { expected: Number(r?.expected ?? 0), present: Number(r?.present ?? 0), visitors: Number(r?.visitors ?? 0) };
  }

  /** `<origin>` of the request as the browser sees it (forwarded headers only behind a trusted proxy). */
  const originOf = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

  app.get('/activities/:id/qr', {
    config: { access: 'orgLife.write' },
    schema: { tags: ['组织生活'], summary: '活动签到二维码（签到码、二维码 SVG、有效时间与实时人数）', params: activityParams, response: { 200: qrView } },
  }, async (request) => {
    const actor = actorOf(request);
    const a = await visibleActivity(actor, request.params.id);
    if (!can(actor, 'orgLife.write', { tenantId: a.tenant_id, orgPath: a.org_path })) throw forbidden();
    if (a.status === 'archived') throw conflict('ORG_LIFE_ARCHIVED', '活动已归档，不能签到');
    const w = await windowOf(a.tenant_id, a);
    const token = makeSignInToken(tokenKey(p), a.tenant_id, a.id, w.until);
    const url = `${originOf(request)}/sign-in?token=${encodeURIComponent(token)}`;
    const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    const now = p.clock.now().getTime();
    const c = await counts(a.tenant_id, a.id);
    return {
      token, url, svg, validFrom: new Date(w.from).toISOString(), validUntil: new Date(w.until).toISOString(),
      expected: c.expected, present: c.present, open: now >= w.from && now <= w.until,
    };
  });

  app.get('/activities/:id/sign-in-status', {
    config: { access: 'orgLife.read' },
    schema: { tags: ['组织生活'], summary: '签到实时情况（投屏页轮询：应到、实到、列席、最近签到的姓名）', params: activityParams, response: { 200: statusView } },
  }, async (request) => {
    const actor = actorOf(request);
    const a = await visibleActivity(actor, request.params.id);
    const c = await counts(a.tenant_id, a.id);
    const recent = await p.db.selectFrom('org_life_attendance as t')
      .innerJoin('members as m', (j) => j.onRef('m.tenant_id', '=', 't.tenant_id').onRef('m.id', '=', 't.member_id'))
      .innerJoin('staff as s', (j) => j.onRef('s.tenant_id', '=', 'm.tenant_id').onRef('s.id', '=', 'm.staff_id'))
      .select(['s.name', 't.signed_in_at', 't.status'])
      .where('t.tenant_id', '=', a.tenant_id).where('t.activity_id', '=', a.id).where('t.method', '=', 'qr').where('t.signed_in_at', 'is not', null)
      .where('t.status', 'in', ['present', 'visitor'])
      .orderBy('t.signed_in_at', 'desc').limit(10).execute();
    return {
      activityId: a.id, title: a.title, ...c, rate: c.expected > 0 ? Math.round((1000 * c.present) / c.expected) / 10 : null,
      recent: recent.map((r) => ({ name: r.name, at: r.signed_in_at!, status: r.status as 'present' | 'visitor' })),
    };
  });

  /** The activity a token was made for (this tenant's, signature checked), and where now lies in its window. */
  async function tokenActivity(actor: Actor, token: string) {
    const t = readSignInToken(tokenKey(p), actor.tenantId, token);
    if (!t) throw SIGN_IN_INVALID();
    const a = await p.db.selectFrom('org_life_activities as a')
      .innerJoin('organisations as o', (j) => j.onRef('o.tenant_id', '=', 'a.tenant_id').onRef('o.id', '=', 'a.org_id'))
      .select(['a.id', 'a.tenant_id', 'a.title', 'a.status', 'a.starts_at', 'a.ends_at', 'a.place', 'a.allow_visitors', 'o.name as org_name'])
      .where('a.tenant_id', '=', actor.tenantId).where('a.id', '=', t.activityId).where('a.deleted_at', 'is', null).executeTakeFirst();
    if (!a) throw SIGN_IN_INVALID();
    const now = p.clock.now();
    const problem: TokenTimeProblem = a.status === 'archived' ? 'expired' : tokenTimeProblem(now.getTime(), t.until, await windowOf(a.tenant_id, a));
    return { a, now, problem };
  }

  // What the phone shows before the member confirms: reading only, so a link preview signs nobody in.
  app.get('/sign-in', {
    config: { access: 'orgLife.signIn' },
    schema: { tags: ['组织生活'], summary: '签到码对应的活动（只读预览）', querystring: signInQuery, response: { 200: signInPreview } },
  }, async (request) => {
    const actor = actorOf(request);
    const { a, problem } = await tokenActivity(actor, request.query.token);
    const member = await memberOfUser(p.db, actor.tenantId, actor.userId);
    const row = member && await p.db.selectFrom('org_life_attendance').select('status')
      .where('tenant_id', '=', a.tenant_id).where('activity_id', '=', a.id).where('member_id', '=', member.id).executeTakeFirst();
    const state: 'open' | 'early' | 'expired' = problem ?? 'open';
    return {
      activityId: a.id, title: a.title, orgName: a.org_name, place: a.place ?? '', startsAt: a.starts_at, endsAt: a.ends_at,
      state, memberName: member?.name ?? null, signedIn: row?.status === 'present' || row?.status === 'visitor',
    };
  });

  app.post('/sign-in', {
    config: { access: 'orgLife.signIn' },
    schema: { tags: ['组织生活'], summary: '扫码签到（本人）', body: signInBody, response: { 200: signInView } },
  }, async (request) => {
    const actor = actorOf(request);
    const { a, now, problem } = await tokenActivity(actor, request.body.token);
    if (problem === 'expired') throw new AppError(400, 'SIGN_IN_EXPIRED', '签到码已过期');
    if (problem === 'early') throw new AppError(400, 'SIGN_IN_NOT_OPEN', '活动尚未开始签到');
    const member = await memberOfUser(p.db, actor.tenantId, actor.userId);
    if (!member) throw new AppError(403, 'SIGN_IN_NO_MEMBER', '您的账号未关联党员信息');
    const at = now.toISOString();
    const status = await p.audit.tx(request.audit, async (trx) => {
      const row = await trx.selectFrom('org_life_attendance').selectAll()
        .where('tenant_id', '=', a.tenant_id).where('activity_id', '=', a.id).where('member_id', '=', member.id).executeTakeFirst();
      let st: 'present' | 'visitor';
      if (row && Number(row.expected) === 1) {
        if (row.status === 'present') throw conflict('SIGN_IN_DONE', '您已签到');
        // Conditional on the status read, so two scans at once sign in once.
        const done = await trx.updateTable('org_life_attendance')
          .set({ status: 'present', method: 'qr', signed_in_at: at, updated_by: actor.userId, updated_at: at })
          .where('tenant_id', '=', a.tenant_id).where('activity_id', '=', a.id).where('member_id', '=', member.id).where('status', '<>', 'present')
          .executeTakeFirst();
        if (Number(done.numUpdatedRows) !== 1) throw conflict('SIGN_IN_DONE', '您已签到');
        st = 'present';
      } else if (row) {
        if (row.status === 'visitor') throw conflict('SIGN_IN_DONE', '您已签到');
        if (Number(a.allow_visitors) !== 1) throw new AppError(403, 'SIGN_IN_NOT_EXPECTED', '您不在本次活动的应到名单中');
        await trx.updateTable('org_life_attendance').set({ status: 'visitor', method: 'qr', signed_in_at: at, updated_by: actor.userId, updated_at: at })
          .where('tenant_id', '=', a.tenant_id).where('activity_id', '=', a.id).where('member_id', '=', member.id).execute();
        st = 'visitor';
      } else {
        if (Number(a.allow_visitors) !== 1) throw new AppError(403, 'SIGN_IN_NOT_EXPECTED', '您不在本次活动的应到名单中');
        const ins = await trx.insertInto('org_life_attendance').values({
          tenant_id: a.tenant_id, activity_id: a.id, member_id: member.id, expected: 0, status: 'visitor', reason: null, signed_in_at: at, method: 'qr',
          makeup_on: null, makeup_note: null, updated_by: actor.userId, updated_at: at,
        }).onConflict((oc) => oc.columns(['tenant_id', 'activity_id', 'member_id']).doNothing()).executeTakeFirst();
        if (Number(ins.numInsertedOrUpdatedRows ?? 0) !== 1) throw conflict('SIGN_IN_DONE', '您已签到');
        st = 'visitor';
      }
      await p.audit.record(trx, request.audit, {
        action: 'orgLife.signIn', entity: 'orgLifeActivity', entityId: a.id,
        before: row ? { memberId: member.id, status: row.status } : null, after: { memberId: member.id, status: st, method: 'qr', signedInAt: at },
      });
      return st;
    });
    return { activityId: a.id, title: a.title, orgName: a.org_name, memberName: member.name, status, signedInAt: at };
  });

  // ---------- compliance ----------

  /** The organisation the user asked for, or the highest one they read 组织生活 in. */
  async function reportOrg(actor: Actor, orgId: string | undefined) {
    if (orgId) {
      const o = await orgInScope(p.db, actor, 'orgLife.read', orgId);
      if (!o) throw notFound('组织');
      return o;
    }
    const top = scopePaths(actor, 'orgLife.read').filter((s) => s.tenantId === actor.tenantId).sort((a, b) => a.path.length - b.path.length)[0];
    const o = top && (await orgsInScope(p.db, actor, 'orgLife.read')).find((row) => row.tenant_id === actor.tenantId && row.path === top.path);
    if (!o) throw notFound('组织');
    return o;
  }

  app.get('/compliance', {
    config: { access: 'orgLife.read' },
    schema: { tags: ['组织生活'], summary: '组织生活问题清单（应开/已开、出勤率、记录不完整、缺席未补课、长期无活动；红黄绿灯；format=xlsx 导出）', querystring: complianceQuery, response: { 200: complianceView } },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const today = shanghaiDate(p.clock.now());
    const code = request.query.period || quarterOf(today).code;
    const period = parsePeriod(code);
    if (!period) throw fieldError('period', PERIOD_MESSAGE);
    const org = await reportOrg(actor, request.query.orgId);
    const [kinds, rules] = await Promise.all([p.settings.get(actor.tenantId, ORG_LIFE_KINDS), p.settings.get(actor.tenantId, ORG_LIFE_RULES)]);
    // Only organisations in the user's scope, even below the chosen one (from the cached tree).
    const orgs = holding((await orgsInScope(p.db, actor, 'orgLife.read')).filter((o) => o.tenant_id === actor.tenantId && o.path.startsWith(org.path)));
    // Everything the list depends on besides the 组织生活 counter: the day, the period, the organisations as the
    // reader sees them (ids, names, kinds, founding dates) and the rules.
    const key = createHash('sha256').update(JSON.stringify([period.code, today, orgs, kinds.kinds, rules])).digest('base64');
    const result = await cachedCompliance(p.db, actor.tenantId, key, () => computeCompliance(p.db, actor.tenantId, orgs, period, today, kinds.kinds, rules));
    const summary = {
      red: result.orgs.filter((o) => o.light === 'red').length, yellow: result.orgs.filter((o) => o.light === 'yellow').length,
      green: result.orgs.filter((o) => o.light === 'green').length, problems: result.problems.length,
    };
    if (request.query.format === 'xlsx') {
      const name = `组织生活问题清单-${org.name}-${period.label}`;
      // The spreadsheet bypasses the JSON view (a Buffer is sent as it is).
      return (reply as FastifyReply).header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="org-life-compliance.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}.xlsx`)
        .send(await complianceWorkbook(result));
    }
    return {
      org: { id: org.id, name: org.name }, period: { code: period.code, label: period.label, from: period.from, to: period.to }, today,
      settings: { attendanceWarnPercent: rules.attendanceWarnPercent, silentDays: rules.silentDays },
      orgs: result.orgs.map(({ orgPath: _path, incompleteRecords: _n, ...o }) => o), problems: result.problems, summary,
    };
  });

  // ---------- 台账 ----------

  app.get('/ledger.docx', {
    config: { access: 'orgLife.read' },
    schema: { tags: ['组织生活'], summary: '支部年度组织生活台账（Word）', querystring: ledgerQuery },
  }, async (request, reply) => {
    const actor = actorOf(request);
    const org = await orgInScope(p.db, actor, 'orgLife.read', request.query.orgId);
    if (!org) throw notFound('组织');
    if (org.kind !== 'branch' && org.kind !== 'jointBranch') throw fieldError('orgId', '台账按支部导出，请选择党支部');
    const today = shanghaiDate(p.clock.now());
    const year = request.query.year ?? today.slice(0, 4);
    const kinds = (await p.settings.get(actor.tenantId, ORG_LIFE_KINDS)).kinds;
    const data = await loadLedger(p.db, actor.tenantId, org, year, kinds.map((k) => ({ code: k.code, name: k.name, quorum: k.quorum })), today);
    const name = `组织生活台账-${org.name}-${year}`;
    return reply.header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      .header('content-disposition', `attachment; filename="org-life-ledger.docx"; filename*=UTF-8''${encodeURIComponent(name)}.docx`)
      .send(await buildLedgerDocx(data));
  });
};

const LIGHT_NAMES = { red: '红', yellow: '黄', green: '绿' } as const;

async function complianceWorkbook(r: ComplianceResult): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'dangjian';
  const problems = book.addWorksheet('问题清单', { views: [{ state: 'frozen', ySplit: 1 }] });
  problems.columns = [
    { header: '组织', key: 'org', width: 24 }, { header: '灯', key: 'light', width: 6 }, { header: '类型', key: 'kind', width: 14 },
    { header: '问题', key: 'message', width: 70 }, { header: '链接', key: 'link', width: 50 },
  ];
  problems.getRow(1).font = { bold: true };
  for (const p of r.problems) problems.addRow({ org: p.orgName, light: LIGHT_NAMES[p.light], kind: p.kindName ?? '', message: p.message, link: p.link ?? '' });
  const orgs = book.addWorksheet('组织', { views: [{ state: 'frozen', ySplit: 1 }] });
  orgs.columns = [
    { header: '组织', key: 'org', width: 24 }, { header: '灯', key: 'light', width: 6 }, { header: '应开（次）', key: 'required', width: 12 },
    { header: '已按期召开（次）', key: 'met', width: 16 }, { header: '缺开（次）', key: 'missing', width: 12 }, { header: '出勤率', key: 'rate', width: 10 },
    { header: '不完整记录', key: 'incomplete', width: 12 }, { header: '缺席未补', key: 'absent', width: 10 }, { header: '最近一次', key: 'last', width: 12 },
  ];
  orgs.getRow(1).font = { bold: true };
  for (const o of r.orgs) {
    orgs.addRow({
      org: o.orgName, light: LIGHT_NAMES[o.light], required: o.kinds.reduce((s, k) => s + k.required, 0), met: o.kinds.reduce((s, k) => s + k.met, 0),
      missing: o.kinds.reduce((s, k) => s + k.missing, 0), rate: o.attendance.rate === null ? '' : `${o.attendance.rate}%`, incomplete: o.incomplete,
      absent: o.absenteeProblems, last: o.lastHeldOn ?? '',
    });
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

export default orgLifeReportRoutes;
