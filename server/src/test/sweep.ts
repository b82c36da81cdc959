// Shared pieces of the permanent sweeps (issue 16): the route table read from the app's own OpenAPI document,
// schema-valid sample values, a cheap database fingerprint for "no change", the demo accounts and their scopes,
// and the per-test case count that scripts/test.mjs prints in its summary line.
// The route table comes from the app, never from a list in a test, so a new route is swept without anyone
// remembering to add it.
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/types.js';
import { DEMO_ACCOUNTS } from '../seed/demo.js';
import { BUILTIN_ROLES } from '../platform/access/roles.js';
import { createTestApp, type TestApp } from './harness.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A JSON Schema node as @fastify/swagger writes it (OpenAPI 3.0: `nullable`, `$ref` to components). */
export interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  nullable?: boolean;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
  $ref?: string;
  additionalProperties?: boolean | Schema;
}

export interface SweepRoute {
  method: Method;
  /** Fastify form, e.g. /api/v1/members/:id */
  url: string;
  params: string[];
  query: { name: string; required: boolean; schema: Schema }[];
  /** JSON body schema; undefined for routes without one (multipart uploads have none in the document). */
  body: Schema | undefined;
  /** Label used in failure messages. */
  label: string;
}

export interface OpenApiDoc {
  paths: Record<string, Record<string, { parameters?: { in: string; name: string; required?: boolean; schema: Schema }[]; requestBody?: { content?: Record<string, { schema?: Schema }> } }>>;
  components?: { schemas?: Record<string, Schema> };
}

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

/** Every API route of the app with its parameters and body schema, from the app's OpenAPI document. */
function routeTable(app: FastifyInstance): { routes: SweepRoute[]; doc: OpenApiDoc } {
  const doc = app.swagger() as unknown as OpenApiDoc;
  const routes: SweepRoute[] = [];
  for (const [p, item] of Object.entries(doc.paths)) {
    if (!p.startsWith('/api/')) continue;
    for (const [m, op] of Object.entries(item)) {
      const method = m.toUpperCase();
      if (!METHODS.has(method)) continue;
      const url = p.replace(/\{(\w+)\}/g, ':$1');
      const params = [...url.matchAll(/:(\w+)/g)].map((x) => x[1]!);
      const query = (op.parameters ?? []).filter((x) => x.in === 'query').map((x) => ({ name: x.name, required: x.required === true, schema: x.schema }));
      routes.push({ method: method as Method, url, params, query, body: op.requestBody?.content?.['application/json']?.schema, label: `${method} ${url}` });
    }
  }
  routes.sort((a, b) => (a.label < b.label ? -1 : 1));
  return { routes, doc };
}

export function fillPath(url: string, values: Record<string, string>): string {
  return url.replace(/:(\w+)/g, (_, name: string) => {
    const v = values[name];
    if (v === undefined) throw new Error(`no value for :${name} in ${url}`);
    return encodeURIComponent(v);
  });
}

export function resolveRef(schema: Schema, doc: OpenApiDoc): Schema {
  let s = schema;
  for (let i = 0; s.$ref && i < 10; i++) {
    const name = s.$ref.split('/').pop()!;
    s = doc.components?.schemas?.[name] ?? {};
  }
  return s;
}

/** The schema's own type, ignoring null. */
export function typeOf(schema: Schema): string | undefined {
  if (Array.isArray(schema.type)) return schema.type.find((t) => t !== 'null');
  if (schema.type) return schema.type;
  if (schema.properties) return 'object';
  return undefined;
}

