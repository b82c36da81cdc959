// Platform services of the course part of 教育培训: the 业务规则 of online study time.
import type { Platform } from '../../platform/context.js';
import { STUDY_RULES } from './studySettings.js';

export function registerCourseServices(p: Platform): void {
  p.settings.describe(STUDY_RULES, {
    name: '在线学习计时', group: '教育培训',
    description: '学习页面每隔多少秒上报一次学习时长（仅在页面可见时），以及每人每天在线学习最多计入多少分钟',
    permission: 'training.write',
  });
}
