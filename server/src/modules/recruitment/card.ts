// The 工作台 card of 发展党员: this year's 发展计划 of the branches in sight, quota against admitted, from the same
// figures as the 发展计划 tab (planYear), and how many people are at each stage now.
import type { Platform } from '../../platform/context.js';
import { planYear } from './plans.js';

export function registerRecruitmentCard(p: Platform): void {
  p.cards.register({
    key: 'recruit.plan', title: '发展党员', order: 70, access: 'recruit.read', display: true,
    compute: async ({ actor, org, today }) => {
      const year = Number(today.slice(0, 4));
      const v = await planYear(p, actor, { year, orgId: org.id });
      const link = '/recruitment?tab=plans';
      return {
        link,
        period: `${year}年`,
        figures: [
          { label: '发展名额', value: v.total.quota, unit: '名', link },
          { label: '已接收预备党员', value: v.total.admitted, unit: '名', link },
          { label: '计划完成率', value: v.total.completion, unit: '%', link },
        ],
      };
    },
  });
}
