// Fuzz sweep (issue 16, permanent): every write route and every route with a query string, called by an account
// allowed to use it (党委管理员; a 三员 account for administrative routes), with malformed and hostile input derived
// from the route's own schema. Expected: never a 5xx; a refusal (4xx) speaks Chinese; a refused request changes
// nothing. Cases come from a PRNG seeded by the route, so a run is reproducible and a new route does not change
// the cases of the others.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialectLabel, type TestApp } from './harness.js';
import { errorMessage, fingerprintDiff, fingerprintOf, hasCjk, prng, recordCases, resolveRef, sampleValue, seededSweep, seedOf, SWEEP_ACCOUNTS, typeOf, type OpenApiDoc, type SweepRoute } from './sweep.js';
import { ID_RESOLVERS, resolverKey, UNKNOWN_ID } from './sweepIds.js';

/** Cases per route at most: enough to cover each kind of hostile input, bounded so the suite stays quick. */
const CASES_PER_ROUTE = 16;
/** Routes that hash a password (scrypt, ~100 ms a call) get fewer. */
const SLOW_ROUTES = /\/(login|password|reset-password)$/;

/** Routes the fuzz leaves out, and why. */
const SKIPPED: Record<string, string> = {
  'POST /api/v1/auth/logout': 'ends the fuzzing account\'s own session; it takes no input',
};


interface Case {
  desc: string;
  /** Raw path segments (already encoded as they go on the wire). */
  params: Record<string, string>;
  query: string;
  body?: unknown;
  /** A body sent as is, with its content type. */
  raw?: { payload: string; contentType: string };
}

const HOSTILE_STRINGS: [string, string][] = [
  ['NUL', 'a\u0000b'],
  ['control chars', '\u0001\u0002\u001b[31m\u007f\u0085'],
  ['emoji and astral', '😀𠀀👨‍👩‍👧\u202e'],
  ['lone surrogate', 'x\ud800y'],
  ['SQL', "'); DROP TABLE members; -- ' OR '1'='1"],
  ['HTML', '<script>alert(1)</script><img src=x onerror=alert(1)>'],
  ['template', '${7*7}{{7*7}}%s%n'],
  ['empty', ''],
  ['spaces', '   '],
  ['100 KB', 'x'.repeat(100_000)],
];
const HUGE = 'A'.repeat(1_000_000);
const WRONG_TYPES: [string, unknown][] = [['number', 12345], ['boolean', true], ['null', null], ['object', { a: 1 }], ['array', [1, 'a']], ['string', 'not-a-number']];
const NUMBERS: [string, unknown][] = [['negative', -1], ['huge', 1e308], ['beyond safe integer', 2 ** 53 + 2], ['fraction', 1.5], ['int overflow', 2147483648]];
const DATES = ['2026-02-30', '2026-13-01', '0000-00-00', '2026-2-3', '2026-11-20T25:61:00Z', '１９９０-０１-０１'];
const PATH_VALUES: [string, string][] = [
  ['../', '..%2F..%2Fadmin'],
  ['dot dot', '..'],
  ['%00', '%00'],
  ['NUL inside', 'a%00b'],
  ['very long id', 'x'.repeat(5000)],
  ['unknown id', UNKNOWN_ID],
  ['SQL id', encodeURIComponent("1' or '1'='1")],
  ['emoji id', encodeURIComponent('😀')],
  ['bad escape', '%ZZ'],
  ['negative', '-1'],
];

/** JSON nested `depth` objects deep, as text: too deep for JSON.stringify's stack on the sending side. */
const deepNest = (depth: number) => '{"a":'.repeat(depth) + '"leaf"' + '}'.repeat(depth);

