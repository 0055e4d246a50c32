import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { exportPassport, importPassport, listPassports } from '../../src/services/passports.ts';
import { generatedPassport } from '../helpers/documents.ts';
import { ENGINES } from '../helpers/engines.ts';

const ELEMENTS = 10_000;
const PER_ELEMENT = 10;
const USES = ELEMENTS * PER_ELEMENT;

for (const engine of ENGINES) {
  describe(`${engine.name}: a 100 000-material-use passport`, () => {
    let database: Database;
    beforeAll(async () => {
      database = await engine.openMigrated();
    });
    afterAll(async () => {
      await database.close();
    });

    it('imports through COPY, totals exactly, and exports back equal', async () => {
      const doc = generatedPassport('HN-BIG-1', ELEMENTS, PER_ELEMENT);
      const t0 = performance.now();
      const result = await importPassport(database, doc);
      const importMs = performance.now() - t0;
      // massKg of use k is (k mod 1000) + 0.5: 100 blocks of Σ_{j<1000} (j + 0.5) = 500 000
      expect(result).toEqual({
        ref: 'HN-BIG-1',
        version: 1,
        elements: ELEMENTS,
        materialUses: USES,
        massKg: (USES / 1000) * 500_000,
      });
      const counted = await sql<{ m: number; s: number }>`
        SELECT (SELECT count(*)::int FROM material_uses) AS m,
               (SELECT count(*)::int FROM substances) AS s`.execute(database.db);
      expect(counted.rows[0]).toEqual({ m: USES, s: USES / 5 });
      expect((await listPassports(database))[0]?.massKg).toBe(50_000_000);

      const t1 = performance.now();
      const back = await exportPassport(database, 'HN-BIG-1');
      const exportMs = performance.now() - t1;
      expect(back).toEqual(doc);
      console.log(
        `[${engine.name}] import of ${USES} material uses: ${Math.round(importMs)} ms; export: ${Math.round(exportMs)} ms`,
      );
    }, 180_000);
  });
}
