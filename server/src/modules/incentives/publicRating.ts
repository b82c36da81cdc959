// What the public page reads and writes: one active plaque by its code (the shared routing table names its tenant),
// and one rating under the limits — one per device, plaque and day (a unique index, so two racing posts from one
// phone store one), and so many per client address and day over all plaques (a per-address lock in this process
// keeps the count-then-insert exact). Device and address are stored only as keyed hashes (HMAC), never raw.
import { createHmac } from 'node:crypto';
import { newId } from '../../db/ids.js';
import { uniqueViolation } from '../../db/dialect.js';
import { shanghaiDate } from '../../platform/calendar.js';
import type { Platform } from '../../platform/context.js';
import { loadOrCreateKey, subkey } from '../../platform/crypto/keyFile.js';
import { memberSummaries } from '../members/index.js';
import { unitNames } from '../units/index.js';
import type { PublicPlaque } from './publicPage.js';
import { PUBLIC_RATING } from './ratingSettings.js';
import type { IncentivePlaqueTable } from './tables.js';

/** A code as the app makes them (22 base62 characters; 16–64 accepted): anything else is not looked up. */
export const CODE_SHAPE = /^[0-9A-Za-z]{16,64}$/;
const COMMENTS_SHOWN = 20;

const keys = new WeakMap<Platform, Buffer>();
/** The hashing subkey of the public ratings (the master key file exists once the platform is up). */
function ratingKey(p: Platform): Buffer {
  let k = keys.get(p);
  if (!k) {
    k = subkey(loadOrCreateKey(p.config.keyFile, p.config.keyFromEnv), 'incentive public rating');
    keys.set(p, k);
  }
  return k;
}
export const keyedHash = (p: Platform, kind: 'device' | 'address', value: string): string => createHmac('sha256', ratingKey(p)).update(`${kind}:${value}`).digest('hex');

/** The active, live plaque of a code, or null (unknown, forged, not yet issued, withdrawn or deleted alike). */
export async function activePlaqueByCode(p: Platform, code: string): Promise<IncentivePlaqueTable | null> {
  if (!CODE_SHAPE.test(code)) return null;
  const route = await p.db.selectFrom('incentive_public_codes').select(['tenant_id', 'plaque_id']).where('code', '=', code).executeTakeFirst();
  if (!route) return null;
  const x = await p.db.selectFrom('incentive_plaques').selectAll().where('tenant_id', '=', route.tenant_id).where('id', '=', route.plaque_id)
    .where('public_code', '=', code).where('status', '=', 'active').where('deleted_at', 'is', null).executeTakeFirst();
  return x ?? null;
}

/** What the public page shows of the plaque: names, place, commitment, period, rating figures, approved comments. */
export async function publicView(p: Platform, x: IncentivePlaqueTable): Promise<PublicPlaque> {
  const [members, units, figures, comments] = await Promise.all([
    memberSummaries(p.db, x.tenant_id, [x.member_id]),
    unitNames(p.db, [x.tenant_id], x.unit_id ? [x.unit_id] : []),
    p.db.selectFrom('incentive_ratings').select([(eb) => eb.fn.countAll<number | string>().as('n'), (eb) => eb.fn.avg<number | string | null>('score').as('avg')])
      .where('tenant_id', '=', x.tenant_id).where('plaque_id', '=', x.id).executeTakeFirstOrThrow(),
    p.db.selectFrom('incentive_ratings').select(['comment', 'rated_on']).where('tenant_id', '=', x.tenant_id).where('plaque_id', '=', x.id)
      .where('comment_status', '=', 'approved').orderBy('rated_on', 'desc').orderBy('created_at', 'desc').limit(COMMENTS_SHOWN).execute(),
  ]);
  return {
    kind: x.kind, title: x.title, memberName: members.get(x.member_id)?.name ?? '', unitName: x.unit_id ? (units.get(`${x.tenant_id}/${x.unit_id}`) ?? null) : null,
    postName: x.post_name, areaKind: x.area_kind, areaName: x.area_name, extent: x.extent, commitment: x.commitment, periodFrom: x.period_from, periodTo: x.period_to,
    ratingCount: Number(figures.n), ratingAverage: figures.avg === null ? null : Number(figures.avg),
    comments: comments.map((c) => ({ text: c.comment ?? '', on: c.rated_on })),
  };
}

/** Serialises the count-then-insert of one address within this process; the entry goes when its last job ends. */
const chains = new Map<string, Promise<unknown>>();
async function serially<T>(key: string, job: () => Promise<T>): Promise<T> {
  const before = chains.get(key) ?? Promise.resolve();
  const mine = before.then(job, job);
  const tail = mine.catch(() => undefined);
  chains.set(key, tail);
  try {
    return await mine;
  } finally {
    if (chains.get(key) === tail) chains.delete(key);
  }
}

export type RateOutcome = 'stored' | 'alreadyToday' | 'addressLimit';

/** Stores one rating unless the device rated this plaque today or the address reached its daily number. */
export async function storeRating(p: Platform, x: IncentivePlaqueTable, input: { score: number; comment: string | null; deviceId: string; ip: string }): Promise<RateOutcome> {
  const rules = await p.settings.get(x.tenant_id, PUBLIC_RATING);
  const now = p.clock.now();
  const today = shanghaiDate(now);
  const deviceKey = keyedHash(p, 'device', input.deviceId);
  const addressKey = keyedHash(p, 'address', input.ip);
  return serially(addressKey, async () => {
    const mine = await p.db.selectFrom('incentive_ratings').select('id').where('tenant_id', '=', x.tenant_id).where('plaque_id', '=', x.id)
      .where('device_key', '=', deviceKey).where('rated_on', '=', today).executeTakeFirst();
    if (mine) return 'alreadyToday';
    const used = await p.db.selectFrom('incentive_ratings').select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('address_key', '=', addressKey).where('rated_on', '=', today).executeTakeFirstOrThrow();
    if (Number(used.n) >= rules.perAddressPerDay) return 'addressLimit';
    try {
      await p.db.insertInto('incentive_ratings').values({
        tenant_id: x.tenant_id, id: newId(), plaque_id: x.id, org_path: x.org_path, score: input.score, comment: input.comment,
        comment_status: input.comment ? 'pending' : 'none', moderated_by: null, moderated_at: null, device_key: deviceKey, address_key: addressKey,
        rated_on: today, created_at: now.toISOString(),
      }).execute();
      return 'stored';
    } catch (err) {
      // The same device from another address (or another process) got there first.
      if (uniqueViolation(err)) return 'alreadyToday';
      throw err;
    }
  });
}
