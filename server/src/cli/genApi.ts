// npm run gen:api: writes web/src/api/schema.gen.ts, the web's request and response types, from the OpenAPI
// document the server builds in-process from its zod contracts (no server is started, no database is touched).
import fs from 'node:fs';
import { GENERATED_TYPES_FILE, generateApiTypes, generatedTypesPath } from '../openapi.js';

async function main(): Promise<number> {
  const text = await generateApiTypes();
  const before = fs.existsSync(generatedTypesPath) ? fs.readFileSync(generatedTypesPath, 'utf8') : null;
  if (before === text) {
    console.log(`${GENERATED_TYPES_FILE} is up to date`);
    return 0;
  }
  fs.writeFileSync(generatedTypesPath, text);
  console.log(`${GENERATED_TYPES_FILE} written (${text.split('\n').length - 1} lines)`);
  return 0;
}

main().then((code) => process.exit(code), (err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
