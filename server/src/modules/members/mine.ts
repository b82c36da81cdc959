// 我的 of the members room: the signed-in person's own record (身份证号 and phone masked; POST /me/reveal shows them in
// clear, audited like every other reveal), their 党支部 and 党小组. Only the record the account is linked to
// (members.user_id): no id comes from the request, so no one else's record can be asked for.
import type { Actor } from '../../platform/access/actor.js';
import type { AuditContext } from '../../platform/audit/service.js';
import type { Platform } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { SENSITIVE_IDENTITY_FIELDS } from '../people/identity.js';
import { GENDER_NAMES } from '../staff/index.js';
import { memberOfUser } from './accounts.js';
import { memberBase, selectMemberCore, withNames, type MemberCore, type MemberRow } from './queries.js';
import { MEMBER_TYPE_NAMES } from './schema.js';
import { toMemberView } from './service.js';

/** The live record the actor's account is linked to, with its names, or undefined (no record: an empty 我的). */
async function ownRow(p: Platform, actor: Actor): Promise<MemberRow | undefined> {
  const own = await memberOfUser(p.db, actor.tenantId, actor.userId);
  if (!own) return undefined;
  const core = await selectMemberCore(memberBase(p.db).where('m.tenant_id', '=', actor.tenantId).where('m.id', '=', own.id)).executeTakeFirst();
  return core && (await withNames(p.db, [core as MemberCore], actor))[0];
}

/** Who the signed-in person is: name and place (for greeting them), or null for an account with no member record. */
export async function ownMemberPlace(p: Platform, actor: Actor): Promise<{ memberId: string; name: string; branchName: string; groupName: string | null } | null> {
  const row = await ownRow(p, actor);
  return row ? { memberId: row.id, name: row.name, branchName: row.branch_name, groupName: row.group_name } : null;
}

/** The own 身份证号, phone and 住址 in clear, audited as `sensitive.view` of the member record. 404 without a record. */
export async function revealOwnMember(p: Platform, ctx: AuditContext, actor: Actor): Promise<{ idNumber: string; phone: string | null; address: string | null }> {
  const row = await ownRow(p, actor);
  if (!row) throw notFound('本人党员档案');
  await p.audit.sensitiveView(ctx, { entity: 'member', entityId: row.id, fields: [...SENSITIVE_IDENTITY_FIELDS] });
  const v = toMemberView(p, row, true);
  return { idNumber: v.idNumber, phone: v.phone, address: v.address };
}

export function registerMemberMine(p: Platform): void {
  p.mine.register({
    key: 'members.record', title: '我的档案', order: 10,
    compute: async ({ actor }) => {
      const row = await ownRow(p, actor);
      if (!row) return { fields: [], empty: '未找到本人党员档案' };
      const v = toMemberView(p, row, false);
      const field = (key: string, label: string, value: string | null | undefined, revealable?: boolean) => ({ key, label, value: value ?? '—', revealable });
      return {
        fields: [
          field('name', '姓名', v.name), field('gender', '性别', GENDER_NAMES[v.gender]), field('birthDate', '出生日期', `${v.birthDate}（${v.age}岁）`),
          field('idNumber', '身份证号', v.idNumber, true), field('phone', '手机号', v.phone, true), field('address', '住址', v.address, true),
          field('type', '党员类别', MEMBER_TYPE_NAMES[v.type]), field('joinedOn', '入党日期', v.joinedOn), field('confirmedOn', '转正日期', v.confirmedOn),
          field('partyAge', '党龄', v.confirmedOn ? `${v.partyAgeYears}年` : null),
          field('branch', '所在党支部', v.branchName), field('group', '党小组', v.groupName),
          field('partyPosts', '党内职务', v.partyPosts.length > 0 ? v.partyPosts.join('、') : null),
          field('unit', '工作单位', v.unitName), field('post', '岗位', v.post),
        ],
      };
    },
  });
}
