// What 表彰评选 adds to the platform services: its 业务规则 and 待办 sources.
import type { Platform } from '../../platform/context.js';
import { HONOUR_RULES } from './honourSettings.js';
import { honourReviewTodos, nominationDueTodos } from './honourTodos.js';

export function registerHonourServices(p: Platform): void {
  p.settings.describe(HONOUR_RULES, {
    name: '表彰评选', group: '激励',
    description: '新建年度“两优一先”评选时的默认名额、公示期最少工作日（按周一至周五计，不含节假日调休），以及三类荣誉的名称',
    permission: 'incentive.manage',
  });
  p.todos.register({ kind: 'incentive.nominationDue', name: '表彰推荐', list: nominationDueTodos });
  p.todos.register({ kind: 'incentive.honourReview', name: '表彰审核与公示', list: honourReviewTodos });
}
