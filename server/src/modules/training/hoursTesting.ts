// Test fixtures of the 学时 tests: courses, materials, sessions and study days written straight into the training
// tables (B1 writes them through its routes and heartbeats). 组织生活's rows are made by the tests themselves.
import { newId } from '../../db/ids.js';
import type { Platform } from '../../platform/context.js';

let seq = 0;
const nextId = () => newId(Date.UTC(2022, 0, 1) + ++seq);
const at = '2022-01-01T02:00:00.000Z';

export async function insertCourse(p: Platform, tenantId: string, org: { id: string; path: string }, title: string, year = 2022): Promise<string> {
  const id = nextId();
  await p.db.insertInto('training_courses').values({
    tenant_id: tenantId, id, org_id: org.id, org_path: org.path, title, kind: 'mixed', description: '', year, created_by: null, created_at: at, updated_at: at, deleted_at: null,
  }).execute();
  return id;
}

export async function insertMaterial(p: Platform, tenantId: string, courseId: string, o: { title: string; creditTenths: number; requiredMinutes: number; deleted?: boolean }): Promise<string> {
  const id = nextId();
  await p.db.insertInto('training_materials').values({
    tenant_id: tenantId, id, course_id: courseId, title: o.title, kind: 'article', body: '<p>学习内容</p>', file_id: null, credit_tenths: o.creditTenths,
    required_minutes: o.requiredMinutes, opens_on: '2021-01-01', closes_on: '2030-12-31', position: seq, created_at: at, updated_at: at, deleted_at: o.deleted ? at : null,
  }).execute();
  return id;
}

/** Seconds of study on one day (what B1's heartbeats add up to). */
export async function insertStudy(p: Platform, tenantId: string, memberId: string, materialId: string, day: string, seconds: number): Promise<void> {
  await p.db.insertInto('training_study').values({
    tenant_id: tenantId, member_id: memberId, material_id: materialId, day, seconds, last_beat_at: `${day}T04:00:00.000Z`, updated_at: `${day}T04:00:00.000Z`,
  }).execute();
}

/** A session of a course held as a 组织生活 activity. */
export async function insertSession(p: Platform, tenantId: string, courseId: string, activityId: string, creditTenths: number): Promise<string> {
  const id = nextId();
  await p.db.insertInto('training_sessions').values({
    tenant_id: tenantId, id, course_id: courseId, activity_id: activityId, credit_tenths: creditTenths, created_by: null, created_at: at, deleted_at: null,
  }).execute();
  return id;
}

export async function deleteSession(p: Platform, tenantId: string, id: string): Promise<void> {
  await p.db.updateTable('training_sessions').set({ deleted_at: at }).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}