const PATTERN_SAMPLES: [RegExp, string][] = [
  [/^\^\\d\{4\}-\\d\{2\}-\\d\{2\}\$$/, '2026-11-20'],
  [/^\^\\d\{4\}-\(0\[1-9\]/, '2026-11'],
  [/^\^\\d\{4\}\(-\(Q/, '2026-Q4'],
  [/^\^\\d\{4\}\$$/, '2026'],
  [/T\(\?:/, '2026-11-20T08:00:00.000Z'],
  [/^\^\[a-z\]/, 'sweepKey'],
  [/^\^\[a-zA-Z\]/, 'sweepKey'],
  [/^\^\[A-Za-z0-9_/, 'sweep_user'],
];

/** A value the schema accepts (best effort): required fields only, the first enum member, the lower bounds. */
export function sampleValue(schema: Schema, doc: OpenApiDoc, depth = 0, name = ''): unknown {
  const s = resolveRef(schema, doc);
  if (depth > 8) return null;
  if (s.const !== undefined) return s.const;
  if (s.enum && s.enum.length > 0) return s.enum.find((v) => v !== null) ?? s.enum[0];
  if (s.default !== undefined) return s.default;
  const alt = s.anyOf ?? s.oneOf;
  if (alt) {
    const first = alt.find((a) => resolveRef(a, doc).type !== 'null') ?? alt[0]!;
    return sampleValue(first, doc, depth + 1);
  }
  if (s.allOf?.length) return sampleValue(s.allOf[0]!, doc, depth + 1);
  switch (typeOf(s)) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const k of s.required ?? []) out[k] = sampleValue(s.properties?.[k] ?? {}, doc, depth + 1, k);
      return out;
    }
    case 'array': {
      const n = s.minItems ?? 0;
      return Array.from({ length: n }, () => sampleValue(s.items ?? {}, doc, depth + 1));
    }
    case 'integer':
    case 'number': {
      const min = typeof s.minimum === 'number' ? s.minimum : typeof s.exclusiveMinimum === 'number' ? s.exclusiveMinimum + 1 : 1;
      return Math.max(min, Math.min(1, typeof s.maximum === 'number' ? s.maximum : 1));
    }
    case 'boolean':
      return false;
    case 'string': {
      // Instants checked by a refinement the document cannot show (e.g. startsAt): by their name.
      if (s.format === 'date-time' || /[a-z]At$/.test(name)) return '2026-11-20T08:00:00.000Z';
      if (s.format === 'date') return '2026-11-20';
      if (s.format === 'uuid') return '01900000-0000-7000-8000-000000000000';
      if (s.format === 'email') return 'sweep@example.com';
      if (s.pattern) {
        const hit = PATTERN_SAMPLES.find(([re]) => re.test(s.pattern!));
        if (hit) return hit[1];
      }
      const n = Math.max(s.minLength ?? 1, 2);
      return '测试'.repeat(Math.ceil(n / 2)).slice(0, Math.min(n, s.maxLength ?? n));
    }
    default:
      return 'x';
  }
}

export function sampleBody(route: SweepRoute, doc: OpenApiDoc): unknown {
  return route.body ? sampleValue(route.body, doc) : undefined;
}

/**
 * A cheap fingerprint of everything a request could change: the row count of every table and the latest
 * updated_at of every table that has one, and the audit entries that record a change. Each reading moves the
 * test's fake clock on by a second, so an update made after it carries a later updated_at than any before
 * (with a frozen clock an update would rewrite the same instant and go unseen). Left out: sessions and
 * login bookkeeping (logging in is not a change of business data), scheduled-job claims, SQLite's full-text
 * internals, and audit entries of refused requests (`access.refused`, and the request log's 4xx lines).
 */
export async function fingerprintOf(db: Kysely<Database>, clock: { advance(ms: number): void }): Promise<() => Promise<string>> {
  const tables = (await db.introspection.getTables()).filter((t) => !/^(sessions|audit_log|audit_heads|job_runs|search_fts.*)$|session|login|attempt|rate_limit/.test(t.name));
  const parts = tables.map((t) => {
    const hasUpdated = t.columns.some((c) => c.name === 'updated_at');
    return hasUpdated
      ? sql`select ${t.name} as t, count(*) as n, max(updated_at) as u from ${sql.table(t.name)}`
      : sql`select ${t.name} as t, count(*) as n, null as u from ${sql.table(t.name)}`;
  });
  parts.push(sql`select 'audit_log' as t, count(*) as n, null as u from audit_log where (status is null or status < 400) and action <> 'access.refused' and action not like 'auth.login%'`);
  const query = sql<{ t: string; n: number | string; u: string | null }>`${sql.join(parts, sql` union all `)}`;
  return async () => {
    const r = await query.execute(db);
    clock.advance(1000);
    return r.rows.map((x) => `${x.t}:${Number(x.n)}:${x.u ?? ''}`).sort().join('\n');
  };
}

/** Lines that differ between two fingerprints, for a failure message. */
export function fingerprintDiff(a: string, b: string): string {
  const sa = new Set(a.split('\n'));
  const sb = new Set(b.split('\n'));
  return [...[...sa].filter((x) => !sb.has(x)).map((x) => `- ${x}`), ...[...sb].filter((x) => !sa.has(x)).map((x) => `+ ${x}`)].join('; ');
}

export interface SweepAccount {
  username: string;
  role: string;
  /** The account's grant covers the whole committee. */
  committeeWide: boolean;
  permissions: Set<string>;
  separation: boolean;
}

/** The demo accounts (server/src/seed/demo.ts) with their role's permissions. */
export const SWEEP_ACCOUNTS: SweepAccount[] = DEMO_ACCOUNTS.map((a) => {
  const role = BUILTIN_ROLES.find((r) => r.code === a.role)!;
  return { username: a.username, role: a.role, committeeWide: a.scope.kind === 'committee', permissions: new Set(role.permissions), separation: role.separation !== null };
});

/** Logs every demo account in through the real login route. */
export async function loginAll(t: TestApp): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const a of SWEEP_ACCOUNTS) out.set(a.username, await t.login(a.username));
  return out;
}

/** Does the text contain a CJK character (errors speak Chinese to people)? */
export const hasCjk = (s: string) => /[\u3400-\u9fff]/.test(s);

/** The error message of an answer, in the error shape {"error":{"code","message"}}. */
export function errorMessage(body: string): string {
  try {
    const j = JSON.parse(body) as { error?: { message?: unknown }; message?: unknown };
    const m = j.error?.message ?? j.message;
    return typeof m === 'string' ? m : '';
  } catch {
    return '';
  }
}

declare module '@vitest/runner' {
  interface TaskMeta {
    /** Generated cases a sweep test ran; scripts/test.mjs adds them up for its summary line. */
    sweepCases?: number;
  }
}

/** Records how many generated cases a test ran (read by scripts/test.mjs from vitest's JSON report). */
export function recordCases(task: { meta: { sweepCases?: number } }, n: number): void {
  task.meta.sweepCases = (task.meta.sweepCases ?? 0) + n;
}

/** A small seeded PRNG (mulberry32) so fuzz cases are the same on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Seed from a string (the route label), so adding a route does not change the cases of the others. */
export function seedOf(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** What every sweep starts from: the seeded demo app, its route table, every demo account signed in, and the committee's tenant. */
export async function seededSweep(): Promise<{ t: TestApp; routes: SweepRoute[]; doc: OpenApiDoc; cookies: Map<string, string>; userIds: Map<string, string>; tenantId: string }> {
  const t = await createTestApp({ seed: true });
  const { routes, doc } = routeTable(t.app);
  const cookies = await loginAll(t);
  const users = await t.platform.db.selectFrom('users').select(['id', 'username', 'tenant_id']).execute();
  return { t, routes, doc, cookies, userIds: new Map(users.map((u) => [u.username, u.id])), tenantId: users.find((u) => u.username === 'dangwei')!.tenant_id };
}
