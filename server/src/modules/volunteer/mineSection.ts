// 我的 of 志愿服务: this year's service hours of the signed-in person (visits and voluntary labour), from the same
// myHours as 我的结对老人's hours, with the latest records.
import type { Platform } from '../../platform/context.js';
import { myHours } from './hours.js';

const SOURCE = { visit: '走访', activity: '志愿活动' } as const;

export function registerVolunteerMine(p: Platform): void {
  p.mine.register({
    key: 'volunteer.hours', title: '我的志愿服务', order: 80,
    compute: async ({ actor, year }) => {
      const h = await myHours(p, actor, String(year));
      const minutes = h.total.visitMinutes + h.total.activityMinutes;
      return {
        link: '/volunteer/mine', period: `${h.year}年`,
        figures: [
          { label: '服务时长', value: Math.round(minutes / 6) / 10, unit: '小时' },
          { label: '走访', value: h.total.visits, unit: '次' },
        ],
        items: [...h.records].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0)).slice(0, 5)
          .map((r) => ({ title: r.title, date: r.date, tag: SOURCE[r.source], note: `${Math.round(r.minutes / 6) / 10} 小时 · ${r.orgName}` })),
        empty: '今年还没有志愿服务记录',
      };
    },
  });
}
