// Everyone's 待办: each module registers a source that lists what waits for the current user (tasks to
// accept, to verify, score sheets to fill …); GET /api/v1/todos merges them. The registry knows nothing
// of the modules, so modules added later extend the list without touching it.
import type { DbDialect } from '../../config.js';
import type { Db } from '../../db/types.js';
import type { Actor } from '../access/actor.js';

export interface TodoItem {
  /** The source's kind, e.g. `task.accept`. */
  kind: string;
  title: string;
  /** Web path that opens the record, e.g. `/tasks?id=…`. */
  link: string;
  entityId: string;
  orgName?: string;
  /** Calendar date (YYYY-MM-DD, Asia/Shanghai). */
  due?: string;
  /** Left out: overdue when `due` is before today. */
  overdue?: boolean;
  /** When the item began waiting for the user (ISO timestamp: deployed, submitted, returned …), for its age;
   *  left out by sources that cannot tell cheaply. */
  since?: string;
}

export interface TodoContext {
  db: Db;
  dialect: DbDialect;
  actor: Actor;
  /** Today in Asia/Shanghai (YYYY-MM-DD). */
  today: string;
}

export interface TodoSource {
  /** Stable key, `<module>.<what>` (e.g. `task.accept`); every item of the source carries it. */
  kind: string;
  /** Chinese name of the kind, e.g. 待接收. */
  name: string;
  /** The actor's own items only, already scoped (the registry does not filter). */
  list(ctx: TodoContext): Promise<TodoItem[]>;
}

export interface TodoKindSummary {
  kind: string;
  name: string;
  count: number;
  /** false when the source failed this time: its items are missing, the others are shown. */
  available: boolean;
}

export interface TodoList {
  /** Overdue first (across kinds), then by due date (undated last), then waiting longest, then by kind order and title. */
  items: (TodoItem & { overdue: boolean })[];
  kinds: TodoKindSummary[];
  /** Sources that threw, with their error, for the caller to log. */
  failures: { kind: string; error: unknown }[];
}

export class TodoRegistry {
  private readonly sources: TodoSource[] = [];

  register(source: TodoSource): void {
    if (!/^[a-z][A-Za-z]*\.[a-z][A-Za-z0-9]*$/.test(source.kind)) throw new Error(`todo kind must be <module>.<name>: ${source.kind}`);
    if (this.sources.some((s) => s.kind === source.kind)) throw new Error(`todo source registered twice: ${source.kind}`);
    this.sources.push(source);
  }

  kinds(): { kind: string; name: string }[] {
    return this.sources.map(({ kind, name }) => ({ kind, name }));
  }

  /** Every source's items for the actor; a source that throws is reported, not fatal. */
  async list(ctx: TodoContext): Promise<TodoList> {
    const settled = await Promise.allSettled(this.sources.map((s) => s.list(ctx)));
    const items: TodoList['items'] = [];
    const kinds: TodoKindSummary[] = [];
    const failures: TodoList['failures'] = [];
    const order = new Map<string, number>();
    settled.forEach((r, i) => {
      const source = this.sources[i]!;
      order.set(source.kind, i);
      if (r.status === 'rejected') {
        failures.push({ kind: source.kind, error: r.reason });
        kinds.push({ kind: source.kind, name: source.name, count: 0, available: false });
        return;
      }
      for (const item of r.value) {
        items.push({ ...item, kind: source.kind, overdue: item.overdue ?? (item.due !== undefined && item.due < ctx.today) });
      }
      kinds.push({ kind: source.kind, name: source.name, count: r.value.length, available: true });
    });
    items.sort((a, b) =>
      Number(b.overdue) - Number(a.overdue)
      || (a.due ?? '9999-99-99').localeCompare(b.due ?? '9999-99-99')
      // Same due day: the one waiting longer first (undated waits last), then the sources' order.
      || (a.since ?? '9999').localeCompare(b.since ?? '9999')
      || order.get(a.kind)! - order.get(b.kind)!
      || a.title.localeCompare(b.title, 'zh-CN'));
    return { items, kinds, failures };
  }
}
