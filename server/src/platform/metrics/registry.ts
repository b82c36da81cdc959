// Numbers one module exposes for others (assessment indicators, dashboards) by key, e.g. `info.published`.
// The consumer names a key and never learns how the number is computed; a module registers its metrics
// when its routes are registered, so modules added later extend the catalogue without touching the
// consumers (ARCHITECTURE.md: "metrics registered by key").
import type { DbDialect } from '../../config.js';
import type { Db } from '../../db/types.js';

/** What a metric is measured for: an organisation (its whole subtree) or a Party member. */
export type MetricTarget = 'org' | 'member';

export interface MetricContext {
  db: Db;
  dialect: DbDialect;
  tenantId: string;
  /** Inclusive calendar dates (YYYY-MM-DD) in Asia/Shanghai. */
  period: { from: string; to: string };
  /** Organisation ids (target 'org') or member ids (target 'member'), all in the tenant. */
  targetIds: string[];
}

export interface MetricDef {
  /** `<module>.<name>`, stable: assessment schemes store it. */
  key: string;
  /** Chinese name shown when choosing an indicator's metric. */
  name: string;
  /** Chinese unit, e.g. 条, 次, %. */
  unit: string;
  /** One Chinese sentence: what is counted and over which records. */
  description: string;
  target: MetricTarget;
  /**
   * The value for every target in one pass (no query per target). An 'org' target covers the
   * organisation and everything under it. Targets with nothing to count get 0, or are left out when the
   * metric has no meaning for them (a rate over no records); consumers read a missing target as "no data".
   */
  compute(ctx: MetricContext): Promise<Map<string, number>>;
}

export type MetricInfo = Omit<MetricDef, 'compute'>;

/**
 * A rate metric's answer: per target, the percentage (one decimal) of hits among the rows whose organisation path lies
 * in the target's subtree; a target with no rows is left out (no rate, rather than 0 %).
 */
export function subtreeRates(targets: readonly { id: string; path: string }[], rows: readonly { path: string; hit: boolean }[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const t of targets) {
    let n = 0;
    let hits = 0;
    for (const r of rows) {
      if (!r.path.startsWith(t.path)) continue;
      n++;
      if (r.hit) hits++;
    }
    if (n > 0) out.set(t.id, Math.round((1000 * hits) / n) / 10);
  }
  return out;
}

export class MetricRegistry {
  private readonly defs = new Map<string, MetricDef>();

  register(def: MetricDef): void {
    if (!/^[a-z][A-Za-z]*\.[a-z][A-Za-z0-9]*$/.test(def.key)) throw new Error(`metric key must be <module>.<name>: ${def.key}`);
    if (this.defs.has(def.key)) throw new Error(`metric registered twice: ${def.key}`);
    this.defs.set(def.key, def);
  }

  has(key: string): boolean {
    return this.defs.has(key);
  }

  list(): MetricInfo[] {
    return [...this.defs.values()].map(({ compute: _compute, ...info }) => info).sort((a, b) => a.key.localeCompare(b.key));
  }

  async compute(key: string, ctx: MetricContext): Promise<Map<string, number>> {
    const def = this.defs.get(key);
    if (!def) throw new Error(`unknown metric: ${key}`);
    if (ctx.targetIds.length === 0) return new Map();
    return def.compute(ctx);
  }
}
