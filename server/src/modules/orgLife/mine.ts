// 我的 of 组织生活: this year's attendance of the signed-in member at held activities (应到 and 实到 counted as the
// 表彰 snapshot counts them, memberAttendance), the “三日一网” activity days and 主题党日 they took part in, and the lines.
import type { Platform } from '../../platform/context.js';
import { ATTENDANCE_STATUS_NAMES, attendanceRate, loadKinds } from './kinds.js';
import { memberAttendance, memberAttendanceLines } from './memberAttendance.js';

const TONE = { present: 'green', visitor: 'green', leave: 'yellow', absent: 'red', unmarked: 'grey' } as const;

export function registerOrgLifeMine(p: Platform): void {
  p.mine.register({
    key: 'orgLife.attendance', title: '我的组织生活', order: 20,
    compute: async ({ actor, member, year }) => {
      const from = `${year}-01-01`;
      const to = `${year}-12-31`;
      const [counts, lines, kinds] = await Promise.all([
        memberAttendance(p.db, actor.tenantId, member.id, from, to),
        memberAttendanceLines(p.db, actor.tenantId, member.id, from, to),
        loadKinds(p, actor.tenantId),
      ]);
      const rate = attendanceRate(counts.expected, counts.present);
      const byCode = new Map(kinds.map((k) => [k.code, k]));
      const took = lines.filter((l) => l.status === 'present' || l.status === 'visitor');
      return {
        period: `${year}年`,
        figures: [
          { label: '应参加', value: counts.expected, unit: '次' },
          { label: '出席', value: counts.present, unit: '次' },
          { label: '出勤率', value: rate === null ? null : Math.round(rate * 1000) / 10, unit: '%' },
          { label: '三日一网', value: took.filter((l) => byCode.get(l.kind)?.activityDay).length, unit: '天' },
          { label: '主题党日', value: took.filter((l) => l.kind === 'themeDay').length, unit: '次' },
        ],
        items: lines.map((l) => ({
          title: l.title, date: l.startsOn, tag: ATTENDANCE_STATUS_NAMES[l.status], tone: TONE[l.status],
          note: [byCode.get(l.kind)?.name ?? l.kind, l.makeupOn ? `已补课 ${l.makeupOn}` : ''].filter(Boolean).join(' · '),
        })),
        empty: '今年还没有参加组织生活的记录',
      };
    },
  });
}
