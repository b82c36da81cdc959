// 组织生活 in the 月度党建工作报告: the records held in the month (the same list as the 组织生活 page filtered to the
// month and to held or archived records), by kind with their dates, and the organisations that missed a meeting the
// month's 问题清单 (complianceReport for the month) names.
import type { Platform } from '../../platform/context.js';
import { beijingTime } from '../../platform/export/xlsx.js';
import { listActivities } from './list.js';
import { complianceReport } from './reports.js';
import { listQuery } from './schema.js';

export function registerOrgLifeReport(p: Platform): void {
  p.reportSections.register({
    key: 'orgLife.held', title: '组织生活开展情况', order: 10, access: 'orgLife.read',
    monthly: async ({ actor, org, month, from, to }) => {
      const { items, total } = await listActivities(p, actor, listQuery.parse({ orgId: org.id, from, to, status: 'held,archived', order: 'asc', format: 'xlsx' }));
      const byKind = new Map<string, number>();
      for (const a of items) byKind.set(a.kindName, (byKind.get(a.kindName) ?? 0) + 1);
      const { view } = await complianceReport(p, actor, { orgId: org.id, period: month });
      const missed = view.orgs.filter((o) => o.kinds.some((k) => k.missing > 0));
      const kinds = [...byKind.entries()].map(([k, n]) => `${k}${n}次`).join('、');
      const sentences = [total > 0 ? `本月共开展组织生活${total}次，其中${kinds}。` : '本月未开展组织生活。'];
      sentences.push(missed.length > 0
        ? `按规定频次，本月有${missed.length}个组织未按时召开：${missed.slice(0, 10).map((o) => `${o.orgName}（${o.kinds.filter((k) => k.missing > 0).map((k) => k.name).join('、')}）`).join('；')}${missed.length > 10 ? '等' : ''}。`
        : '各组织均按规定频次召开了本月应召开的会议。');
      return {
        figures: [{ label: '开展组织生活', value: total, unit: '次' }, { label: '未按时召开的组织', value: missed.length, unit: '个' }],
        sentences,
        tables: [
          { title: '本月组织生活', headers: ['日期', '组织', '类型', '主题', '出勤'], rows: items.map((a) => [beijingTime(a.startsAt).slice(0, 10), a.orgName, a.kindName, a.title, a.expected ? `${a.present}/${a.expected}` : '']) },
          ...(missed.length > 0 ? [{ title: '未按时召开的组织', headers: ['组织', '未召开'], rows: missed.map((o) => [o.orgName, o.kinds.filter((k) => k.missing > 0).map((k) => `${k.name}缺${k.missing}次`).join('，')]) }] : []),
        ],
      };
    },
  });
}
