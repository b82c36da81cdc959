// The people in the pipeline: taking one in (with the application, step 1), finding one within the reader's sight
// (else 404), the list per stage scoped in SQL, and a person's page with the 25-step timeline and documents.
import { sql } from 'kysely';
import { newId } from '../../db/ids.js';
import { likeLiteral } from '../../db/dialect.js';
import type { DbOrTx } from '../../db/types.js';
import type { Actor } from '../../platform/access/actor.js';
import type { AuditContext } from '../../platform/audit/service.js';
import { todayIn } from '../../platform/calendar.js';
import type { Platform } from '../../platform/context.js';
import { maskIdNumber, maskPhone } from '../../platform/crypto/mask.js';
import { AppError, conflict, forbidden, notFound, Problems } from '../../platform/errors.js';
import { window } from '../../platform/http/paging.js';
import { memberSummaries } from '../members/index.js';
import { sessionActivities } from '../orgLife/index.js';
import { orgInScope, orgNames, orgsUnder } from '../org/index.js';
import { ageOn, checkStaffInput, findStaff } from '../staff/index.js';
import { DOCUMENT_KINDS, personDocuments } from './documents.js';
import { checkMayUse, readableAt, readsAt, revealsPerson, writesAt } from './policy.js';
import { probationEnds } from './rules.js';
import type { PersonCreate, PersonDetail, PersonListQuery, PersonView } from './schema.js';
import { LAST_STEP, STAGE_NAMES, STAGES, stepDef, STEPS } from './steps.js';
import { checkStepRules, insertStep } from './stepRecord.js';
import type { RecruitPersonTable, RecruitStage } from './tables.js';

/** The person if the actor sees them, else 404 (out of sight answers like missing). */
export async function personFor(db: DbOrTx, actor: Actor, id: string): Promise<RecruitPersonTable> {
  checkMayUse(actor);
  const x = await db.selectFrom('recruit_people').selectAll().where('tenant_id', '=', actor.tenantId).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
  if (!x || !readsAt(actor, x.org_path)) throw notFound('发展对象');
  return x;
}

function nextOf(lastStep: number): PersonView['next'] {
  const d = stepDef(lastStep + 1);
  return d ? { no: d.no, name: d.name, people: d.people ? { label: d.people.label, min: d.people.min, max: d.people.max } : null, meeting: d.meeting ?? null } : null;
}

function toView(p: Platform, r: RecruitPersonTable, orgName: string, lastDoneOn: string | null): PersonView {
  return {
    id: r.id, name: r.name, gender: r.gender, birthDate: r.birth_date, age: ageOn(r.birth_date, todayIn(p.clock)),
    idNumber: maskIdNumber(p.fieldCrypto.decrypt(r.id_number_enc)), phone: r.phone_enc ? maskPhone(p.fieldCrypto.decrypt(r.phone_enc)) : null,
    staffId: r.staff_id, memberId: r.member_id, orgId: r.org_id, orgName, stage: r.stage, stageName: STAGE_NAMES[r.stage], lastStep: r.last_step,
    lastDoneOn, next: nextOf(r.last_step), probationExtendedMonths: r.probation_extended_months,
  };
}

async function lastDates(db: DbOrTx, tenantId: string, rows: readonly RecruitPersonTable[]): Promise<Map<string, string>> {
  if (rows.length === 0) return new Map();
  const steps = await db.selectFrom('recruit_steps').select(['person_id', 'step', 'done_on']).where('tenant_id', '=', tenantId)
    .where('person_id', 'in', rows.map((r) => r.id)).execute();
  const last = new Map(rows.map((r) => [r.id, r.last_step]));
  return new Map(steps.filter((s) => last.get(s.person_id) === s.step).map((s) => [s.person_id, s.done_on]));
}

async function views(p: Platform, actor: Actor, rows: RecruitPersonTable[]): Promise<PersonView[]> {
  const [names, dates] = await Promise.all([orgNames(p.db, [actor.tenantId], [...new Set(rows.map((r) => r.org_id))]), lastDates(p.db, actor.tenantId, rows)]);
  return rows.map((r) => toView(p, r, names.get(`${actor.tenantId}/${r.org_id}`) ?? '', dates.get(r.id) ?? null));
}

