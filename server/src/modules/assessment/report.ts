// 民主评议 in the 党内统计年报: the grades the branch committees decided in the year's published 民主评议 of the branches
// of the subtree the reader sees, per branch, from the same list as the 民主评议 page (listAppraisals) and its members.
import type { Platform } from '../../platform/context.js';
import { tenantTree } from '../org/index.js';
import { adb, listAppraisals } from './appraisals.js';
import { GRADE_NAMES, GRADES } from './appraisalTables.js';

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
