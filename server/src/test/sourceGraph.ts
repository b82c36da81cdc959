// Reads the source tree as data for the architecture checks (architecture.test.ts): every file's imports,
// resolved to files, and every table a file's SQL names. Uses the TypeScript parser, so comments and strings
// that merely mention a name never count, and `import type` counts like any other import.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export interface SourceFile {
  /** Path relative to the root it was read from, with forward slashes. */
  file: string;
  /** Static relative imports resolved to files under the same root (type-only ones included). */
  imports: string[];
  /** `import('…')` expressions: loaded on demand (a page of the router), so they make no cycle. */
  lazyImports: string[];
  /** Tables named by query-builder calls and by `sql` templates, with the line of each. */
  tables: { table: string; line: number }[];
}

const QUERY_METHODS = new Set([
  'selectFrom', 'insertInto', 'replaceInto', 'updateTable', 'deleteFrom', 'mergeInto',
  'innerJoin', 'leftJoin', 'rightJoin', 'fullJoin', 'innerJoinLateral', 'leftJoinLateral', 'crossJoin', 'crossJoinLateral',
]);

const SQL_TABLE_WORDS = /\b(?:from|join|update|into)\s+"?([a-z_][a-z0-9_]*)"?/gi;

export function listSources(root: string, exts = ['.ts', '.tsx']): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.name === 'node_modules' || e.name === 'dist') continue;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (exts.some((x) => e.name.endsWith(x)) && !e.name.endsWith('.d.ts')) out.push(full);
    }
  };
  walk(root);
  return out.sort();
}

function resolveImport(fromFile: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = path.resolve(path.dirname(fromFile), spec);
  const stem = base.replace(/\.(js|jsx|ts|tsx|mjs)$/, '');
  for (const candidate of [`${stem}.ts`, `${stem}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx'), base]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

const tableOf = (literal: string) => literal.split(/\s+as\s+/i)[0]!.trim();

/** Parses every source file under `root`; `knownTables` limits what `sql` templates count as a table. */
export function readSources(root: string, knownTables: ReadonlySet<string>): SourceFile[] {
  return listSources(root).map((full) => {
    const text = fs.readFileSync(full, 'utf8');
    const sf = ts.createSourceFile(full, text, ts.ScriptTarget.Latest, true, full.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
    const imports = new Set<string>();
    const lazyImports = new Set<string>();
    const tables: SourceFile['tables'] = [];
    const lineOf = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
    const addImport = (spec: string, to = imports) => {
      const r = resolveImport(full, spec);
      if (r) to.add(path.relative(root, r).split(path.sep).join('/'));
    };
    const visit = (node: ts.Node) => {
      if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
        addImport(node.moduleSpecifier.text);
      } else if (ts.isCallExpression(node)) {
        const callee = node.expression;
        if (callee.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) addImport(node.arguments[0].text, lazyImports);
        const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : null;
        const arg = node.arguments[0];
        if (name && QUERY_METHODS.has(name) && arg) {
          const literals = ts.isArrayLiteralExpression(arg) ? arg.elements : [arg];
          for (const l of literals) if (ts.isStringLiteralLike(l)) tables.push({ table: tableOf(l.text), line: lineOf(l) });
        }
        if (name === 'table' && ts.isPropertyAccessExpression(callee) && callee.expression.getText(sf) === 'sql' && arg && ts.isStringLiteralLike(arg)) {
          tables.push({ table: tableOf(arg.text), line: lineOf(arg) });
        }
      } else if (ts.isTaggedTemplateExpression(node) && /^sql(<.*>)?$/s.test(node.tag.getText(sf).replace(/<.*>$/s, ''))) {
        const t = node.template;
        const parts = ts.isNoSubstitutionTemplateLiteral(t) ? [t.text] : [t.head.text, ...t.templateSpans.map((s) => s.literal.text)];
        for (const part of parts) {
          for (const m of part.matchAll(SQL_TABLE_WORDS)) {
            if (knownTables.has(m[1]!)) tables.push({ table: m[1]!, line: lineOf(node) });
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
    return { file: path.relative(root, full).split(path.sep).join('/'), imports: [...imports].sort(), lazyImports: [...lazyImports].sort(), tables };
  });
}

/** The import cycles: each strongly connected component of more than one file (or a file importing itself). */
export function importCycles(files: readonly SourceFile[]): string[][] {
  const edges = new Map(files.map((f) => [f.file, f.imports]));
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  const strong = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!edges.has(w)) continue;
      if (!idx.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1 || (edges.get(v) ?? []).includes(v)) out.push(comp.sort());
    }
  };
  for (const f of files) if (!idx.has(f.file)) strong(f.file);
  return out;
}

/**
 * The tables each room declares: every property of an interface named `…Tables` (or `Database` in db/types.ts,
 * for the few tables the database layer itself keeps) in a file named `tables.ts` or `…Tables.ts`.
 * The owner is the room's folder (`modules/org`, `platform/access`, `db`).
 */
export function tableOwners(root: string): Map<string, string> {
  const owners = new Map<string, string>();
  for (const full of listSources(root, ['.ts'])) {
    const rel = path.relative(root, full).split(path.sep).join('/');
    const isTables = /(^|\/)(tables|[a-z]+Tables)\.ts$/.test(rel) || rel === 'db/types.ts';
    if (!isTables) continue;
    const sf = ts.createSourceFile(full, fs.readFileSync(full, 'utf8'), ts.ScriptTarget.Latest, true);
    const owner = roomOf(rel);
    sf.forEachChild((n) => {
      const members = ts.isInterfaceDeclaration(n) ? n.members : ts.isTypeAliasDeclaration(n) && ts.isTypeLiteralNode(n.type) ? n.type.members : null;
      if (!members || !(ts.isInterfaceDeclaration(n) || ts.isTypeAliasDeclaration(n))) return;
      if (!(n.name.text.endsWith('Tables') || (rel === 'db/types.ts' && n.name.text === 'Database'))) return;
      for (const m of members) {
        if (ts.isPropertySignature(m) && m.name && (ts.isIdentifier(m.name) || ts.isStringLiteral(m.name))) {
          const prev = owners.get(m.name.text);
          if (prev && prev !== owner) throw new Error(`table ${m.name.text} declared by both ${prev} and ${owner}`);
          owners.set(m.name.text, owner);
        }
      }
    });
  }
  return owners;
}

/** The room a file belongs to: `modules/<name>`, `platform/<name>`, or its top folder (`db`, `seed`, …). */
export function roomOf(file: string): string {
  const parts = file.split('/');
  if ((parts[0] === 'modules' || parts[0] === 'platform') && parts.length > 2) return `${parts[0]}/${parts[1]}`;
  if (parts[0] === 'platform') return 'platform';
  return parts.length > 1 ? parts[0]! : '.';
}
