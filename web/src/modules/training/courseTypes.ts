// Shapes of the course and study API (/api/v1/training, docs/api/training-courses.md) and the way 学时 are shown.
import type { ApiItem, ApiRequest, ApiResponse } from '../../api/types';

export const TRAINING_API = '/api/v1/training';
export const COURSES_URL = `${TRAINING_API}/courses`;
export const MY_COURSES_URL = `${TRAINING_API}/my/courses`;

export type Course = ApiItem<'/api/v1/training/courses'>;
export type CourseDetail = ApiResponse<'/api/v1/training/courses/{id}'>;
export type CourseInput = ApiRequest<'/api/v1/training/courses', 'post'>;
export type CoursePatch = ApiRequest<'/api/v1/training/courses/{id}', 'patch'>;
export type MaterialItem = CourseDetail['materialItems'][number];
export type SessionItem = CourseDetail['sessionItems'][number];
export type MaterialInput = ApiRequest<'/api/v1/training/courses/{id}/materials', 'post'>;
export type MaterialPatch = ApiRequest<'/api/v1/training/materials/{id}', 'patch'>;
export type Candidate = ApiResponse<'/api/v1/training/courses/{id}/activity-candidates'>['items'][number];
export type MyCourses = ApiResponse<'/api/v1/training/my/courses'>;
export type MyCourse = MyCourses['items'][number];
export type MaterialDetail = ApiResponse<'/api/v1/training/materials/{id}'>;
export type Heartbeat = ApiResponse<'/api/v1/training/materials/{id}/heartbeat', 'post'>;

export const courseUrl = (id: string) => `${COURSES_URL}/${encodeURIComponent(id)}`;
export const materialUrl = (id: string, action?: string) => `${TRAINING_API}/materials/${encodeURIComponent(id)}${action ? `/${action}` : ''}`;

/** 学时 are kept in tenths: 25 → "2.5". */
export const tenths = (n: number) => (n / 10).toFixed(1);
/** Seconds as mm:ss (hours folded into minutes: 75:00). */
export function mmss(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return `${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}
