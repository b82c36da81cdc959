// The rules of the house that a reviewer would otherwise check by eye (docs/ARCHITECTURE.md, "Rooms and who may use
// whom"): no import cycles in the server or the web; a module names only its own tables in SQL and reads others'
// data through their exported functions; the platform never imports a module; a module uses another only through
// its index.ts and only if the dependency picture allows it.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importCycles, readSources, roomOf, tableOwners, type SourceFile } from './test/sourceGraph.js';

const serverSrc = path.dirname(fileURLToPath(import.meta.url));
const webSrc = path.resolve(serverSrc, '../../web/src');

/** Modules that form one room: the people register (units, staff, members and their shared rules) owns its tables together. */
const ROOM_OF_MODULE: Readonly<Record<string, string>> = {
  'modules/units': 'modules/people', 'modules/staff': 'modules/people', 'modules/members': 'modules/people', 'modules/people': 'modules/people',
};

/**
 * Which module may use which (the picture in docs/ARCHITECTURE.md). Lower rooms never use higher ones: a higher
 * room that must appear in a lower one registers into it (info sources, metrics, 待办, the organisation module's
 * people port) when the platform is created.
 */
const MODULE_DEPENDENCIES: Readonly<Record<string, readonly string[]>> = {
  'modules/org': [],
  'modules/people': ['modules/org'],
  'modules/info': ['modules/org', 'modules/people'],
  'modules/tasks': ['modules/org', 'modules/people'],
  'modules/orgLife': ['modules/org', 'modules/people', 'modules/info', 'modules/tasks'],
  'modules/assessment': ['modules/org', 'modules/people', 'modules/info', 'modules/tasks'],
  'modules/publicity': ['modules/org', 'modules/people', 'modules/info', 'modules/tasks'],
  'modules/campaigns': ['modules/org', 'modules/people', 'modules/info', 'modules/tasks'],
  'modules/proposals': ['modules/org', 'modules/people', 'modules/info', 'modules/tasks'],
  'modules/volunteer': ['modules/org', 'modules/people', 'modules/info', 'modules/tasks', 'modules/orgLife'],
  'modules/incentives': ['modules/org', 'modules/people', 'modules/info', 'modules/tasks', 'modules/orgLife', 'modules/assessment', 'modules/volunteer'],
  'modules/training': ['modules/org', 'modules/people', 'modules/info', 'modules/tasks', 'modules/orgLife', 'modules/assessment'],
  'modules/transfers': ['modules/org', 'modules/people'],
  'modules/recruitment': ['modules/org', 'modules/people', 'modules/info', 'modules/tasks', 'modules/orgLife'],
  'modules/dashboard': ['modules/org'],
  'modules/me': ['modules/org', 'modules/people'],
  'modules/dues': ['modules/org', 'modules/people'],
  'modules/display': ['modules/org', 'modules/dashboard'],
  'modules/reports': ['modules/org'],
};

/** Platform parts that read a module's table, and why they may. */
const PLATFORM_READS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'platform/access': {
    organisations: 'a grant covers an organisation subtree, so loading grants needs their paths; access sits below every module and cannot import org',
  },
};

const roomFor = (file: string) => {
  const r = roomOf(file);
  return ROOM_OF_MODULE[r] ?? r;
};

/** Files the ownership rule applies to: the server's own code, not its tests or test helpers. */
const checked = (f: SourceFile) => !f.file.endsWith('.test.ts') && !/(^|\/)testing\.ts$/.test(f.file);

function ownershipProblems(files: readonly SourceFile[], owners: ReadonlyMap<string, string>): string[] {
  const problems: string[] = [];
  for (const f of files.filter(checked)) {
    const room = roomFor(f.file);
    const isModule = room.startsWith('modules/');
    const isPlatform = room === 'platform' || room.startsWith('platform/');
    if (!isModule && !isPlatform) continue;
    for (const { table, line } of f.tables) {
      const owner = owners.get(table);
      if (!owner) continue;
      const ownerRoom = ROOM_OF_MODULE[owner] ?? owner;
      if (ownerRoom === room) continue;
      if (isPlatform && !ownerRoom.startsWith('modules/')) continue;
      if (isPlatform && PLATFORM_READS[room]?.[table]) continue;
      const who = ownerRoom === 'db' ? 'the platform (db/types.ts): use its readers (platform/accounts, platform/access)' : `${ownerRoom}: use its exported readers`;
      problems.push(`${f.file}:${line} names table ${table}, owned by ${who}`);
    }
  }
  return problems;
}

