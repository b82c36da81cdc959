// Masking sweep (issue 16, permanent): every GET route, for every demo account WITHOUT `member.sensitive`, with
// path parameters resolved to records inside the account's own scope, as JSON and as its exports (xlsx/docx
// read as text): no clear 身份证号, phone or 住址 of the seeded people appears anywhere (nor the hidden part of an
// address, nor the income behind a member's 党费 base), and every masked value shows too little to be rebuilt. The route table is the app's own, so a new route is covered without anyone adding it.
import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { dialectLabel, type TestApp } from './harness.js';
import { fillPath, recordCases, seededSweep, SWEEP_ACCOUNTS, type SweepRoute } from './sweep.js';
import { ID_RESOLVERS, resolverKey } from './sweepIds.js';
import { maskAddress } from '../platform/crypto/mask.js';
import { fenToYuan } from '../modules/dues/brackets.js';

/** POST routes that reveal only the caller's own record (audited): any account may ask; none may get another's values. */
const OWN_REVEALS: Record<string, string> = { '/api/v1/me/reveal': '我的: one’s own 身份证号, phone and 住址 (modules/me/me.test.ts)' };

/** At most this many clear characters in a masked value. */
const MAX_CLEAR_ID_CHARS = 1;
const MAX_CLEAR_PHONE_DIGITS = 7;
/** At most this many clear characters at the start of a masked 住址 (platform/crypto/mask.ts), none after a ＊. */
const MAX_CLEAR_ADDRESS_CHARS = 6;
/** The hidden part of an address is looked for only when it is this long: a shorter one could be anything. */
const MIN_HIDDEN_ADDRESS_CHARS = 4;

/** The text of every XML part of a zip (xlsx, docx), tags removed: enough to search for values. */
function zipText(buf: Buffer): string {
  // End of central directory: signature 0x06054b50 within the last 64 KB.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--) if (buf.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  if (eocd < 0) return '';
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out: string[] = [];
  for (let n = 0; n < count; n++) {
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    p += 46 + nameLen + extraLen + commentLen;
    if (!name.endsWith('.xml')) continue;
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + size);
    const xml = (method === 8 ? inflateRawSync(data) : data).toString('utf8');
    out.push(xml.replace(/<[^>]+>/g, ' '));
  }
  return out.join('\n');
}

function textOf(res: LightMyRequestResponse): string {
  const type = String(res.headers['content-type'] ?? '');
  const buf = res.rawPayload;
  if (buf.length > 4 && buf.readUInt32LE(0) === 0x04034b50) return zipText(buf);
  if (/json|text|html|xml|csv/.test(type) || type === '') return res.body;
  return ''; // images, PDFs of attachments: not generated from people's data
}

/**
 * Runs of text that could hold an address (Han characters, letters, digits and the punctuation of house numbers),
 * checked once each against every hidden part: most answers repeat the same names, so the cache keeps it quick.
 */
