// The 工作台's cards: each module registers the cards of its own figures, with the permission that shows them, so the
// dashboard reads every module's numbers in one request without importing any of them (ARCHITECTURE.md, "registries").
// A card computes from the module's own functions, so it shows the same number as the module's page.
import type { Actor } from '../access/actor.js';
import type { Permission } from '../access/permissions.js';

/** The organisation the dashboard is about (its whole subtree). */
export interface CardOrg { id: string; tenant_id: string; path: string; name: string; kind: string }

export interface CardContext { actor: Actor; org: CardOrg; today: string }

export type Tone = 'red' | 'yellow' | 'green';

export interface CardFigure {
  label: string;
  value: number | null;
  unit: string;
  tone?: Tone | undefined;
  /** The list behind the number (a web path). */
  link?: string | undefined;
}

export interface CardData {
  /** The page behind the card as a whole. */
  link: string;
  /** What the figures cover, e.g. 2026年第四季度. */
  period?: string | undefined;
  figures: CardFigure[];
  chart?: { kind: 'bar' | 'pie'; items: { label: string; value: number }[] } | undefined;
  /** Named lines under the figures, e.g. the organisations with a red light. */
  lines?: { label: string; note: string; tone?: Tone | undefined; link: string }[] | undefined;
}

export interface CardDef {
  /** `<module>.<name>`. */
  key: string;
  title: string;
  /** Position on the page (smaller first). */
  order: number;
  /** Shown only to whoever holds this permission over the organisation. */
  access: Permission;
  /**
   * Also shown on the 大屏 (a wall screen opened by a link, without a session): set only when the card's figures,
   * chart and lines name no person (organisation names and counts are fine), since anyone in the room reads it.
   */
  display?: boolean;
  compute(ctx: CardContext): Promise<CardData>;
}

export class CardRegistry {
  private readonly defs: CardDef[] = [];

  register(def: CardDef): void {
    if (!/^[a-z][A-Za-z]*\.[a-z][A-Za-z0-9]*$/.test(def.key)) throw new Error(`card key must be <module>.<name>: ${def.key}`);
    if (this.defs.some((d) => d.key === def.key)) throw new Error(`card registered twice: ${def.key}`);
    this.defs.push(def);
    this.defs.sort((a, b) => a.order - b.order || a.key.localeCompare(b.key));
  }

  /** Every card in page order. */
  list(): readonly CardDef[] {
    return this.defs;
  }

  /** The permissions that show some card: the dashboard's organisations are those where the actor holds one. */
  permissions(): Permission[] {
    return [...new Set(this.defs.map((d) => d.access))];
  }
}
