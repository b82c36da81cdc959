// The web's generated API types (web/src/api/schema.gen.ts) must match the server's contracts: the file is
// regenerated in memory from the OpenAPI document and compared with the committed copy.
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { OpenAPI3 } from 'openapi-typescript';
import { GENERATE_COMMAND, GENERATED_TYPES_FILE, buildOpenApiDocument, generatedTypesPath, openApiTypesText } from './openapi.js';

// Always built on a throwaway SQLite directory: the document does not depend on the dialect under test.
describe('web API types from the OpenAPI document [SQLite, whatever the dialect under test]', () => {
  let doc: OpenAPI3;
  beforeAll(async () => {
    doc = await buildOpenApiDocument();
  });

  it(`${GENERATED_TYPES_FILE} is what \`${GENERATE_COMMAND}\` writes now`, async () => {
    const expected = await openApiTypesText(structuredClone(doc));
    const committed = fs.existsSync(generatedTypesPath) ? fs.readFileSync(generatedTypesPath, 'utf8') : '';
    if (committed === expected) return;
    const a = committed.split('\n');
    const b = expected.split('\n');
    let line = 0;
    while (line < a.length && a[line] === b[line]) line++;
    expect.fail(
      `${GENERATED_TYPES_FILE} is stale: a server contract changed since it was generated. ` +
        `Run \`${GENERATE_COMMAND}\` and commit the result. First difference at line ${line + 1}:\n` +
        `  committed: ${a[line] ?? '(end of file)'}\n  expected:  ${b[line] ?? '(end of file)'}`,
    );
  });

  it('every schema reference resolves (a recursive schema needs a name: .meta({ id }))', () => {
    const names = new Set(Object.keys(doc.components?.schemas ?? {}));
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(0);
    expect(refs.filter((r) => !names.has(r))).toEqual([]);
  });
});
