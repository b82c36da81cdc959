// 我的 (a member's own pages): each module registers the section about the signed-in person, so GET /me/overview reads
// every module's part in one request without importing any of them (ARCHITECTURE.md, "registries"). A section
// computes from the module's own functions for the actor's own member record only, so it shows the same numbers as
// the module's own 我的… page.
import type { Actor } from '../access/actor.js';

/** The member record the signed-in account acts as (members.user_id). */
export interface MineMember { id: string; name: string; orgPath: string; branchId: string; groupId: string | null }

export interface MineContext {
  actor: Actor;
  member: MineMember;
  /** Asia/Shanghai date, YYYY-MM-DD. */
  today: string;
  /** The calendar year of `today`. */
  year: number;
}

export type MineTone = 'red' | 'yellow' | 'green' | 'grey';

export interface MineField {
  key: string;
  label: string;
  value: string;
  /** Masked here; POST /me/reveal answers it in clear (audited). */
  revealable?: boolean | undefined;
}

export interface MineFigure { label: string; value: number | null; unit: string }

export interface MineItem {
  title: string;
  note?: string | undefined;
  date?: string | undefined;
  tag?: string | undefined;
  tone?: MineTone | undefined;
}

export interface MineSectionData {
  /** The fuller page of the module (我的学时, 我的党费 …), only when the actor may open it. */
  link?: string | undefined;
  /** What the section covers, e.g. 2026年. */
  period?: string | undefined;
  fields?: MineField[] | undefined;
  figures?: MineFigure[] | undefined;
  items?: MineItem[] | undefined;
  /** Shown when there is nothing to list. */
  empty?: string | undefined;
}

export interface MineSectionDef {
  /** `<module>.<name>`. */
  key: string;
  title: string;
  /** Position on the page (smaller first). */
  order: number;
  compute(ctx: MineContext): Promise<MineSectionData>;
}

export class MineRegistry {
  private readonly defs: MineSectionDef[] = [];

  register(def: MineSectionDef): void {
    if (!/^[a-z][A-Za-z]*\.[a-z][A-Za-z0-9]*$/.test(def.key)) throw new Error(`section key must be <module>.<name>: ${def.key}`);
    if (this.defs.some((d) => d.key === def.key)) throw new Error(`section registered twice: ${def.key}`);
    this.defs.push(def);
    this.defs.sort((a, b) => a.order - b.order || a.key.localeCompare(b.key));
  }

  /** Every section in page order. */
  list(): readonly MineSectionDef[] {
    return this.defs;
  }
}
