import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GENERATED } from '../../tools/generated.ts';

const root = path.resolve(import.meta.dirname, '../..');

describe('generated files are up to date (run `npm run gen` after changing a schema)', () => {
  for (const file of GENERATED) {
    it(file.path, async () => {
      const committed = await readFile(path.join(root, file.path), 'utf8');
      expect(committed).toBe(await file.content());
    });
  }
});