/** Malformed and hostile variants of one route's valid request. */
function casesFor(route: SweepRoute, base: { params: Record<string, string>; body: unknown }, doc: OpenApiDoc): Case[] {
  const rnd = prng(seedOf(route.label));
  const pick = <T,>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const baseParams = Object.fromEntries(Object.entries(base.params).map(([k, v]) => [k, encodeURIComponent(v)]));
  const must: Case[] = [];
  const more: Case[] = [];
  const c = (desc: string, over: Partial<Case>): Case => ({ desc, params: baseParams, query: '', ...(base.body !== undefined ? { body: base.body } : {}), ...over });

  for (const p of route.params) for (const [desc, v] of PATH_VALUES) (desc === '../' || desc === '%00' ? must : more).push(c(`path :${p} ${desc}`, { params: { ...baseParams, [p]: v } }));

  for (const q of route.query) {
    const s = resolveRef(q.schema, doc);
    const t = typeOf(s);
    const values: [string, string][] = [
      ['NUL', 'a%00b'], ['SQL', encodeURIComponent("' or 1=1 --")], ['HTML', encodeURIComponent('<script>x</script>')], ['emoji', encodeURIComponent('😀𠀀')],
      ['100 KB', 'x'.repeat(100_000)], ['repeated', `1&${q.name}=2`], ['empty', ''], ['bad escape', '%E0%A4%A'],
    ];
    if (t === 'number' || t === 'integer' || /page|year|days/i.test(q.name)) values.push(['not a number', 'abc'], ['negative', '-1'], ['huge', '1e309'], ['fraction', '1.5'], ['pageSize huge', '1000000000']);
    if (s.enum) values.push(['unknown enum', 'zzz']);
    if (s.pattern || /date|from|to|month|period/i.test(q.name)) for (const d of DATES) values.push([`invalid date ${d}`, encodeURIComponent(d)]);
    if (t === 'boolean' || /reveal|unmasked|inline|dryRun|mine|unread|active/.test(q.name)) values.push(['not a boolean', 'maybe']);
    if (/id$/i.test(q.name)) values.push(['unknown id', UNKNOWN_ID], ['../', '..%2F..']);
    for (const [i, [desc, v]] of values.entries()) (i === 0 ? must : more).push(c(`query ${q.name} ${desc}`, { query: `${q.name}=${v}` }));
  }

  if (route.method !== 'GET' && route.method !== 'DELETE') {
    const schema = route.body ? resolveRef(route.body, doc) : undefined;
    if (!schema) {
      // Uploads (multipart) and bodiless actions: wrong kinds of body.
      must.push(c('JSON object instead of an upload', { body: { file: 'x' } }));
      more.push(c('garbage multipart', { raw: { payload: '--x\r\ncontent-disposition: form-data; name="file"\r\n\r\n\u0000\u0001', contentType: 'multipart/form-data; boundary=x' } }));
      more.push(c('text body', { raw: { payload: 'hello', contentType: 'text/plain' } }));
    } else {
      must.push(c('array instead of object', { body: [] }));
      more.push(c('array of the valid body', { body: [base.body] }), c('string body', { body: 'text' }), c('number body', { body: 42 }));
      more.push(c('malformed JSON', { raw: { payload: '{"a": [1, 2', contentType: 'application/json' } }));
      more.push(c('prototype pollution', { raw: { payload: `{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}}${base.body && typeof base.body === 'object' && !Array.isArray(base.body) && Object.keys(base.body).length ? `,${JSON.stringify(base.body).slice(1, -1)}` : ''}}`, contentType: 'application/json' } }));
      more.push(c('deep nesting', { raw: { payload: deepNest(5000), contentType: 'application/json' } }));
      const obj = (base.body && typeof base.body === 'object' && !Array.isArray(base.body) ? base.body : {}) as Record<string, unknown>;
      const props = Object.entries(schema.properties ?? {});
      for (const [name, raw] of props) {
        const s = resolveRef(raw, doc);
        const t = typeOf(s);
        const with_ = (desc: string, v: unknown) => c(`body ${name} ${desc}`, { body: { ...obj, [name]: v } });
        const [wt, wv] = pick(WRONG_TYPES.filter(([k]) => k !== t));
        must.push(with_(`wrong type (${wt})`, wv));
        if ((schema.required ?? []).includes(name)) more.push(c(`body missing required ${name}`, { body: Object.fromEntries(Object.entries(obj).filter(([k]) => k !== name)) }));
        if (t === 'string') {
          must.push(with_('NUL', 'a\u0000b'));
          for (const [d, v] of HOSTILE_STRINGS.slice(1)) more.push(with_(d, v));
          if (s.pattern || /date|on$|month/i.test(name)) for (const d of DATES) more.push(with_(`invalid date ${d}`, d));
          if (/id$/i.test(name)) more.push(with_('unknown id', UNKNOWN_ID), with_('very long id', 'x'.repeat(5000)));
        }
        if (t === 'number' || t === 'integer') for (const [d, v] of NUMBERS) more.push(with_(d, v));
        if (t === 'array') {
          more.push(with_('object instead of array', { a: 1 }), with_('array of hostile strings', HOSTILE_STRINGS.map(([, v]) => v)), with_('100,000 items', Array.from({ length: 100_000 }, (_, i) => i)));
          const items = s.items ? resolveRef(s.items, doc) : undefined;
          if (items && typeOf(items) === 'object') more.push(with_('items of wrong shape', [1, 'a', null, [[]]]), with_('item sample with NUL', [{ ...(sampleValue(items, doc) as object), x: 'a\u0000b' }]));
          if (/ids$/i.test(name)) more.push(with_('unknown ids', [UNKNOWN_ID, UNKNOWN_ID]));
        }
        if (t === 'object') {
          more.push(with_('array instead of object', []));
          more.push(c(`body ${name} deep nesting`, { raw: { payload: `{${JSON.stringify(obj).slice(1, -1)}${Object.keys(obj).length ? ',' : ''}"${name}":${deepNest(2000)}}`, contentType: 'application/json' } }));
        }
      }
      if (props.some(([, s]) => typeOf(resolveRef(s, doc)) === 'string')) {
        const [name] = props.find(([, s]) => typeOf(resolveRef(s, doc)) === 'string')!;
        must.push(c(`body ${name} 1 MB`, { body: { ...obj, [name]: HUGE } }));
      }
    }
  }
  // The must-haves first, then a seeded sample of the rest up to the cap.
  for (let i = more.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [more[i], more[j]] = [more[j]!, more[i]!];
  }
  const cap = SLOW_ROUTES.test(route.url) ? 10 : CASES_PER_ROUTE;
  return [...must, ...more].slice(0, Math.max(cap, Math.min(must.length, 24)));
}

