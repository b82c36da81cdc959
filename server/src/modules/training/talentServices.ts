// What the 后备人才库 adds to the platform services: its 业务规则 (the categories) and the committee's 待办 of
// nominations waiting for a decision.
import type { Platform } from '../../platform/context.js';
import { talentReviewTodos } from './talentTodos.js';
import { TALENT_RULES } from './talentSettings.js';

export function registerTalentServices(p: Platform): void {
  p.settings.describe(TALENT_RULES, {
    name: '后备人才库', group: '教育培训',
    description: '后备人才的类别（如专家型、领军型、青年政工干部）：支部推荐时从中选择；改名或删除类别不影响已有记录',
    permission: 'training.manage',
  });
  p.todos.register({ kind: 'training.talentReview', name: '后备人才待审核', list: talentReviewTodos });
}
