// 业务规则 `training.study`: how often the material page reports study time, and the most study time one member
// earns in one day over all materials (a tab left open overnight earns nothing more).
import { z } from 'zod';
import type { SettingDef } from '../../platform/settings/service.js';

const schema = z.object({
  heartbeatSeconds: z.number().int().min(5, '心跳间隔至少 5 秒').max(300, '心跳间隔不能超过 300 秒').describe('学习计时心跳间隔（秒）'),
  dailyCapMinutes: z.number().int().min(10, '每日上限至少 10 分钟').max(1440, '每日上限不能超过 1440 分钟').describe('每人每日在线学习计时上限（分钟）'),
});
export type StudyRules = z.infer<typeof schema>;

export const STUDY_RULES: SettingDef<StudyRules> = { key: 'training.study', schema, defaults: { heartbeatSeconds: 30, dailyCapMinutes: 240 } };

/** Seconds a beat may credit beyond the interval: a browser timer fires a little late, never much. */
export const BEAT_SLACK_SECONDS = 5;
