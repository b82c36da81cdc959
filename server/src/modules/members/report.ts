// The members' tables of the 党内统计年报: the roster of the organisation's subtree by category, sex, age band,
// education and Party age (the same statistics as the organisation page, memberStats, ages at the year's end), and
// the members who left in the year (转出, 去世, 出党) from their dated history.
import { sql } from 'kysely';
import type { Platform } from '../../platform/context.js';
import type { YearlyTable } from '../../platform/reports/sections.js';
import { inSubtree } from '../../db/dialect.js';
import { AGE_BANDS, EDUCATIONS } from '../people/validation.js';
import { scopedMembers } from './queries.js';
import { NO_EDUCATION, PARTY_AGE_BANDS, memberStats } from './stats.js';

const AGE_NAMES: Record<(typeof AGE_BANDS)[number], string> = { '-35': '35岁及以下', '36-45': '36至45岁', '46-55': '46至55岁', '56-60': '56至60岁', '61-': '61岁及以上' };
const PARTY_AGE_NAMES: Record<(typeof PARTY_AGE_BANDS)[number], string> = { '-5': '5年及以下', '6-10': '6至10年', '11-20': '11至20年', '21-30': '21至30年', '31-': '31年及以上' };
const ROSTER = '在册党员：年末在本组织（含下级组织）名册中的正式党员和预备党员，不含已转出、出党和去世的党员；停止党籍的党员仍在名册中，另在“党员类别”表单列';

function countTable(title: string, head: string, rows: [string, number][], total: number, definitions: YearlyTable['definitions']): YearlyTable {
  const pct = (n: number) => (total ? `${Math.round((1000 * n) / total) / 10}%` : '0%');
  return { title, headers: [head, '人数', '占比'], rows: [...rows.map(([k, n]) => [k, n, pct(n)]), ['合计', total, total ? '100%' : '0%']], definitions };
}

export function registerMemberReport(p: Platform): void {
  p.reportSections.register({
    key: 'members.roster', title: '党员队伍', order: 5, access: 'member.read',
    yearly: async ({ actor, org, year, today }) => {
      const end = `${year}-12-31`;
      const on = today < end ? today : end;
      const s = await memberStats(p.db, actor, org, on);
      const educations = [...EDUCATIONS, NO_EDUCATION].filter((e) => e !== NO_EDUCATION || (s.byEducation[e] ?? 0) > 0);
      const scoped = scopedMembers(p.db, actor, 'member.read').where('m.tenant_id', '=', org.tenant_id).where(inSubtree(sql.ref('m.org_path'), org.path)).select('m.id');
      const left = await p.db.selectFrom('member_events as e').select(['e.kind', 'e.after', (eb) => eb.fn.countAll<number>().as('n')])
        .where('e.tenant_id', '=', org.tenant_id).where('e.kind', 'in', ['transferOut', 'statusChanged'])
        .where('e.occurred_on', '>=', `${year}-01-01`).where('e.occurred_on', '<=', end).where('e.member_id', 'in', scoped)
        .groupBy(['e.kind', 'e.after']).execute();
      const leftBy = (f: (r: (typeof left)[number]) => boolean) => left.filter(f).reduce((n, r) => n + Number(r.n), 0);
      const statusAfter = (r: { after: string | null }) => { try { return (JSON.parse(r.after ?? '{}') as { status?: string }).status; } catch { return undefined; } };
      const out = leftBy((r) => r.kind === 'transferOut');
      const died = leftBy((r) => r.kind === 'statusChanged' && statusAfter(r) === 'deceased');
      const expelled = leftBy((r) => r.kind === 'statusChanged' && statusAfter(r) === 'expelled');
      const asOf = on === end ? `${year}年末` : `${on}（统计日）`;
      return [
        countTable('党员类别', '类别', [['正式党员', s.byType.full ?? 0], ['预备党员', s.byType.probationary ?? 0], ['其中：停止党籍', s.byStatus.suspended ?? 0]], s.total, [
          { name: '党员总数（合计）', definition: `${ROSTER}；人数按${asOf}计` },
          { name: '正式党员 / 预备党员', definition: '按名册中党员类别计，二者之和等于合计' },
          { name: '其中：停止党籍', definition: '在册党员中党籍状态为停止党籍的人数，已含在正式或预备党员中，不另加入合计' },
        ]),
        countTable('性别', '性别', [['男', s.byGender.male ?? 0], ['女', s.byGender.female ?? 0]], s.total, [
          { name: '男 / 女', definition: `${ROSTER}，按员工档案的性别计` },
        ]),
        countTable('年龄', '年龄段', AGE_BANDS.map((b) => [AGE_NAMES[b], s.byAgeBand[b] ?? 0]), s.total, [
          { name: '年龄段', definition: `${ROSTER}，年龄为截至${asOf}的周岁，按出生日期计算；分段为35岁及以下、36至45岁、46至55岁、56至60岁、61岁及以上` },
        ]),
        countTable('学历', '学历', educations.map((e) => [e, s.byEducation[e] ?? 0]), s.total, [
          { name: '学历', definition: `${ROSTER}，按员工档案登记的最高学历计；未登记的计入“未填写”` },
        ]),
        countTable('入党时间', '党龄', PARTY_AGE_BANDS.map((b) => [PARTY_AGE_NAMES[b], s.byPartyAge[b] ?? 0]), s.total, [
          { name: '党龄', definition: `${ROSTER}，党龄自转为正式党员之日起算至${asOf}的整年数；预备党员计入“5年及以下”` },
        ]),
        {
          title: '党员减少', headers: ['项目', '人数'], rows: [['转出组织关系', out], ['去世', died], ['出党（开除党籍等）', expelled], ['合计', out + died + expelled]],
          definitions: [
            { name: '转出组织关系', definition: `${year}年内完成组织关系转出（转出日期在当年）的党员人次` },
            { name: '去世', definition: `${year}年内党籍状态登记为去世（发生日期在当年）的人数` },
            { name: '出党', definition: `${year}年内党籍状态登记为出党（开除党籍等，发生日期在当年）的人数；未登记的不计` },
          ],
        },
      ];
    },
  });
}
