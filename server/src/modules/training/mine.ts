// 我的 of 教育培训: this year's 学时 of the signed-in member against the requirement, from the same myHours as 我的学时.
import type { Platform } from '../../platform/context.js';
import { myHours } from './hoursLedger.js';

const SOURCE = { online: '线上学习', offline: '线下培训', lecture: '党课' } as const;

export function registerTrainingMine(p: Platform): void {
  p.mine.register({
    key: 'training.hours', title: '我的学时', order: 60,
    compute: async ({ actor, year }) => {
      const h = await myHours(p, actor, String(year));
      return {
        link: '/training/my-hours', period: `${h.year}年`,
        figures: [
          { label: '应完成', value: h.requiredTenths / 10, unit: '学时' },
          { label: '已完成', value: h.totalTenths / 10, unit: '学时' },
          { label: '尚差', value: h.behindTenths / 10, unit: '学时' },
        ],
        items: h.items.slice(0, 5).map((i) => ({ title: i.title, date: i.date, tag: SOURCE[i.source], note: `${i.tenths / 10} 学时` })),
        empty: '今年还没有学时记录',
      };
    },
  });
}
