import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.ts';
import { listAudit } from '../../src/db/repositories/audit.ts';
import {
  exportPassport,
  getIndicators,
  importPassport,
  listBuildings,
  listPassports,
  listReferenceMaterials,
  upsertReferenceMaterials,
} from '../../src/services/passports.ts';
import { libraryMaterials, RICH_PASSPORT_MASS_KG, richPassport } from '../helpers/documents.ts';
import { matbankRejection as rejection, rowCounts } from '../helpers/database.ts';
import { ENGINES, TEST_DATABASE_URL } from '../helpers/engines.ts';

const tiny = (ref: string, massesKg: number[], name = 'tiny'): Record<string, unknown> => ({
  format: 'matbank/passport@1',
  building: { ref, name },
  elements: [
    {
      id: 'e',
      layer: 'structure',
      materials: massesKg.map((m, i) => ({ name: `m${i}`, massKg: m })),
    },
  ],
});

for (const engine of ENGINES) {
  describe(`${engine.name}: passports`, () => {
    let database: Database;
    beforeAll(async () => {
      database = await engine.openMigrated();
    });
    afterAll(async () => {
      await database.close();
    });

    it('round-trips a document that uses every field of the format', async () => {
      const doc = richPassport('HN-RICH-1');
      const result = await importPassport(database, doc, { actor: 'tester' });
      expect(result).toEqual({
        ref: 'HN-RICH-1',
        version: 1,
        elements: 3,
        materialUses: 6,
        massKg: RICH_PASSPORT_MASS_KG,
      });
      const back = await exportPassport(database, 'HN-RICH-1');
      expect(back).toEqual(doc);
      // toEqual ignores keys whose value is undefined; absent must stay absent
      expect(JSON.parse(JSON.stringify(back))).toEqual(doc);
      const e2 = back.elements[1] as unknown as Record<string, unknown>;
      expect(Object.keys(e2).sort()).toEqual([
        'classification',
        'id',
        'layer',
        'materials',
        'product',
      ]);
      expect(e2.product).toEqual({});
      expect(back.elements[0]!.materials[1]!.substances).toEqual([]);
      expect(back.elements[0]!.materials[2]!.substances).toBeUndefined();
      expect('substances' in back.elements[0]!.materials[2]!).toBe(false);
    });

    it('lists the building with the fields of its current version', async () => {
      const doc = richPassport('HN-RICH-1') as { building: Record<string, unknown> };
      const listed = (await listBuildings(database)).find((b) => b.ref === 'HN-RICH-1');
      const { updatedAt, ...rest } = listed!;
      expect(rest).toEqual({ ...doc.building, version: 1 });
      expect(Number.isNaN(Date.parse(updatedAt))).toBe(false);
    });

    it('sums masses exactly in decimal (0.1 + 0.2 = 0.3, not 0.30000000000000004)', async () => {
      const r = await importPassport(database, tiny('HN-SUM', [0.1, 0.2]));
      expect(r.massKg).toBe(0.3);
      const listed = (await listPassports(database)).find((p) => p.ref === 'HN-SUM');
      expect(listed?.massKg).toBe(0.3);
    });

    it('refuses an invalid document with the path named, and stores nothing', async () => {
      const before = await rowCounts(database);
      const doc = richPassport('HN-BAD-1') as {
        elements: { materials: Record<string, unknown>[] }[];
      };
      doc.elements[0]!.materials[0]!.endOfLife = { recycle: 0.8, landfill: 0.5 };
      doc.elements[2]!.materials[1]!.massKg = -1;
      const err = await rejection(importPassport(database, doc));
      expect(err.code).toBe('VALIDATION_FAILED');
      expect(err.message).toBe('passport document is invalid');
      expect(err.details).toContainEqual({
        path: 'elements[0].materials[0].endOfLife',
        message: 'fractions sum to 1.3, must be 1',
      });
      expect(err.details.map((d) => d.path)).toContain('elements[2].materials[1].massKg');
      expect(await rowCounts(database)).toEqual(before);
    });

    it('refuses text PostgreSQL cannot store (NUL) with its path, and stores nothing', async () => {
      const before = await rowCounts(database);
      const doc = tiny('HN-NUL', [1]) as { elements: { materials: { name: string }[] }[] };
      doc.elements[0]!.materials[0]!.name = 'a\u0000b';
      const err = await rejection(importPassport(database, doc));
      expect(err.code).toBe('VALIDATION_FAILED');
      expect(err.details).toEqual([
        {
          path: 'elements[0].materials[0].name',
          message: 'must not contain the NUL character (U+0000)',
        },
      ]);
      expect(await rowCounts(database)).toEqual(before);
    });

    it('re-import of a ref creates version 2 and keeps version 1 exportable as it was', async () => {
      const v1 = tiny('HN-VER', [10, 20], 'first name');
      const v2 = tiny('HN-VER', [7], 'second name');
      expect((await importPassport(database, v1)).version).toBe(1);
      const r2 = await importPassport(database, v2);
      expect(r2).toEqual({ ref: 'HN-VER', version: 2, elements: 1, materialUses: 1, massKg: 7 });
      expect(await exportPassport(database, 'HN-VER')).toEqual(v2);
      expect(await exportPassport(database, 'HN-VER', 2)).toEqual(v2);
      expect(await exportPassport(database, 'HN-VER', 1)).toEqual(v1);
      const buildings = (await listBuildings(database)).filter((b) => b.ref === 'HN-VER');
      expect(buildings).toHaveLength(1);
      expect(buildings[0]).toMatchObject({ ref: 'HN-VER', name: 'second name', version: 2 });
      const listed = (await listPassports(database)).find((p) => p.ref === 'HN-VER');
      expect(listed).toEqual({
        ref: 'HN-VER',
        name: 'second name',
        version: 2,
        elements: 1,
        massKg: 7,
      });
    });

    it('a failure just before COMMIT leaves nothing behind and the previous version intact', async () => {
      const v1 = tiny('HN-ROLLBACK', [1, 2, 3]);
      await importPassport(database, v1);
      const before = await rowCounts(database);
      const v2 = richPassport('HN-ROLLBACK');
      await expect(
        importPassport(database, v2, {
          beforeCommit: () => Promise.reject(new Error('injected failure')),
        }),
      ).rejects.toThrow('injected failure');
      expect(await rowCounts(database)).toEqual(before);
      expect(await exportPassport(database, 'HN-ROLLBACK')).toEqual(v1);
      const listed = (await listPassports(database)).find((p) => p.ref === 'HN-ROLLBACK');
      expect(listed?.version).toBe(1);
      // and a first import that fails leaves no building at all
      await expect(
        importPassport(database, tiny('HN-NEVER', [1]), {
          beforeCommit: () => Promise.reject(new Error('again')),
        }),
      ).rejects.toThrow('again');
      expect((await listBuildings(database)).some((b) => b.ref === 'HN-NEVER')).toBe(false);
    });

    it('two concurrent imports of different buildings both land whole', async () => {
      const a = richPassport('HN-CONC-A');
      const b = tiny('HN-CONC-B', [4, 5, 6]);
      const slow = () => new Promise<void>((resolve) => setTimeout(resolve, 50));
      const [ra, rb] = await Promise.all([
        importPassport(database, a, { beforeCommit: slow }),
        importPassport(database, b, { beforeCommit: slow }),
      ]);
      expect(ra.version).toBe(1);
      expect(rb).toEqual({
        ref: 'HN-CONC-B',
        version: 1,
        elements: 1,
        materialUses: 3,
        massKg: 15,
      });
      expect(await exportPassport(database, 'HN-CONC-A')).toEqual(a);
      expect(await exportPassport(database, 'HN-CONC-B')).toEqual(b);
    });

    it('concurrent imports stay apart: one failing does not take the other with it', async () => {
      const good = tiny('HN-APART-OK', [1, 2]);
      const bad = tiny('HN-APART-FAIL', [3]);
      const slow = () => new Promise<void>((resolve) => setTimeout(resolve, 30));
      const [ok, failed] = await Promise.allSettled([
        importPassport(database, good, { beforeCommit: slow }),
        importPassport(database, bad, {
          beforeCommit: async () => {
            await slow();
            throw new Error('second import fails');
          },
        }),
      ]);
      expect(ok.status).toBe('fulfilled');
      expect(failed.status).toBe('rejected');
      expect(await exportPassport(database, 'HN-APART-OK')).toEqual(good);
      expect((await listBuildings(database)).some((b) => b.ref === 'HN-APART-FAIL')).toBe(false);
    });

    it('two concurrent imports of the same ref get versions 1 and 2', async () => {
      const docs = [tiny('HN-SAME', [1], 'one'), tiny('HN-SAME', [2], 'two')];
      const results = await Promise.all(docs.map((d) => importPassport(database, d)));
      expect(results.map((r) => r.version).sort()).toEqual([1, 2]);
      for (const [i, r] of results.entries()) {
        expect(await exportPassport(database, 'HN-SAME', r.version)).toEqual(docs[i]);
      }
    });

    it('stores the indicators computed at import', async () => {
      const indicators = { massKg: { total: 6 }, carbon: { A1A3: null, perM2: 0.5 }, list: [1, 2] };
      let seen: unknown;
      await importPassport(database, tiny('HN-IND', [1, 2, 3]), {
        computeIndicators: (p) => {
          seen = p.building.ref;
          return indicators;
        },
      });
      expect(seen).toBe('HN-IND');
      const stored = await getIndicators(database, 'HN-IND');
      expect(stored).toMatchObject({ ref: 'HN-IND', version: 1, indicators });
      await importPassport(database, tiny('HN-IND', [1]));
      expect((await getIndicators(database, 'HN-IND')).indicators).toBeNull();
      expect((await getIndicators(database, 'HN-IND', 1)).indicators).toEqual(indicators);
    });

    it('NOT_FOUND names the ref (and the version)', async () => {
      const e1 = await rejection(exportPassport(database, 'HN-NOPE'));
      expect(e1.code).toBe('NOT_FOUND');
      expect(e1.message).toContain('HN-NOPE');
      await importPassport(database, tiny('HN-ONE', [1]));
      const e2 = await rejection(exportPassport(database, 'HN-ONE', 7));
      expect(e2.code).toBe('NOT_FOUND');
      expect(e2.message).toContain('HN-ONE');
      expect(e2.message).toContain('7');
      expect((await rejection(getIndicators(database, 'HN-NOPE'))).code).toBe('NOT_FOUND');
    });

    it('audits every import in the same transaction', async () => {
      await importPassport(database, tiny('HN-AUDIT', [1, 2]), { actor: 'alice' });
      await importPassport(database, tiny('HN-AUDIT', [3]), {
        actor: 'mallory',
        beforeCommit: () => Promise.reject(new Error('no')),
      }).catch(() => undefined);
      const building = (
        await database.db
          .selectFrom('buildings')
          .select('id')
          .where('ref', '=', 'HN-AUDIT')
          .executeTakeFirstOrThrow()
      ).id;
      const entries = await listAudit(database.db, { buildingId: building });
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({
        action: 'passport.import',
        entity: 'passport',
        entityId: 'HN-AUDIT@1',
        actor: 'alice',
        buildingId: building,
        data: { ref: 'HN-AUDIT', version: 1, elements: 1, materialUses: 2, massKg: '3' },
      });
    });

    it('upserts the reference materials with every field, and replaces them by id', async () => {
      const mats = libraryMaterials();
      expect(await upsertReferenceMaterials(database, mats)).toEqual({ upserted: 2 });
      expect(await listReferenceMaterials(database)).toEqual(mats);
      const changed = { ...mats[0]!, densityKgPerM3: 2450, synonyms: ['mới'] };
      await upsertReferenceMaterials(database, [changed], { actor: 'librarian' });
      expect(await listReferenceMaterials(database)).toEqual([changed, mats[1]]);
      const audit = (await listAudit(database.db)).filter((a) => a.action === 'materials.upsert');
      expect(audit.map((a) => a.actor)).toEqual(['system', 'librarian']);
      expect(audit[0]!.buildingId).toBeUndefined();
    });

    it.runIf(engine.name === 'postgres')(
      'a connection lost in the middle of an import is DB_UNAVAILABLE and stores nothing',
      async () => {
        const before = await rowCounts(database);
        const { rows } = await sql<{ d: string }>`SELECT current_database() AS d`.execute(
          database.db,
        );
        const dbName = rows[0]!.d;
        const err = await rejection(
          importPassport(database, tiny('HN-CUT', [1]), {
            beforeCommit: async () => {
              // another session ends every connection of this database, the import's too
              const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
              await admin.connect();
              try {
                await admin.query(
                  'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1',
                  [dbName],
                );
              } finally {
                await admin.end();
              }
            },
          }),
        );
        expect(err.code).toBe('DB_UNAVAILABLE');
        // Counted through a new pool: the old one's idle connections were terminated too,
        // and one of them could be handed out before the pool has noticed.
        const url = new URL(TEST_DATABASE_URL!);
        url.pathname = `/${dbName}`;
        const fresh = await openDatabase({ databaseUrl: url.toString() });
        try {
          expect(await rowCounts(fresh)).toEqual(before);
          expect((await listBuildings(fresh)).some((b) => b.ref === 'HN-CUT')).toBe(false);
        } finally {
          await fresh.close();
        }
      },
    );
  });
}