describe(`fuzz sweep: hostile input on every write route and query string ${dialectLabel()}`, () => {
  let t: TestApp;
  let routes: SweepRoute[];
  let doc: OpenApiDoc;
  let cookies: Map<string, string>;
  let fingerprint: () => Promise<string>;
  let tenantId: string;
  let rootPath: string;
  let branchId: string;
  let userIds: Map<string, string>;
  let grantOf: Map<string, { path: string; id: string }>;

  beforeAll(async () => {
    ({ t, routes, doc, cookies, userIds, tenantId } = await seededSweep());
    const db = t.platform.db;
    const orgs = await db.selectFrom('organisations').select(['id', 'path', 'name', 'kind']).where('tenant_id', '=', tenantId).execute();
    rootPath = orgs.find((o) => o.kind === 'committee')!.path;
    branchId = orgs.find((o) => o.name === '物业第一党支部')!.id;
    fingerprint = await fingerprintOf(db, t.clock);
    // Records are looked up inside each account's own grant (the committee's accounts: anywhere).
    const grants = await db.selectFrom('grants as g').innerJoin('organisations as o', (j) => j.onRef('o.tenant_id', '=', 'g.tenant_id').onRef('o.id', '=', 'g.org_id')).innerJoin('users as u', 'u.id', 'g.user_id').select(['u.username', 'o.path', 'o.id', 'o.kind']).execute();
    grantOf = new Map(grants.filter((g) => g.kind !== 'committee').map((g) => [g.username, { path: g.path, id: g.id }]));
  }, 120_000);
  afterAll(async () => t?.close());

  const send = (r: SweepRoute, cs: Case, cookie: string) => {
    const url = r.url.replace(/:(\w+)/g, (_, n: string) => cs.params[n] ?? UNKNOWN_ID) + (cs.query ? `?${cs.query}` : '');
    if (cs.raw) return t.app.inject({ method: r.method, url, headers: { cookie, 'content-type': cs.raw.contentType }, payload: cs.raw.payload });
    return t.call(r.method, url, { cookie, ...(cs.body !== undefined ? { body: cs.body } : {}) });
  };

  /** A fingerprint read again until two readings agree (at most half a second). */
  async function settled(): Promise<string> {
    let a = await fingerprint();
    for (let i = 0; i < 20; i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      const b = await fingerprint();
      if (b === a) return b;
      a = b;
    }
    return a;
  }

  /** The account that may use the route: the 党委管理员, else the 三员 account the route belongs to. */
  async function actorFor(r: SweepRoute): Promise<string | null> {
    // A secretary for what only a member of a branch does (manuscripts, campaign reports, QR sign-in); nobody for
    // public routes.
    for (const username of ['dangwei', 'admin', 'secadmin', 'auditor', 'zb1', '']) {
      const probe: Case = { desc: 'probe', params: {}, query: '', ...(r.method !== 'GET' && r.method !== 'DELETE' ? { body: [] } : {}) };
      const res = await send(r, probe, cookies.get(username) ?? '');
      if (res.statusCode !== 403 && res.statusCode !== 401) return username;
    }
    return null;
  }

  it('never answers 5xx, refuses in Chinese, and a refused request changes nothing', async ({ task }) => {
    const problems: string[] = [];
    const noActor: string[] = [];
    let n = 0;
    let fpMs = 0;
    let reqMs = 0;
    const slow: [string, number][] = [];
    let rechecked = 0;
    const acceptedWrites: string[] = [];
    let last: string | null = null;
    const targets = routes.filter((r) => !SKIPPED[r.label] && (r.method !== 'GET' || r.query.length > 0));
    for (const r of targets) {
      const username = await actorFor(r);
      if (!username) { noActor.push(r.label); continue; }
      const account = SWEEP_ACCOUNTS.find((a) => a.username === (username || 'dangwei'))!;
      const cookie = cookies.get(username) ?? '';
      // Real records for the valid base, so a body reaches the handler and not only the not-found answer.
      let params: Record<string, string> = {};
      if (r.params.length) {
        const resolver = ID_RESOLVERS[resolverKey(r)];
        const own = grantOf.get(account.username) ?? { path: rootPath, id: branchId };
        const found = resolver && (await resolver.find({ db: t.platform.db, tenantId, account, userId: userIds.get(account.username)!, outPath: own.path, outOrgId: own.id, mine: null }));
        params = found ?? Object.fromEntries(r.params.map((p) => [p, UNKNOWN_ID]));
        // A DELETE or a bodiless action on a real record would act on it: hostile paths only, never the real id.
        if (r.method === 'DELETE' || (r.method !== 'GET' && !r.body)) params = Object.fromEntries(r.params.map((p) => [p, UNKNOWN_ID]));
      }
      const cases = casesFor(r, { params, body: r.body ? sampleValue(r.body, doc) : undefined }, doc);
      let t0 = performance.now();
      // The previous route's closing fingerprint opens this one (only probes and lookups ran in between, which
      // must change nothing either): half the fingerprints.
      const before = last ?? (await fingerprint());
      fpMs += performance.now() - t0;
      t0 = performance.now();
      const rejected: Case[] = [];
      let accepted = 0;
      for (const cs of cases) {
        const res = await send(r, cs, cookie);
        n++;
        const fail = (msg: string) => problems.push(`${r.label} as ${username} with ${cs.desc}: ${msg}`);
        if (res.statusCode >= 500) fail(`answered ${res.statusCode}: ${res.body.slice(0, 200)}`);
        else if (res.statusCode >= 400) {
          rejected.push(cs);
          if (!hasCjk(errorMessage(res.body))) fail(`refused ${res.statusCode} without a Chinese message: ${res.body.slice(0, 200)}`);
        } else {
          accepted++;
          if (r.method !== 'GET') acceptedWrites.push(`${r.label} ${cs.desc} → ${res.statusCode}`);
        }
      }
      reqMs += performance.now() - t0;
      slow.push([r.label, performance.now() - t0]);
      t0 = performance.now();
      // An accepted write's request-log audit entry is written after its answer is sent (onResponse): wait for the
      // database to settle so that the entry is not counted against the next route.
      last = accepted > 0 && r.method !== 'GET' ? await settled() : await fingerprint();
      const diff = fingerprintDiff(before, last);
      fpMs += performance.now() - t0;
      if (r.method === 'GET') {
        // A read changes nothing, whatever its query; it may only audit itself (a clear view, an export).
        const changed = diff.split('; ').filter((l) => l && !/^[-+] audit_log:/.test(l));
        if (changed.length) problems.push(`${r.label} as ${username}: a GET changed data: ${changed.join('; ')}`);
      } else if (diff && accepted === 0) problems.push(`${r.label} as ${username}: refused requests changed data: ${diff}`);
      else if (diff && rejected.length) {
        // Some cases were accepted (valid after all) and changed data: replay the refused ones with a fingerprint
        // between each, to find any that also did.
        rechecked++;
        let b = await fingerprint();
        for (const cs of rejected) {
          const res = await send(r, cs, cookie);
          const a = await fingerprint();
          const d = fingerprintDiff(b, a);
          if (d && res.statusCode >= 400) problems.push(`${r.label} as ${username} with ${cs.desc}: refused ${res.statusCode} but changed data: ${d}`);
          b = a;
        }
        last = b;
      }
    }
    recordCases(task, n);
    console.info(`fuzz sweep: ${n} cases on ${targets.length - noActor.length} routes (requests ${Math.round(reqMs)} ms, fingerprints ${Math.round(fpMs)} ms, ${rechecked} routes replayed)`);
    console.info(`fuzz sweep: slowest routes ${slow.sort((a, b) => b[1] - a[1]).slice(0, 8).map(([l, ms]) => `${l} ${Math.round(ms)} ms`).join(', ')}`);
    // Accepted writes are not failures (hostile text is valid text), but worth a look when they grow.
    console.info(`fuzz sweep: ${acceptedWrites.length} hostile writes accepted:\n${acceptedWrites.join('\n')}`);
    if (noActor.length) console.info(`fuzz sweep: no account may call ${noActor.join(', ')}`);
    expect(problems).toEqual([]);
  }, 600_000);
});
