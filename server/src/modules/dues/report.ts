// 党费 in the 月度党建工作报告: the month's bills against what was settled and what came in during the month, from the
// same collection as the 收缴 tab (collection), to the fen.
import type { Platform } from '../../platform/context.js';
import { collection } from './reports.js';

const yuan = (fen: number) => (fen / 100).toFixed(2);

export function registerDuesReport(p: Platform): void {
  p.reportSections.register({
    key: 'dues.monthly', title: '党费收缴情况', order: 80, access: 'dues.read',
    monthly: async ({ actor, org, month }) => {
      const c = await collection(p, actor, Number(month.slice(0, 4)), org.id);
      const at = (m: { month: string }[]) => m.findIndex((x) => x.month === month);
      const t = c.totals.months[at(c.totals.months)]!;
      return {
        figures: [
          { label: '本月应交', value: t.dueFen / 100, unit: '元' }, { label: '本月账单已交', value: t.paidFen / 100, unit: '元' },
          { label: '本月实收', value: t.receivedFen / 100, unit: '元' },
        ],
        sentences: [`本月党费应交${yuan(t.dueFen)}元，本月账单已交${yuan(t.paidFen)}元；本月实际收缴${yuan(t.receivedFen)}元（含补交和预交）。`],
        tables: c.branches.length > 0 ? [{
          title: '各支部本月党费', headers: ['党支部', '应交（元）', '已交（元）', '实收（元）'],
          rows: [...c.branches.map((b) => { const x = b.months[at(b.months)]!; return [b.orgName, yuan(x.dueFen), yuan(x.paidFen), yuan(x.receivedFen)]; }), ['合计', yuan(t.dueFen), yuan(t.paidFen), yuan(t.receivedFen)]],
        }] : [],
      };
    },
  });
}