function addressLeaks(text: string, hiddenParts: string[], seen: Map<string, string | null>): string[] {
  const out: string[] = [];
  for (const run of new Set(text.match(/[\p{Script=Han}\p{L}\p{N}\-#（）()]{4,}/gu) ?? [])) {
    let hit = seen.get(run);
    if (hit === undefined) {
      hit = hiddenParts.find((h) => run.includes(h)) ?? null;
      seen.set(run, hit);
    }
    if (hit) out.push(hit);
  }
  return out;
}

/** Address masks (runs holding ＊) that show more than the allowed prefix, or any clear character after a ＊. */
function weakAddressMasks(text: string): string[] {
  return [...new Set(text.match(/[^\s"'<>,:;&{}[\]]*＊[^\s"'<>,:;&{}[\]]*/gu) ?? [])].filter((m) => {
    const chars = Array.from(m);
    const firstMask = chars.indexOf('＊');
    return firstMask > MAX_CLEAR_ADDRESS_CHARS || chars.slice(firstMask).some((c) => c !== '＊');
  });
}

describe(`masking sweep: no clear 身份证号, phone, 住址 or 党费 income for accounts without member.sensitive ${dialectLabel()}`, () => {
  let t: TestApp;
  let routes: SweepRoute[];
  let cookies: Map<string, string>;
  const clearIds = new Set<string>();
  const clearPhones = new Set<string>();
  /** Each address's hidden part (what its mask replaces by ＊), the clear address itself included by containing it. */
  const hiddenAddressParts = new Set<string>();
  /** Incomes behind 党费 bases, as 元 with their fen (“5432.17”): only those with fen, which nothing else shows by chance. */
  const clearIncomes = new Set<string>();
  let tenantId: string;
  let rootPath: string;
  let grantOf: Map<string, { path: string; id: string }>;
  let userIds: Map<string, string>;

  beforeAll(async () => {
    ({ t, routes, cookies, userIds, tenantId } = await seededSweep());
    const db = t.platform.db;
    // A change of identity data, so that the audit log holds before/after values of a person for the auditor to read.
    const someone = await db.selectFrom('members').select(['id', 'staff_id']).where('deleted_at', 'is', null).orderBy('id').executeTakeFirstOrThrow();
    const patched = await t.call('PATCH', `/api/v1/staff/${someone.staff_id}`, { cookie: cookies.get('dangwei')!, body: { phone: '13912345678' } });
    if (patched.statusCode !== 200) console.info(`masking sweep: could not change a phone for the audit log (${patched.statusCode} ${patched.body.slice(0, 120)})`);
    // And a move: the member's history and the audit log then hold a 住址 before and after.
    const moved = await t.call('PATCH', `/api/v1/members/${someone.id}`, { cookie: cookies.get('dangwei')!, body: { address: '平顶山市湛河区南环路9号院5号楼1单元302室', reason: '搬家' } });
    if (moved.statusCode !== 200) console.info(`masking sweep: could not change an address for the history (${moved.statusCode} ${moved.body.slice(0, 120)})`);

    for (const s of await db.selectFrom('staff').select(['id_number_enc', 'phone_enc', 'address_enc']).execute()) {
      const id = t.platform.fieldCrypto.decrypt(s.id_number_enc);
      clearIds.add(id.toUpperCase());
      if (s.phone_enc) clearPhones.add(t.platform.fieldCrypto.decrypt(s.phone_enc));
      if (s.address_enc) {
        const address = Array.from(t.platform.fieldCrypto.decrypt(s.address_enc));
        const hidden = address.slice(maskAddress(address.join('')).indexOf('＊')).join('');
        if (Array.from(hidden).length >= MIN_HIDDEN_ADDRESS_CHARS) hiddenAddressParts.add(hidden);
      }
    }
    // Correspondents' contact phones (encrypted like the roster's).
    for (const c of await db.selectFrom('publicity_correspondents').select('phone_enc').execute()) {
      if (c.phone_enc) clearPhones.add(t.platform.fieldCrypto.decrypt(c.phone_enc));
    }
    for (const b of await db.selectFrom('dues_bases').select('income_enc').execute()) {
      const fen = b.income_enc ? Number(t.platform.fieldCrypto.decrypt(b.income_enc)) : 0;
      if (fen >= 100_000 && fen % 100 !== 0) clearIncomes.add(fenToYuan(fen));
    }
    rootPath = (await db.selectFrom('organisations').select('path').where('tenant_id', '=', tenantId).where('kind', '=', 'committee').executeTakeFirstOrThrow()).path;
    const grants = await db.selectFrom('grants as g').innerJoin('organisations as o', (j) => j.onRef('o.tenant_id', '=', 'g.tenant_id').onRef('o.id', '=', 'g.org_id')).innerJoin('users as u', 'u.id', 'g.user_id').select(['u.username', 'o.path', 'o.id']).execute();
    grantOf = new Map(grants.map((g) => [g.username, { path: g.path, id: g.id }]));
  }, 120_000);
  afterAll(async () => t?.close());

  /** The clear 身份证号 and phone of the member record an account is linked to (none for an account without one). */
  async function ownClearValues(userId: string): Promise<Set<string>> {
    const rows = await t.platform.db.selectFrom('members as m').innerJoin('staff as s', (j) => j.onRef('s.tenant_id', '=', 'm.tenant_id').onRef('s.id', '=', 'm.staff_id'))
      .select(['s.id_number_enc', 's.phone_enc']).where('m.user_id', '=', userId).execute();
    return new Set(rows.flatMap((r) => [t.platform.fieldCrypto.decrypt(r.id_number_enc).toUpperCase(), ...(r.phone_enc ? [t.platform.fieldCrypto.decrypt(r.phone_enc)] : [])]));
  }

  const viewers = SWEEP_ACCOUNTS.filter((a) => !a.permissions.has('member.sensitive'));

  it('the seeded data has clear values to look for, and the viewers are the accounts without member.sensitive', () => {
    expect(clearIds.size).toBeGreaterThan(100);
    expect(clearPhones.size).toBeGreaterThan(100);
    expect(hiddenAddressParts.size).toBeGreaterThan(100);
    expect(clearIncomes.size).toBeGreaterThan(100);
    expect(viewers.map((a) => a.username)).toEqual(expect.arrayContaining(['xz1', 'dy1', 'tongxun', 'shenhe', 'kaohe', 'weiyuan', 'admin', 'secadmin', 'auditor']));
  });

  it('no GET answer or export shows a clear or rebuildable 身份证号, phone or 住址', async ({ task }) => {
    const problems: string[] = [];
    let n = 0;
    let scanned = 0;
    const hiddenParts = [...hiddenAddressParts];
    const runsSeen = new Map<string, string | null>();
    const fail = (_check: 'idMask' | 'phoneMask' | 'clearPhone' | 'clearId' | 'clearAddress' | 'addressMask' | 'clearIncome', _url: string, msg: string) => problems.push(msg);
    const gets = routes.filter((r) => r.method === 'GET' && r.url.startsWith('/api/v1/'));
    for (const a of viewers) {
      const cookie = cookies.get(a.username)!;
      const own = grantOf.get(a.username) ?? { path: rootPath, id: '' };
      for (const r of gets) {
        let values: Record<string, string> = {};
        if (r.params.length) {
          const resolver = ID_RESOLVERS[resolverKey(r)];
          const found = resolver && (await resolver.find({ db: t.platform.db, tenantId, account: a, userId: userIds.get(a.username)!, outPath: own.path, outOrgId: own.id, mine: null }));
          if (!found) continue;
          values = found;
        }
        const base = fillPath(r.url, values);
        // The plain answer, the asks for clear values a GET must not honour, and the export.
        const urls = [base];
        const names = new Set(r.query.map((q) => q.name));
        if (names.has('reveal')) urls.push(`${base}?reveal=true`);
        if (names.has('unmasked')) urls.push(`${base}?unmasked=true`);
        if (names.has('format')) urls.push(`${base}?format=xlsx`, ...(names.has('unmasked') ? [`${base}?format=xlsx&unmasked=true`] : []));
        for (const url of urls) {
          const res = await t.call('GET', url, { cookie });
          n++;
          if (res.statusCode !== 200) continue;
          const text = textOf(res);
          scanned++;
          const where = `GET ${url} as ${a.username}`;
          const ids = [...new Set(text.match(/(?<![0-9A-Za-z])[0-9]{17}[0-9Xx](?![0-9A-Za-z])/g) ?? [])].filter((x) => clearIds.has(x.toUpperCase()));
          if (ids.length) fail('clearId', url, `${where} shows ${ids.length} clear 身份证号, e.g. ${ids[0]}`);
          const phones = [...new Set(text.match(/(?<![0-9])1[3-9][0-9]{9}(?![0-9])/g) ?? [])].filter((x) => clearPhones.has(x));
          if (phones.length) fail('clearPhone', url, `${where} shows ${phones.length} clear phone(s), e.g. ${phones[0]}`);
          const idMasks = [...new Set(text.match(/(?<![0-9A-Za-z*])[0-9Xx*]{15,18}(?![0-9A-Za-z*])/g) ?? [])].filter((m) => m.includes('*') && m.replace(/\*/g, '').length > MAX_CLEAR_ID_CHARS && m.length >= 15);
          if (idMasks.length) fail('idMask', url, `${where} shows a 身份证号 mask with ${idMasks[0]!.replace(/\*/g, '').length} clear characters (at most ${MAX_CLEAR_ID_CHARS}), e.g. ${idMasks[0]}`);
          const phoneMasks = [...new Set(text.match(/(?<![0-9*])[0-9*]{11}(?![0-9*])/g) ?? [])].filter((m) => m.includes('*') && m.replace(/\*/g, '').length > MAX_CLEAR_PHONE_DIGITS);
          if (phoneMasks.length) fail('phoneMask', url, `${where} shows a phone mask with ${phoneMasks[0]!.replace(/\*/g, '').length} clear digits (at most ${MAX_CLEAR_PHONE_DIGITS}), e.g. ${phoneMasks[0]}`);
          const addresses = addressLeaks(text, hiddenParts, runsSeen);
          if (addresses.length) fail('clearAddress', url, `${where} shows ${addresses.length} address(es) in clear (their hidden part), e.g. ${addresses[0]}`);
          const incomes = [...new Set(text.match(/(?<![0-9.])[0-9]{4,6}\.[0-9]{2}(?![0-9])/g) ?? [])].filter((x) => clearIncomes.has(x));
          if (incomes.length) fail('clearIncome', url, `${where} shows ${incomes.length} clear 党费 income(s), e.g. ${incomes[0]}`);
          const addressMasks = weakAddressMasks(text);
          if (addressMasks.length) fail('addressMask', url, `${where} shows an address mask with more than ${MAX_CLEAR_ADDRESS_CHARS} clear leading characters or one after a ＊, e.g. ${addressMasks[0]}`);
        }
      }
    }
    recordCases(task, n);
    console.info(`masking sweep: ${n} requests, ${scanned} answers scanned for ${clearIds.size} 身份证号, ${clearPhones.size} phones, ${hiddenParts.length} addresses and ${clearIncomes.size} 党费 incomes`);
    expect(problems).toEqual([]);
  }, 300_000);

  it('clear values are never one GET away: reveal and unmasked routes refuse GET for these accounts', async ({ task }) => {
    const problems: string[] = [];
    let n = 0;
    const revealRoutes = routes.filter((r) => /reveal|unmask|sensitive/i.test(r.url));
    for (const r of revealRoutes) if (r.method === 'GET') problems.push(`${r.label}: a route that shows clear values must not be a GET (an <img> in rich text would call it in the reader's name)`);
    for (const r of routes.filter((x) => x.method === 'GET' && x.query.some((q) => /^(reveal|unmasked)$/.test(q.name)))) {
      problems.push(`${r.label} takes ?${r.query.filter((q) => /^(reveal|unmasked)$/.test(q.name)).map((q) => q.name).join('/')}: clear values must be asked for by POST`);
    }
    for (const a of viewers) {
      const own = grantOf.get(a.username) ?? { path: rootPath, id: '' };
      for (const r of revealRoutes) {
        const resolver = ID_RESOLVERS[resolverKey(r)];
        const values = r.params.length ? resolver && (await resolver.find({ db: t.platform.db, tenantId, account: a, userId: userIds.get(a.username)!, outPath: own.path, outOrgId: own.id, mine: null })) : {};
        if (!values) continue;
        const res = await t.call('GET', fillPath(r.url, values), { cookie: cookies.get(a.username)! });
        n++;
        if (res.statusCode < 400) problems.push(`GET ${r.url} as ${a.username} answered ${res.statusCode}`);
        // A reveal of the caller's own record answers anyone, but only with their own values: nothing of another person.
        if (r.method === 'POST' && OWN_REVEALS[r.url]) {
          const post = await t.call('POST', r.url, { cookie: cookies.get(a.username)! });
          n++;
          const own = await ownClearValues(userIds.get(a.username)!);
          const text = textOf(post);
          const others = [...clearIds].filter((id) => !own.has(id) && text.includes(id)).concat([...clearPhones].filter((ph) => !own.has(ph) && text.includes(ph)));
          if (post.statusCode >= 500 || others.length > 0) problems.push(`POST ${r.url} as ${a.username} answered ${post.statusCode} with ${others.length} clear values of others`);
          continue;
        }
        // And the POST itself is refused to an account without member.sensitive.
        if (r.method === 'POST') {
          const post = await t.call('POST', fillPath(r.url, values), { cookie: cookies.get(a.username)!, body: {} });
          n++;
          const text = textOf(post);
          if (post.statusCode < 400 || [...clearIds].some((id) => text.includes(id)) || [...hiddenAddressParts].some((h) => text.includes(h))) problems.push(`POST ${r.url} as ${a.username} answered ${post.statusCode} without member.sensitive`);
        }
      }
    }
    recordCases(task, n);
    expect(problems).toEqual([]);
  }, 120_000);
});
