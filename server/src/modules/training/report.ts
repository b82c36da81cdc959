// 教育培训 in the reports: 学时 completion of the organisation's subtree for the year so far (monthly report) and for
// the year (年报), per subordinate organisation, from the same ledger as the 学时统计 page (hoursPage).
import type { Platform } from '../../platform/context.js';
import { hoursPage } from './hoursLedger.js';

const hours = (tenths: number) => Math.round(tenths) / 10;
const rateText = (r: number | null) => (r === null ? '—' : `${r}%`);

export function registerTrainingReport(p: Platform): void {
  p.reportSections.register({
    key: 'training.hours', title: '学习教育与学时', order: 50, access: 'training.read',
    monthly: async ({ actor, org, month }) => {
      const h = await hoursPage(p, actor, { orgId: org.id, year: month.slice(0, 4), behind: false, page: 1, pageSize: 1 });
      const s = h.summary;
      return {
        figures: [{ label: '学时已达标', value: s.met, unit: '人' }, { label: '学时未达标', value: s.members - s.met, unit: '人' }, { label: '学时合计', value: hours(s.totalTenths), unit: '学时' }],
        sentences: [`截至本月，本年度党员学时合计${hours(s.totalTenths)}学时，${s.members}名党员中已达标${s.met}名，达标率${rateText(s.rate)}。`],
        tables: [],
      };
    },
    yearly: async ({ actor, org, year }) => {
      const h = await hoursPage(p, actor, { orgId: org.id, year: String(year), behind: false, page: 1, pageSize: 1 });
      const row = (o: typeof h.summary) => [o.orgName, o.members, o.met, o.members - o.met, rateText(o.rate), hours(o.totalTenths)];
      return [{
        title: '党员学时', headers: ['组织', '党员数', '已达标', '未达标', '达标率', '学时合计'],
        rows: [...h.orgs.map(row), ['合计', ...row(h.summary).slice(1)]],
        definitions: [
          { name: '党员数', definition: '学时统计范围内的在册党员人数（与学时统计页相同）' },
          { name: '已达标', definition: `${year}年线上学习、线下培训和党课学时合计达到年度要求（党员${hours(h.requirement.memberTenths)}学时，委员${hours(h.requirement.cadreTenths)}学时）的人数` },
          { name: '达标率', definition: '已达标人数 ÷ 党员数，百分比保留一位小数' },
          { name: '学时合计', definition: `${year}年各党员计入的学时之和（单位：学时）` },
        ],
      }];
    },
  });
}
