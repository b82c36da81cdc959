// Every document cites files that exist. Reads README.md and every docs/**/*.md and checks, per document:
//
//   1. No mention of `../shared` or `shared/docs`: those notes live outside the repository, so a newcomer who
//      clones it does not have them. Product rules are restated in docs/DOMAIN.md.
//   2. Every backticked path that looks like a repository file exists. Fenced code blocks are not read.
//
// What counts as a path: a backticked span made only of path characters (letters, digits, `_ . - / @`; so
// globs like `*.test.ts`, templates like `<data dir>/backups/`, URLs and API routes such as `/api/v1/todos`
// are left alone) that either ends in .ts, .tsx, .md, .mjs or .sh, or contains a slash and begins with a
// folder of the repository (`server/`, `web/`, `docs/`, `scripts/`, `e2e/`, `.ci/`) or of a source root
// (`modules/`, `platform/`, `db/`, `seed/`, `bench/`, `cli/`, `test/`, `app/`, `api/`, `components/`, `lib/`).
//
// How it resolves (the first that exists wins; a trailing slash means a folder):
//   - a path whose first folder is a folder of the repository root (`server/src/app.ts`, `docs/api/`,
//     `.ci/run`): relative to the repository root, and nowhere else;
//   - any other path with a slash is a short form relative to a source root: `server/src` first, then
//     `web/src` (`modules/org/treeCache.ts` is server/src/modules/org/treeCache.ts,
//     `components/RichText.tsx` is web/src/components/RichText.tsx); a path relative to anything deeper
//     (e.g. `access/roles.ts` for platform/access/roles.ts) does not resolve: write it from a source root;
//   - a bare file name (`kinds.ts`, after the text has named its folder) must be the name of at least one
//     file of the repository.
// Build outputs (`web/dist`, `server/dist`) are allowed to be absent.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SOURCE_ROOTS = ['server/src', 'web/src'];
const ROOT_FOLDERS = ['server', 'web', 'docs', 'scripts', 'e2e', '.ci'];
const SOURCE_FOLDERS = ['modules', 'platform', 'db', 'seed', 'bench', 'cli', 'test', 'app', 'api', 'components', 'lib'];
const FILE_ENDINGS = /\.(ts|tsx|md|mjs|sh)$/;
const PATH_CHARS = /^[A-Za-z0-9_.@/-]+$/;
const BUILD_OUTPUTS = new Set(['web/dist', 'server/dist']);
const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'data', 'coverage', 'test-artifacts']);

/** Repository-relative paths of every file (without node_modules, build output and runtime data). */
function walk(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    if (SKIP_DIRS.has(e.name)) continue;
    const rel = dir ? `${dir}/${e.name}` : e.name;
    if (e.isDirectory()) walk(rel, out);
    else out.push(rel);
  }
  return out;
}

const files = walk('');
const fileNames = new Set(files.map((f) => path.posix.basename(f)));
const documents = files.filter((f) => f === 'README.md' || (f.startsWith('docs/') && f.endsWith('.md'))).sort();

const exists = (rel: string): boolean => {
  const full = path.join(ROOT, rel);
  if (!fs.existsSync(full)) return false;
  return rel.endsWith('/') ? fs.statSync(full).isDirectory() : true;
};

/** Backticked spans outside fenced code blocks. */
function backticked(text: string): string[] {
  const prose = text.replace(/^```[^\n]*\n[\s\S]*?^```[^\n]*$/gm, '');
  return [...prose.matchAll(/`([^`]+)`/g)].map((m) => m[1]!.trim());
}

/** Whether a backticked span is meant as a repository path (see the header). */
function looksLikePath(span: string): boolean {
  if (!PATH_CHARS.test(span) || span.startsWith('/') || (span.startsWith('.') && !span.startsWith('.ci/'))) return false;
  if (FILE_ENDINGS.test(span)) return true;
  if (!span.includes('/')) return false;
  const first = span.split('/')[0]!;
  return ROOT_FOLDERS.includes(first) || SOURCE_FOLDERS.includes(first);
}

/** Null when the path resolves (see the header), else the places that were tried. */
function unresolved(span: string): string | null {
  if (BUILD_OUTPUTS.has(span.replace(/\/$/, ''))) return null;
  if (!span.includes('/')) return fileNames.has(span) ? null : 'no file of the repository has this name';
  const first = span.split('/')[0]!;
  if (ROOT_FOLDERS.includes(first)) return exists(span) ? null : 'not found relative to the repository root';
  if (SOURCE_ROOTS.some((r) => exists(`${r}/${span}`))) return null;
  return `not found under ${SOURCE_ROOTS.join(' or ')}`;
}

function problemsOf(doc: string): string[] {
  const text = fs.readFileSync(path.join(ROOT, doc), 'utf8');
  const out: string[] = [];
  text.split('\n').forEach((line, i) => {
    for (const word of ['../shared', 'shared/docs']) {
      if (line.includes(word)) out.push(`${doc}:${i + 1} mentions ${word}, which is outside the repository (cite docs/DOMAIN.md)`);
    }
  });
  for (const span of new Set(backticked(text).filter(looksLikePath))) {
    const why = unresolved(span);
    if (why) out.push(`${doc}: \`${span}\` ${why}`);
  }
  return out;
}

describe('documents cite files that exist', () => {
  it('finds the documents', () => {
    expect(documents).toContain('README.md');
    expect(documents).toContain('docs/DOMAIN.md');
  });

  it('recognises and resolves paths by the rule of the header', () => {
    expect(looksLikePath('modules/org/treeCache.ts')).toBe(true);
    expect(looksLikePath('docs/api/')).toBe(true);
    expect(looksLikePath('.ci/run')).toBe(true);
    expect(looksLikePath('kinds.ts')).toBe(true);
    expect(looksLikePath('*.test.ts')).toBe(false);
    expect(looksLikePath('<data dir>/backups/')).toBe(false);
    expect(looksLikePath('/api/v1/todos')).toBe(false);
    expect(looksLikePath('orgLife.rules')).toBe(false);
    expect(unresolved('modules/org/treeCache.ts')).toBeNull();
    expect(unresolved('components/RichText.tsx')).toBeNull();
    expect(unresolved('server/src/modules/orgLife/kinds.ts')).toBeNull();
    expect(unresolved('docs/api/')).toBeNull();
    expect(unresolved('kinds.ts')).toBeNull();
    expect(unresolved('web/dist')).toBeNull();
    expect(unresolved('modules/org/nothing.ts')).not.toBeNull();
    expect(unresolved('server/src/nothing.ts')).not.toBeNull();
    expect(unresolved('src/app.ts')).not.toBeNull();
  });

  it.each(documents)('%s', (doc) => {
    expect(problemsOf(doc)).toEqual([]);
  });
});
