// 我的党费 (GET /dues/me) and the 党费 section of 我的: the signed-in member's bills of a year, from the same
// memberYear as the secretary's view of that member, so both pages show the same amounts.
import type { z } from 'zod';
import type { Actor } from '../../platform/access/actor.js';
import type { Platform } from '../../platform/context.js';
import { readSetting } from '../../platform/settings/service.js';
import { duesFacts, memberOfUser } from '../members/index.js';
import { orgNamesOf } from '../org/index.js';
import { fenToYuan } from './brackets.js';
import { memberYear } from './reports.js';
import type { myDues } from './schema.js';
import { DUES_RULES } from './settings.js';

export async function myDuesOf(p: Platform, actor: Actor, year: number): Promise<z.infer<typeof myDues>> {
  const own = await memberOfUser(p.db, actor.tenantId, actor.userId);
  const m = own && (await duesFacts(p.db, actor.tenantId, [own.id])).get(own.id);
  const rules = await readSetting(p.db, actor.tenantId, DUES_RULES);
  const thresholds = { warnMonths: rules.warnMonths, seriousMonths: rules.seriousMonths };
  if (!m) {
    return {
      linked: false, memberId: '', name: '', orgName: '', year, memberType: '', category: null, monthlyFen: null, bills: [], paidMonths: 0, paidFen: 0,
      dueMonths: [], dueFen: 0, advanceMonths: [], ...thresholds,
    };
  }
  const names = await orgNamesOf(p.db, actor, [m.branchId]);
  const { mayWrite: _mayWrite, ...view } = await memberYear(p, actor, m, year, names.get(`${actor.tenantId}/${m.branchId}`) ?? '');
  return { linked: true, ...view, ...thresholds };
}

export function registerDuesMine(p: Platform): void {
  p.mine.register({
    key: 'dues.mine', title: '我的党费', order: 70,
    compute: async ({ actor, year }) => {
      const d = await myDuesOf(p, actor, year);
      return {
        link: '/dues/mine', period: `${year}年`,
        figures: [
          { label: '每月应交', value: d.monthlyFen === null ? null : d.monthlyFen / 100, unit: '元' },
          { label: '已交', value: d.paidMonths, unit: '个月' },
          { label: '已交金额', value: d.paidFen / 100, unit: '元' },
          { label: '欠交', value: d.dueMonths.length, unit: '个月' },
        ],
        items: d.dueMonths.length > 0
          ? [{ title: `欠交 ${d.dueMonths.length} 个月，共 ${fenToYuan(d.dueFen)} 元`, note: d.dueMonths.join('、'), tone: d.dueMonths.length >= d.seriousMonths ? 'red' : 'yellow' }]
          : [],
        empty: d.monthlyFen === null ? '尚未核定党费基数' : '本年应交党费已交清',
      };
    },
  });
}
