// The 工作台 card of the members room: the members of the organisation's subtree by type, higher education and age band, from the same
// statistics as the organisation page's (memberStats), linking to the roster filtered to that organisation.
import type { Platform } from '../../platform/context.js';
import { AGE_BANDS } from '../people/validation.js';
import { memberStats } from './stats.js';

/** 大专及以上: the education bands the 党内统计 counts as higher education. */
const COLLEGE = ['研究生', '大学本科', '大学专科'] as const;

const AGE_BAND_NAMES: Record<(typeof AGE_BANDS)[number], string> = { '-35': '35岁及以下', '36-45': '36-45岁', '46-55': '46-55岁', '56-60': '56-60岁', '61-': '61岁及以上' };

export function registerMemberCard(p: Platform): void {
  p.cards.register({
    key: 'members.roster', title: '党员队伍', order: 10, access: 'member.read', display: true,
    compute: async ({ actor, org, today }) => {
      const s = await memberStats(p.db, actor, org, today);
      const link = `/members?orgId=${encodeURIComponent(org.id)}`;
      return {
        link,
        figures: [
          { label: '党员', value: s.total, unit: '名', link },
          { label: '正式党员', value: s.byType.full ?? 0, unit: '名', link: `${link}&type=full` },
          { label: '预备党员', value: s.byType.probationary ?? 0, unit: '名', link: `${link}&type=probationary` },
          { label: '大专及以上学历', value: COLLEGE.reduce((n, e) => n + (s.byEducation[e] ?? 0), 0), unit: '名', link },
        ],
        chart: { kind: 'bar', items: AGE_BANDS.map((b) => ({ label: AGE_BAND_NAMES[b], value: s.byAgeBand[b] ?? 0 })) },
      };
    },
  });
}
