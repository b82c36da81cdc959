// The learner of 教育培训: the signed-in account acting as its own member record. Actions (studying, taking an exam)
// need one (403); the learner's own lists answer an account without one with an empty page that says so, as the
// volunteer's 我的结对老人 does, so a 党委管理员 who is not a member can open the menu entry without an error.
import type { Actor } from '../../platform/access/actor.js';
import type { Platform } from '../../platform/context.js';
import { forbidden } from '../../platform/errors.js';
import { memberOfUser, type AccountMember } from '../members/index.js';
import { checkLearns } from './policy.js';

/** The member record the account learns as, or null (403 without training.learn). */
export async function linkedLearner(p: Platform, actor: Actor): Promise<AccountMember | null> {
  checkLearns(actor);
  return (await memberOfUser(p.db, actor.tenantId, actor.userId)) ?? null;
}

/** The member record the account learns as: training.learn and a linked member record, else 403. */
export async function learnerOf(p: Platform, actor: Actor): Promise<AccountMember> {
  const me = await linkedLearner(p, actor);
  if (!me) throw forbidden('本账号未关联党员档案，不能参加学习与考试');
  return me;
}
