// 民主评议 in the 党内统计年报 (the grades the branch committees decided in the year's published 民主评议 of the branches of
// the subtree the reader sees, per branch, from the same list as the 民主评议 page: listAppraisals) and 量化考核 in the
// monthly report.
import type { Platform } from '../../platform/context.js';
import { tenantTree } from '../org/index.js';
import { adb, listAppraisals } from './appraisals.js';
import { GRADE_NAMES, GRADES } from './appraisalTables.js';
import { subtreeRanking } from './ranking.js';
import { addDays, shanghaiDate, shanghaiDayStart } from '../../platform/calendar.js';

export function registerAppraisalReport(p: Platform): void {
  p.reportSections.register({
    key: 'assessment.appraisal', title: '民主评议', order: 40, access: 'assessment.read',
    yearly: async ({ actor, org, year }) => {
      const tree = await tenantTree(p.db, actor.tenantId, actor.treeVersion);
      const under = new Set(tree.filter((o) => o.tenant_id === org.tenant_id && o.path.startsWith(org.path)).map((o) => o.id));
      const { items } = await listAppraisals(p, actor, { year });
      const published = items.filter((a) => a.status === 'published' && under.has(a.branchId));
      const members = published.length === 0 ? [] : await adb(p.db).selectFrom('appraisal_members').select(['appraisal_id', 'decision'])
        .where('tenant_id', '=', actor.tenantId).where('graded', '=', 1).where('appraisal_id', 'in', published.map((a) => a.id)).execute();
      const count = (ids: string[], g: string) => members.filter((m) => ids.includes(m.appraisal_id) && m.decision === g).length;
      const all = published.map((a) => a.id);
      return [{
        title: '民主评议', headers: ['党支部', '参评党员', ...GRADES.map((g) => GRADE_NAMES[g])],
        rows: [
          ...published.map((a) => [a.branchName, members.filter((m) => m.appraisal_id === a.id).length, ...GRADES.map((g) => count([a.id], g))]),
          ['合计', members.length, ...GRADES.map((g) => count(all, g))],
        ],
        definitions: [
          { name: '参评党员', definition: `${year}年已公布结果的民主评议中由支部评定了等次的党员人数；未公布的评议不计` },
          { name: '优秀 / 合格 / 基本合格 / 不合格', definition: '支部委员会评定的等次（参考自评和互评），各等次之和等于参评党员' },
        ],
      }];
    },
  });
}

/**
 * 量化考核 in the monthly report: the subtree's ranking in the latest round of organisations published by the month's
 * end (ranking.ts, as the 工作台 card shows it now).
 */
export function registerAssessmentReport(p: Platform): void {
  p.reportSections.register({
    key: 'assessment.ranking', title: '量化考核', order: 35, access: 'assessment.read',
    monthly: async ({ actor, org, to }) => {
      const ranking = await subtreeRanking(p, actor, org, shanghaiDayStart(addDays(to, 1)));
      if (!ranking) return { figures: [{ label: '参评组织', value: 0, unit: '个' }], sentences: ['截至本月底尚无公布的量化考核结果。'], tables: [] };
      const { round, items } = ranking;
      const average = ranking.average ?? 0;
      const top = ranking.top ?? 0;
      return {
        figures: [{ label: '参评组织', value: items.length, unit: '个' }, { label: '平均分', value: average, unit: '分' }, { label: '最高分', value: top, unit: '分' }],
        sentences: [`最近一次公布的量化考核为“${round.name}”（${round.period_label}，${shanghaiDate(new Date(round.published_at!))}公布），参评组织 ${items.length} 个，平均 ${average} 分，最高 ${top} 分。`],
        tables: [{ title: '考核排名', headers: ['名次', '组织', '总分', '星级'], rows: items.map((i) => [i.rank, i.targetName, i.total, i.starName]) }],
      };
    },
  });
}
