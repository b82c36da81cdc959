// The 工作台 card of 党费: this year's collection (paid against billed, to the fen, as the 收缴 tab shows it) and the
// members in arrears at the warning and the serious mark, as the 欠缴 tab counts them.
import type { Platform } from '../../platform/context.js';
import { readSetting } from '../../platform/settings/service.js';
import { arrears, collection } from './reports.js';
import { DUES_RULES } from './settings.js';

const yuan = (fen: number) => Math.round(fen) / 100;

export function registerDuesCard(p: Platform): void {
  p.cards.register({
    key: 'dues.collection', title: '党费收缴', order: 80, access: 'dues.read', display: true,
    compute: async ({ actor, org, today }) => {
      const year = Number(today.slice(0, 4));
      const rules = await readSetting(p.db, actor.tenantId, DUES_RULES);
      const [c, warn, serious] = await Promise.all([
        collection(p, actor, year, org.id),
        arrears(p, actor, { orgId: org.id, minMonths: rules.warnMonths }, 1, 0),
        arrears(p, actor, { orgId: org.id, minMonths: rules.seriousMonths }, 1, 0),
      ]);
      return {
        link: '/dues?tab=collection',
        period: `${year}年`,
        figures: [
          { label: '已交', value: yuan(c.totals.paidFen), unit: '元', link: '/dues?tab=collection' },
          { label: '全年应交', value: yuan(c.totals.dueFen), unit: '元', link: '/dues?tab=collection' },
          { label: `欠交${rules.warnMonths}个月以上`, value: warn.total, unit: '人', tone: warn.total > 0 ? 'yellow' : 'green', link: '/dues?tab=arrears' },
          { label: `欠交${rules.seriousMonths}个月以上`, value: serious.total, unit: '人', tone: serious.total > 0 ? 'red' : 'green', link: '/dues?tab=arrears' },
        ],
      };
    },
  });
}
