// Finds the Chinese label of a field in a zod schema (set with .describe('用户名')), so that a
// validation error can name the field the way the form does.
import type { ZodType } from 'zod';

interface Walkable {
  description?: string;
  def?: { type?: string; innerType?: unknown; shape?: Record<string, unknown>; element?: unknown; in?: unknown; out?: unknown };
  shape?: Record<string, unknown>;
}

function unwrap(schema: unknown): Walkable | undefined {
  let s = schema as Walkable | undefined;
  for (let i = 0; s && i < 10; i++) {
    const t = s.def?.type;
    if (t === 'optional' || t === 'nullable' || t === 'default' || t === 'prefault' || t === 'catch' || t === 'readonly') {
      if (s.description) return s;
      s = s.def?.innerType as Walkable;
    } else if (t === 'pipe') {
      s = (s.def?.in as Walkable) ?? s;
      if (s.def?.type === 'pipe') continue;
      return s;
    } else return s;
  }
  return s;
}

export function fieldLabel(schema: ZodType | undefined, path: ReadonlyArray<PropertyKey>): string | undefined {
  let current: unknown = schema;
  let label: string | undefined;
  for (const key of path) {
    const s = unwrap(current);
    if (!s) return label;
    const shape = s.shape ?? s.def?.shape;
    if (shape && typeof key === 'string' && key in shape) {
      current = shape[key];
    } else if ((typeof key === 'number' || /^\d+$/.test(String(key))) && s.def?.element) {
      // Array indexes arrive as numbers from zod and as strings from a route's instancePath ("/kinds/0/name").
      current = s.def.element;
    } else return label;
    const described = (current as Walkable).description ?? unwrap(current)?.description;
    if (described) label = described;
  }
  return label;
}