function dependencyProblems(files: readonly SourceFile[]): string[] {
  const problems: string[] = [];
  for (const f of files.filter(checked)) {
    const from = roomFor(f.file);
    for (const to of f.imports) {
      const target = roomFor(to);
      if (target === from) continue;
      if (from.startsWith('platform') && to.startsWith('modules/')) problems.push(`${f.file} imports ${to}: the platform never imports a module`);
      if (from === 'db' && to.startsWith('modules/') && !/\/(tables|[a-z]+Tables)\.ts$/.test(to)) problems.push(`${f.file} imports ${to}: the database layer reads only modules' tables.ts`);
      if (!from.startsWith('modules/') || !to.startsWith('modules/')) continue;
      if (!/\/index\.ts$/.test(to)) problems.push(`${f.file} imports ${to}: use ${target}/index.ts, what that module offers others`);
      if (!(MODULE_DEPENDENCIES[from] ?? []).includes(target)) problems.push(`${f.file} imports ${to}: ${from} may not use ${target} (MODULE_DEPENDENCIES)`);
    }
  }
  return [...new Set(problems)];
}

describe('the rooms and their rules', () => {
  const owners = tableOwners(serverSrc);
  const server = readSources(serverSrc, new Set(owners.keys()));

  it('finds the tables and their owners (the check reads real declarations)', () => {
    expect(owners.get('organisations')).toBe('modules/org');
    expect(owners.get('members')).toBe('modules/people');
    expect(owners.get('tasks')).toBe('modules/tasks');
    expect(owners.get('appraisals')).toBe('modules/assessment');
    expect(owners.get('users')).toBe('db');
    expect(owners.size).toBeGreaterThan(50);
  });

  it('has no import cycle in the server', () => {
    expect(server.length).toBeGreaterThan(250);
    expect(importCycles(server)).toEqual([]);
  });

  it('has no import cycle in the web', () => {
    const web = readSources(webSrc, new Set());
    expect(web.length).toBeGreaterThan(100);
    expect(importCycles(web)).toEqual([]);
  });

  it('lets each module name only its own tables', () => {
    expect(ownershipProblems(server, owners)).toEqual([]);
  });

  it('keeps the platform below the modules, and each module to the modules it may use, through their index.ts', () => {
    expect(dependencyProblems(server)).toEqual([]);
    for (const room of new Set(server.map((f) => roomFor(f.file)).filter((r) => r.startsWith('modules/')))) {
      expect(Object.keys(MODULE_DEPENDENCIES), `${room} is in the dependency picture`).toContain(room);
    }
  });

  it('names what breaks each rule (the checks are not vacuous)', () => {
    const fake = (file: string, imports: string[], tables: string[] = []): SourceFile => ({ file, imports, lazyImports: [], tables: tables.map((table) => ({ table, line: 7 })) });
    expect(importCycles([fake('a.ts', ['b.ts']), fake('b.ts', ['c.ts']), fake('c.ts', ['a.ts']), fake('d.ts', ['a.ts'])])).toEqual([['a.ts', 'b.ts', 'c.ts']]);
    expect(ownershipProblems([
      fake('modules/members/queries.ts', [], ['staff', 'members', 'users']),
      fake('platform/access/actor.ts', [], ['grants', 'organisations']),
      fake('platform/notify/todos.ts', [], ['members']),
    ], owners)).toEqual([
      'modules/members/queries.ts:7 names table users, owned by the platform (db/types.ts): use its readers (platform/accounts, platform/access)',
      'platform/notify/todos.ts:7 names table members, owned by modules/people: use its exported readers',
    ]);
    expect(dependencyProblems([
      fake('modules/org/service.ts', ['modules/members/index.ts']),
      fake('modules/tasks/service.ts', ['modules/org/queries.ts']),
      fake('platform/jobs/runner.ts', ['modules/tasks/index.ts']),
    ])).toEqual([
      'modules/org/service.ts imports modules/members/index.ts: modules/org may not use modules/people (MODULE_DEPENDENCIES)',
      'modules/tasks/service.ts imports modules/org/queries.ts: use modules/org/index.ts, what that module offers others',
      'platform/jobs/runner.ts imports modules/tasks/index.ts: the platform never imports a module',
    ]);
  });
});