/** The people the actor sees, per stage, with the count of each stage beside (same filters but the stage). */
export async function listPeople(p: Platform, actor: Actor, q: PersonListQuery) {
  checkMayUse(actor);
  let base = p.db.selectFrom('recruit_people as r').where('r.tenant_id', '=', actor.tenantId).where('r.deleted_at', 'is', null).where(readableAt(actor, 'r'));
  if (q.orgId) {
    const org = await orgInScope(p.db, actor, 'recruit.read', q.orgId);
    if (!org) throw notFound('党组织');
    base = base.where((eb) => eb.or([eb('r.org_path', '=', org.path), eb('r.org_path', 'like', `${org.path}%`)]));
  }
  if (q.keyword) base = base.where(likeLiteral(sql.ref<string>('r.name'), q.keyword, 'anywhere'));
  const byStage = await base.select(['r.stage', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('r.stage').execute();
  const counts = Object.fromEntries(STAGES.map((s) => [s, Number(byStage.find((x) => x.stage === s)?.n ?? 0)])) as Record<RecruitStage, number>;
  const scoped = q.stage ? base.where('r.stage', '=', q.stage) : base;
  const { limit, offset } = window(q);
  const rows = await scoped.selectAll('r').orderBy('r.org_path').orderBy('r.last_step', 'desc').orderBy('r.name').orderBy('r.id').limit(limit).offset(offset).execute();
  const total = q.stage ? counts[q.stage] : Object.values(counts).reduce((a, b) => a + b, 0);
  return { items: await views(p, actor, rows), total, page: q.page, pageSize: q.pageSize, counts };
}

export async function personDetail(p: Platform, actor: Actor, r: RecruitPersonTable): Promise<PersonDetail> {
  const steps = await p.db.selectFrom('recruit_steps').selectAll().where('tenant_id', '=', r.tenant_id).where('person_id', '=', r.id).orderBy('step').execute();
  const [view] = await views(p, actor, [r]);
  const peopleIds = steps.flatMap((s) => JSON.parse(s.people) as string[]);
  const [members, meetings, documents] = await Promise.all([
    memberSummaries(p.db, r.tenant_id, peopleIds),
    sessionActivities(p.db, r.tenant_id, steps.flatMap((s) => (s.meeting_id ? [s.meeting_id] : []))),
    personDocuments(p.db, r.tenant_id, r.id),
  ]);
  const byNo = new Map(steps.map((s) => [s.step, s]));
  const voted = byNo.get(15)?.done_on;
  return {
    ...view!,
    steps: STEPS.map((d) => {
      const s = byNo.get(d.no);
      const m = s?.meeting_id ? meetings.get(s.meeting_id) : undefined;
      return {
        no: d.no, name: d.name, stage: d.stage, stageName: STAGE_NAMES[d.stage], doneOn: s?.done_on ?? null, note: s?.note ?? '',
        people: s ? (JSON.parse(s.people) as string[]).map((id) => ({ id, name: members.get(id)?.name ?? '（已删除）' })) : [],
        peopleLabel: d.people?.label ?? null,
        meeting: m ? { id: m.id, title: m.title, startsAt: m.starts_at } : null,
        publicityFrom: s?.publicity_from ?? null, lateReason: s?.late_reason ?? null,
        trainingDays: s?.training_days ?? null, trainingHours: s?.training_hours ?? null,
      };
    }),
    documents,
    probationEndsOn: voted && r.last_step < 24 ? probationEnds(voted, r.probation_extended_months) : null,
    mayWrite: writesAt(actor, r.org_path) && r.last_step < LAST_STEP,
    mayReveal: revealsPerson(actor, r.org_path),
    documentKinds: [...DOCUMENT_KINDS],
  };
}

/**
 * POST /people/{id}/reveal: the candidate's 身份证号 and phone in clear, only with member.sensitive over the branch
 * that develops them (403 otherwise; out of sight was already 404), each clear view audited as `sensitive.view`.
 */
export async function revealPerson(p: Platform, ctx: AuditContext, actor: Actor, r: RecruitPersonTable): Promise<{ idNumber: string; phone: string | null }> {
  if (!revealsPerson(actor, r.org_path)) throw forbidden('您没有查看该发展对象敏感信息的权限');
  await p.audit.sensitiveView(ctx, { entity: 'recruitPerson', entityId: r.id, fields: r.phone_enc ? ['idNumber', 'phone'] : ['idNumber'] });
  return { idNumber: p.fieldCrypto.decrypt(r.id_number_enc), phone: r.phone_enc ? p.fieldCrypto.decrypt(r.phone_enc) : null };
}

/** The live branches (党支部, 联合支部) the actor may take people in at. */
export async function writableBranches(p: Platform, actor: Actor) {
  const orgs = await orgsUnder(p.db, actor.tenantId, '/', ['branch', 'jointBranch']);
  return orgs.filter((o) => writesAt(actor, o.path));
}

const IDENTITY_LABELS = { name: '姓名', gender: '性别', birthDate: '出生日期', idNumber: '身份证号', unitId: '所在单位' } as const;

/**
 * Takes a person into the pipeline with their application (step 1, age rule checked). A staff member is linked and
 * their identity read from the staff record (not typed again); anyone else is typed once, checked like the
 * roster's identities, and becomes a staff record only at admission (step 15).
 */
export async function createPerson(p: Platform, ctx: AuditContext, actor: Actor, input: PersonCreate): Promise<string> {
  checkMayUse(actor);
  const tenantId = actor.tenantId;
  const problems = new Problems();
  const branch = await orgInScope(p.db, actor, 'recruit.write', input.branchId);
  if (!branch || branch.deleted_at) problems.add('branchId', '党支部不存在或不在您的管理范围内');
  else if (branch.kind !== 'branch' && branch.kind !== 'jointBranch') problems.add('branchId', '发展党员由党支部办理，请选择党支部或联合支部');

  let identity: Pick<RecruitPersonTable, 'name' | 'gender' | 'birth_date' | 'id_number_enc' | 'id_number_hash' | 'phone_enc' | 'unit_id' | 'employment' | 'staff_id'> | null = null;
  if (input.staffId) {
    const s = await findStaff(p.db, tenantId, input.staffId);
    if (!s || s.deleted_at) problems.add('staffId', '所选员工不存在');
    else if (s.member_id) problems.add('staffId', '该员工已是党员，不能再列为入党申请人');
    else identity = { name: s.name, gender: s.gender, birth_date: s.birth_date, id_number_enc: s.id_number_enc, id_number_hash: s.id_number_hash, phone_enc: s.phone_enc, unit_id: null, employment: s.employment, staff_id: s.id };
  } else {
    const missing = (Object.keys(IDENTITY_LABELS) as (keyof typeof IDENTITY_LABELS)[]).filter((k) => !input[k]);
    for (const k of missing) problems.add(k, `请填写${IDENTITY_LABELS[k]}`);
    problems.throwIfAny();
    const v = { name: input.name!, gender: input.gender!, birthDate: input.birthDate!, idNumber: input.idNumber!, phone: input.phone ?? null, employment: input.employment ?? 'active' as const, unitId: input.unitId! };
    // The roster's own identity checks (身份证号 against birth date and gender, mobile, unit); someone already on
    // the staff register is chosen from it instead, so the identity is never kept twice.
    const normalised = await checkStaffInput(p, tenantId, v, null).catch((err: unknown) => {
      if (err instanceof AppError && err.code === 'DUPLICATE_ID_NUMBER') throw conflict('STAFF_EXISTS', '该身份证号已是本委员工，请从员工中选择', { idNumber: '该身份证号已是本委员工，请从员工中选择' });
      throw err;
    });
    identity = {
      name: v.name, gender: v.gender, birth_date: v.birthDate, id_number_enc: p.fieldCrypto.encrypt(normalised.idNumber), id_number_hash: p.fieldCrypto.lookupHash(normalised.idNumber),
      phone_enc: normalised.phone ? p.fieldCrypto.encrypt(normalised.phone) : null, unit_id: v.unitId, employment: v.employment, staff_id: null,
    };
  }
  problems.throwIfAny();
  const taken = await p.db.selectFrom('recruit_people').select('id').where('tenant_id', '=', tenantId).where('id_number_hash', '=', identity!.id_number_hash).where('deleted_at', 'is', null).executeTakeFirst();
  if (taken) throw conflict('ALREADY_IN_PIPELINE', '该人员已在发展党员名单中', { idNumber: '该人员已在发展党员名单中' });

  const step = { step: 1, doneOn: input.appliedOn, note: input.note };
  const checked = await checkStepRules(p, { tenant_id: tenantId, birth_date: identity!.birth_date, probation_extended_months: 0, org_path: branch!.path }, new Map(), step);
  const now = p.clock.now().toISOString();
  const id = newId(p.clock.now().getTime());
  const row: RecruitPersonTable = {
    tenant_id: tenantId, id, org_id: branch!.id, org_path: branch!.path, ...identity!, stage: 'applicant', last_step: 0, member_id: null,
    probation_extended_months: 0, probation_extended_on: null, created_by: actor.userId, created_at: now, updated_at: now, deleted_at: null,
  };
  await p.audit.tx(ctx, async (trx) => {
    await trx.insertInto('recruit_people').values(row).execute();
    await insertStep(trx, p, ctx, actor, row, checked);
    await p.audit.record(trx, ctx, { action: 'recruit.create', entity: 'recruitPerson', entityId: id, after: { name: row.name, orgId: row.org_id, staffId: row.staff_id, appliedOn: input.appliedOn } });
  });
  return id;
}
