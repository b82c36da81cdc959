// What 宣传 adds to the platform services once per platform: its 待办 sources and its metrics.
import type { Platform } from '../../platform/context.js';
import { registerPublicityCard } from './card.js';
import { registerPublicityTodos } from './todos.js';
import { registerPublicityMetrics } from './stats.js';
import { registerPublicityReport } from './report.js';
import { PUBLICITY_LEVEL_WEIGHTS, PUBLICITY_QUALITY_CRITERIA, PUBLICITY_QUOTAS } from './settings.js';
import { fieldError } from '../../platform/errors.js';
import { liveOrgsById } from '../org/index.js';
import { registerPublicityMine } from './mine.js';

export function registerPublicityServices(p: Platform): void {
  registerPublicityCard(p);
  registerPublicityMine(p);
  registerPublicityTodos(p);
  registerPublicityMetrics(p);
  registerPublicityReport(p);
  const group = '宣传';
  p.settings.describe(PUBLICITY_QUOTAS, {
    name: '投稿定额', group, permission: 'publicity.review',
    description: '各类组织每个考核周期应完成的稿件数及计数口径；未达定额的组织在统计中标出',
    check: async (db, tenantId, value) => {
      const ids = Object.keys(value.byOrg);
      const found = ids.length ? await liveOrgsById(db, tenantId, ids) : new Map();
      if (found.size !== ids.length) throw fieldError('byOrg', '单独设定定额的组织不存在');
    },
  });
  p.settings.describe(PUBLICITY_LEVEL_WEIGHTS, { name: '刊发级别权重', group, permission: 'publicity.review', description: '按刊发级别折算的分值，用于排名和考核指标“宣传加权采用数”' });
  p.settings.describe(PUBLICITY_QUALITY_CRITERIA, {
    name: '稿件质量评定标准', group, permission: 'publicity.review', description: '编辑评定 1–5 分时显示的标准，每个分值一条',
    check: async (_db, _tenantId, value) => {
      if (new Set(value.criteria.map((c) => c.score)).size !== 5) throw fieldError('criteria', '质量评定标准应为 1–5 分各一条');
    },
  });
}
