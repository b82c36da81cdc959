// 管控信息 in the 月度党建工作报告: information added in the month against the month before, by category, and the
// organisations with nothing new, from the same statistics as the 每月统计 page (infoStats).
import { shiftMonth } from '../../platform/calendar.js';
import type { Platform } from '../../platform/context.js';
import { CATEGORY_NAMES, type AnyCategory } from './schema.js';
import { infoStats } from './stats.js';

export function registerInfoReport(p: Platform): void {
  p.reportSections.register({
    key: 'info.monthly', title: '管控信息新增情况', order: 20, access: 'info.read',
    monthly: async ({ actor, org, month }) => {
      const s = await infoStats(p, actor, { orgId: org.id, from: shiftMonth(month, -1), to: month });
      const [last, now] = [s.series.at(-2)!, s.series.at(-1)!];
      const silent = s.silent.at(-1)!.orgs;
      const name = (c: string) => CATEGORY_NAMES[c as AnyCategory] ?? c;
      const parts = s.categories.filter((c) => (now.new[c] ?? 0) > 0).map((c) => `${name(c)}${now.new[c]}条`).join('、');
      const diff = now.newTotal - last.newTotal;
      return {
        figures: [{ label: '本月新增', value: now.newTotal, unit: '条' }, { label: '上月新增', value: last.newTotal, unit: '条' }, { label: '累计', value: s.totals.atEnd, unit: '条' }],
        sentences: [
          `本月新增管控信息${now.newTotal}条${parts ? `（${parts}）` : ''}，上月${last.newTotal}条，${diff === 0 ? '与上月持平' : diff > 0 ? `比上月增加${diff}条` : `比上月减少${-diff}条`}；截至月末累计${s.totals.atEnd}条。`,
          silent.length > 0 ? `本月有${silent.length}个组织无新增信息：${silent.slice(0, 10).map((o) => o.orgName).join('、')}${silent.length > 10 ? '等' : ''}。` : '各组织本月均有新增信息。',
        ],
        tables: [{
          title: '管控信息按类别', headers: ['类别', '本月新增', '上月新增'],
          rows: [...s.categories.map((c) => [name(c), now.new[c] ?? 0, last.new[c] ?? 0]), ['合计', now.newTotal, last.newTotal]],
        }],
      };
    },
  });
}
