// The Node.js line a run says it tests is the one it runs on (scripts/test.mjs asks for 24 in its LTS suite), and
// never one below what package.json's engines promise.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const major = (v: string) => Number(v.replace(/^v/, '').split('.')[0]);

describe('runtime', () => {
  it('runs on the Node.js line the run names, within the declared engines', () => {
    const expected = process.env.DANGJIAN_EXPECT_NODE;
    if (expected) expect(major(process.version)).toBe(Number(expected));
    const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
    const engines = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
    const [minMajor, minMinor] = engines.replace(/^>=\s*/, '').split('.').map(Number) as [number, number];
    const [curMajor, curMinor] = process.versions.node.split('.').map(Number) as [number, number];
    expect(curMajor > minMajor || (curMajor === minMajor && curMinor >= minMinor), `Node ${process.version} is below engines ${engines}`).toBe(true);
  });
});
