// Per-tenant settings: typed definitions with defaults (docs/DOMAIN.md's *configurable* rules live here, never
// as constants in code). Values are cached briefly in memory; a write clears this process's cache, and
// other processes see it within CACHE_MS.
import type { ZodType } from 'zod';
import type { Db, DbOrTx } from '../../db/types.js';
import type { Clock } from '../clock.js';
import type { Permission } from '../access/permissions.js';

export interface SettingDef<T> {
  key: string;
  schema: ZodType<T>;
  defaults: T;
}

const CACHE_MS = 10_000;

/**
 * A setting the committee edits on the 业务规则 page: its name and group as the page shows them, and the
 * permission that must be held over the whole tenant to change it. Every field of its schema carries a
 * Chinese `.describe()`, which the page uses as the label and the server as the name in errors.
 */
export interface EditableSetting {
  def: SettingDef<unknown>;
  name: string;
  group: string;
  description: string;
  permission: Permission;
  /** Checks the schema cannot express (e.g. that named organisations exist); throws a 400 AppError. */
  check?: (db: DbOrTx, tenantId: string, value: unknown) => Promise<void>;
}

/**
 * A setting read through the given connection, merged over its defaults (a stored value that no longer fits
 * the definition falls back to the defaults). Jobs and metrics call this with their own transaction: on
 * SQLite the cached service's separate read would wait for that transaction.
 */
export async function readSetting<T>(db: DbOrTx, tenantId: string, def: SettingDef<T>): Promise<T> {
  const row = await db.selectFrom('settings').select('value').where('tenant_id', '=', tenantId).where('key', '=', def.key).executeTakeFirst();
  if (!row) return def.defaults;
  const parsed = def.schema.safeParse({ ...(def.defaults as object), ...(JSON.parse(row.value) as object) });
  return parsed.success ? parsed.data : def.defaults;
}

export class SettingsService {
  private cache = new Map<string, { value: unknown; at: number }>();
  private editable = new Map<string, EditableSetting>();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** Lists a setting on the 业务规则 page (modules call this from their services.ts, once per platform). */
  describe<T>(def: SettingDef<T>, meta: Omit<EditableSetting, 'def' | 'check'> & { check?: (db: DbOrTx, tenantId: string, value: T) => Promise<void> }): void {
    if (this.editable.has(def.key)) throw new Error(`setting ${def.key} is described twice`);
    this.editable.set(def.key, { ...meta, def: def as SettingDef<unknown>, check: meta.check as EditableSetting['check'] });
  }

  /** The editable settings in the order they were described. */
  described(): EditableSetting[] {
    return [...this.editable.values()];
  }

  async get<T>(tenantId: string, def: SettingDef<T>): Promise<T> {
    const cacheKey = `${tenantId}\u0000${def.key}`;
    const hit = this.cache.get(cacheKey);
    const now = Date.now();
    if (hit && now - hit.at < CACHE_MS) return hit.value as T;
    const value = await readSetting(this.db, tenantId, def);
    this.cache.set(cacheKey, { value, at: now });
    return value;
  }

  async set<T>(trx: DbOrTx, tenantId: string, def: SettingDef<T>, value: T): Promise<void> {
    const json = JSON.stringify(value);
    const at = this.clock.now().toISOString();
    const updated = await trx
      .updateTable('settings')
      .set({ value: json, updated_at: at })
      .where('tenant_id', '=', tenantId)
      .where('key', '=', def.key)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) {
      await trx.insertInto('settings').values({ tenant_id: tenantId, key: def.key, value: json, updated_at: at }).execute();
    }
    this.cache.delete(`${tenantId}\u0000${def.key}`);
  }
}
