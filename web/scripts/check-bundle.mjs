#!/usr/bin/env node
/* global process, console */
// Budget check for the first screen: sums the gzipped size of every JavaScript chunk the
// /login route loads (the entry, the login page chunk, and everything they import statically)
// from the Vite manifest, and fails when it is over the budget. Run after `vite build`.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 350;
const LOGIN_PAGE_SOURCE = 'src/modules/auth/LoginPage.tsx';

const webDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const distDir = join(webDir, 'dist');
const manifestPath = join(distDir, '.vite', 'manifest.json');

let manifest;
try {
  manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
} catch (e) {
  console.error(`Cannot read ${manifestPath} (${e.message}). Run \`npm run build -w web\` first.`);
  process.exit(2);
}

const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry);
if (!entryKey) {
  console.error('The manifest has no entry chunk.');
  process.exit(2);
}
if (!manifest[LOGIN_PAGE_SOURCE]) {
  console.error(`The manifest has no chunk for ${LOGIN_PAGE_SOURCE}; is the login page still lazy-loaded?`);
  process.exit(2);
}

/** The chunk and, recursively, every chunk it imports statically (dynamic imports load later). */
function closure(key, seen = new Set()) {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const dep of manifest[key]?.imports ?? []) closure(dep, seen);
  return seen;
}

const keys = closure(LOGIN_PAGE_SOURCE, closure(entryKey));
const files = [...new Set([...keys].map((k) => manifest[k].file).filter((f) => f.endsWith('.js')))];

let total = 0;
const rows = [];
for (const file of files) {
  const bytes = readFileSync(join(distDir, file));
  const gz = gzipSync(bytes, { level: 9 }).length;
  total += gz;
  rows.push({ file, raw: bytes.length, gz });
}
rows.sort((a, b) => b.gz - a.gz);

const kb = (n) => (n / 1024).toFixed(1);
for (const r of rows) console.log(`${kb(r.gz).padStart(8)} KB gz  ${kb(r.raw).padStart(8)} KB  ${r.file}`);
const totalKb = total / 1024;
console.log(`login route JavaScript: ${totalKb.toFixed(1)} KB gzipped in ${rows.length} chunks (budget ${BUDGET_KB} KB)`);
if (totalKb > BUDGET_KB) {
  console.error(`Over budget by ${(totalKb - BUDGET_KB).toFixed(1)} KB: split the login route further.`);
  process.exit(1);
}
