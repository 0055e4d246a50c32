/** `npm run gen`: rewrites every generated file (docs/passport.schema.json, docs/openapi.json). */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GENERATED } from './generated.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
for (const file of GENERATED) {
  await writeFile(path.join(root, file.path), await file.content());
  console.log(`wrote ${file.path}`);
}
