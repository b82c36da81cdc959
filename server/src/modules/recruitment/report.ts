// 发展党员 in the 党内统计年报: the year's applications, activists, 发展对象, admissions, 转正 and extensions per branch
// in sight, from the same statistics as the 发展党员 年度统计 page (yearStats: steps counted by the day they were done).
import type { Platform } from '../../platform/context.js';
import { branchesInSight, YEAR_FIGURES, yearFigures, yearStats } from './plans.js';

const KEYS = ['applied', 'activists', 'candidates', 'admitted', 'confirmed', 'extended'] as const;

export function registerRecruitmentReport(p: Platform): void {
  p.reportSections.register({
    key: 'recruit.steps', title: '发展党员', order: 75, access: 'recruit.read',
    monthly: async ({ actor, org, month, from, to }) => {
      const branches = await branchesInSight(p, actor, org.id);
      const figures = await yearFigures(p, actor.tenantId, branches.map((b) => b.id), Number(month.slice(0, 4)), { from, to });
      const total = Object.fromEntries(KEYS.map((k) => [k, branches.reduce((n, b) => n + figures.get(b.id)![k], 0)])) as Record<(typeof KEYS)[number], number>;
      const active = branches.filter((b) => KEYS.some((k) => figures.get(b.id)![k] > 0));
      return {
        figures: KEYS.map((k) => ({ label: YEAR_FIGURES[k], value: total[k], unit: '人' })),
        sentences: [`本月发展党员工作：递交入党申请书${total.applied}人，确定入党积极分子${total.activists}人、发展对象${total.candidates}人，接收预备党员${total.admitted}人，预备党员转正${total.confirmed}人${total.extended ? `，延长预备期${total.extended}人` : ''}。`],
        tables: active.length > 0 ? [{
          title: '各支部本月发展党员', headers: ['党支部', ...KEYS.map((k) => YEAR_FIGURES[k])],
          rows: [...active.map((b) => [b.name, ...KEYS.map((k) => figures.get(b.id)![k])]), ['合计', ...KEYS.map((k) => total[k])]],
        }] : [],
      };
    },
    yearly: async ({ actor, org, year }) => {
      const s = await yearStats(p, actor, { orgId: org.id, year });
      return [{
        title: '发展党员', headers: ['党支部', ...KEYS.map((k) => YEAR_FIGURES[k])],
        rows: [...s.items.map((x) => [x.orgName, ...KEYS.map((k) => x[k])]), ['合计', ...KEYS.map((k) => s.total[k])]],
        definitions: [
          { name: YEAR_FIGURES.applied, definition: `${year}年内递交入党申请书（第1步办理日期在当年）的人数` },
          { name: YEAR_FIGURES.activists, definition: `${year}年内经支委会确定为入党积极分子（第3步办理日期在当年）的人数` },
          { name: YEAR_FIGURES.candidates, definition: `${year}年内确定为发展对象（第7步办理日期在当年）的人数` },
          { name: YEAR_FIGURES.admitted, definition: `${year}年内经支部大会讨论接收为预备党员（第15步办理日期在当年）的人数` },
          { name: YEAR_FIGURES.confirmed, definition: `${year}年内预备党员按期转为正式党员（第24步办理日期在当年）的人数` },
          { name: YEAR_FIGURES.extended, definition: `${year}年内决定延长预备期的人数` },
        ],
      }];
    },
  });
}
