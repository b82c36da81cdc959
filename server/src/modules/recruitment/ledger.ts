// 发展党员工作台账: one row per person the reader sees (a branch, or a subtree), each stage's key dates, the
// 培养联系人 and 入党介绍人 by name, and where they stand now. No 身份证号 or phone: the 台账 is handed around.
import { sql } from 'kysely';
import type { Actor } from '../../platform/access/actor.js';
import type { Platform } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import type { Column } from '../../platform/export/xlsx.js';
import { memberSummaries } from '../members/index.js';
import { orgInScope, orgNames } from '../org/index.js';
import { inSubtree } from '../../db/dialect.js';
import { checkMayUse, readableAt } from './policy.js';
import { probationEnds } from './rules.js';
import { STAGE_NAMES, stepDef } from './steps.js';

export interface LedgerRow {
  orgName: string;
  name: string;
  gender: string;
  birthDate: string;
  stage: string;
  dates: Map<number, string>;
  contacts: string;
  introducers: string;
  status: string;
}

/** The columns: who, then the key steps' dates (with the people named), then the status. */
const KEY_STEPS: [number, string][] = [
  [1, '申请入党'], [2, '谈话'], [3, '确定积极分子'], [5, '指定培养联系人'], [7, '确定发展对象'], [9, '确定入党介绍人'], [10, '政治审查'],
  [13, '上级党委预审'], [15, '支部大会接收'], [17, '上级党委审批'], [24, '转正'],
];
export const LEDGER_COLUMNS: Column<LedgerRow>[] = [
  { header: '党支部', value: (r) => r.orgName, width: 24 },
  { header: '姓名', value: (r) => r.name },
  { header: '性别', value: (r) => r.gender, width: 6 },
  { header: '出生日期', value: (r) => r.birthDate, width: 12 },
  { header: '阶段', value: (r) => r.stage, width: 14 },
  ...KEY_STEPS.flatMap(([no, label]): Column<LedgerRow>[] => [
    { header: label, value: (r) => r.dates.get(no) ?? '', width: 12 },
    ...(no === 5 ? [{ header: '培养联系人', value: (r: LedgerRow) => r.contacts, width: 16 }] : []),
    ...(no === 9 ? [{ header: '入党介绍人', value: (r: LedgerRow) => r.introducers, width: 16 }] : []),
  ]),
  { header: '当前情况', value: (r) => r.status, width: 36 },
];

export async function ledgerRows(p: Platform, actor: Actor, orgId?: string): Promise<LedgerRow[]> {
  checkMayUse(actor);
  let q = p.db.selectFrom('recruit_people as r').selectAll('r').where('r.tenant_id', '=', actor.tenantId).where('r.deleted_at', 'is', null).where(readableAt(actor, 'r'));
  if (orgId) {
    const org = await orgInScope(p.db, actor, 'recruit.read', orgId);
    if (!org || org.deleted_at) throw notFound('党组织');
    q = q.where(inSubtree(sql.ref<string>('r.org_path'), org.path));
  }
  const people = await q.orderBy('r.org_path').orderBy('r.last_step', 'desc').orderBy('r.name').orderBy('r.id').execute();
  if (people.length === 0) return [];
  const steps = await p.db.selectFrom('recruit_steps').select(['person_id', 'step', 'done_on', 'people']).where('tenant_id', '=', actor.tenantId)
    .where('person_id', 'in', people.map((x) => x.id)).execute();
  const [names, members] = await Promise.all([
    orgNames(p.db, [actor.tenantId], [...new Set(people.map((x) => x.org_id))]),
    memberSummaries(p.db, actor.tenantId, steps.flatMap((s) => JSON.parse(s.people) as string[])),
  ]);
  const byPerson = new Map<string, typeof steps>();
  for (const s of steps) byPerson.set(s.person_id, [...(byPerson.get(s.person_id) ?? []), s]);
  const named = (rows: typeof steps, no: number) => (JSON.parse(rows.find((s) => s.step === no)?.people ?? '[]') as string[]).map((id) => members.get(id)?.name ?? '（已删除）').join('、');
  return people.map((x) => {
    const mine = byPerson.get(x.id) ?? [];
    const dates = new Map(mine.map((s) => [s.step, s.done_on]));
    const next = stepDef(x.last_step + 1);
    const voted = dates.get(15);
    const extra = [
      x.probation_extended_months ? `预备期延长 ${x.probation_extended_months} 个月` : '',
      voted && x.last_step < 24 ? `预备期满 ${probationEnds(voted, x.probation_extended_months)}` : '',
    ].filter(Boolean);
    return {
      orgName: names.get(`${actor.tenantId}/${x.org_id}`) ?? '', name: x.name, gender: x.gender === 'male' ? '男' : '女', birthDate: x.birth_date,
      stage: STAGE_NAMES[x.stage], dates, contacts: named(mine, 5), introducers: named(mine, 9),
      status: [`已办至第 ${x.last_step} 步`, next ? `下一步：${next.name}` : '已全部完成', ...extra].join('；'),
    };
  });
}
