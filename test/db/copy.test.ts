import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvField, csvRecord } from '../../src/db/copy.ts';
import type { Database } from '../../src/db/database.ts';
import {
  ensurePassport,
  insertVersion,
  upsertBuildingNextVersion,
} from '../../src/db/repositories/passports.ts';
import { validatePassport } from '../../src/core/passport/validate.ts';
import { exportPassport, importPassport } from '../../src/services/passports.ts';
import { richPassport } from '../helpers/documents.ts';
import { ENGINES } from '../helpers/engines.ts';

/** Strings that break naive CSV, COPY text format or encodings. */
const AWKWARD = [
  'plain',
  'comma, inside',
  'quote " inside',
  '""',
  '"',
  'new\nline',
  'carriage\r\nreturn',
  'tab\there',
  'back\\slash',
  '\\N',
  '\\.',
  'NULL',
  ' leading and trailing spaces ',
  'Nguyễn Thị Hằng — Phường Điện Biên, Quận Ba Đình, Hà Nội',
  'emoji 🏗️ and CJK 建筑',
  ',',
  '\n',
];

describe('csv encoding', () => {
  it('quotes every string and doubles its quotes; NULL is an empty unquoted field', () => {
    expect(csvField('a"b')).toBe('"a""b"');
    expect(csvField('')).toBe('""');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField('\\.')).toBe('"\\."');
    expect(csvField(true)).toBe('t');
    expect(csvField(0.1)).toBe('0.1');
    expect(csvField(-0.005)).toBe('-0.005');
    expect(csvRecord(['x', null, 3, ''])).toBe('"x",,3,""\n');
  });

  it('refuses non-finite numbers instead of writing text the column would misread', () => {
    expect(() => csvField(Number.NaN)).toThrow(/non-finite/);
    expect(() => csvField(Number.POSITIVE_INFINITY)).toThrow(/non-finite/);
  });
});

for (const engine of ENGINES) {
  describe(`${engine.name}: BulkCopy`, () => {
    let database: Database;
    beforeAll(async () => {
      database = await engine.openMigrated();
    });
    afterAll(async () => {
      await database.close();
    });

    it('round-trips awkward strings, and keeps NULL apart from the empty string', async () => {
      const rows = AWKWARD.map((s, i) => [`csv-${i}`, s, i % 2 === 0 ? null : ''] as const);
      const copied = await database.db
        .transaction()
        .execute((trx) =>
          database.copy.copyInto(trx, 'buildings', ['ref', 'name', 'address'], rows),
        );
      expect(copied).toBe(AWKWARD.length);
      const back = await database.db
        .selectFrom('buildings')
        .select(['ref', 'name', 'address'])
        .where('ref', 'like', 'csv-%')
        .execute();
      const byRef = new Map(back.map((r) => [r.ref, r]));
      AWKWARD.forEach((s, i) => {
        const r = byRef.get(`csv-${i}`);
        expect(r?.name).toBe(s);
        expect(r?.address).toBe(i % 2 === 0 ? null : '');
      });
    });

    it('sees its rows inside the transaction and loses them when the transaction fails later', async () => {
      const before = await countBuildings(database);
      let seenInside = -1;
      await expect(
        database.db.transaction().execute(async (trx) => {
          await trx.insertInto('buildings').values({ ref: 'rb-0' }).execute();
          await database.copy.copyInto(trx, 'buildings', ['ref'], [['rb-1'], ['rb-2'], ['rb-3']]);
          const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM buildings
            WHERE ref LIKE 'rb-%'`.execute(trx);
          seenInside = rows[0]!.n;
          throw new Error('fail after COPY');
        }),
      ).rejects.toThrow('fail after COPY');
      expect(seenInside).toBe(4);
      expect(await countBuildings(database)).toBe(before);
    });

    it('a COPY the database rejects rolls back the whole transaction, and the connection stays usable', async () => {
      const before = await countBuildings(database);
      await expect(
        database.db.transaction().execute(async (trx) => {
          await trx.insertInto('buildings').values({ ref: 'rj-0' }).execute();
          // storeys is an integer column: the second row cannot be stored
          await database.copy.copyInto(
            trx,
            'buildings',
            ['ref', 'storeys'],
            [
              ['rj-1', 3],
              ['rj-2', 2.5],
            ],
          );
        }),
      ).rejects.toThrow(/integer/);
      expect(await countBuildings(database)).toBe(before);
      const { rows } = await sql<{ one: number }>`SELECT 1 AS one`.execute(database.db);
      expect(rows[0]!.one).toBe(1);
    });

    it('a COPY rejected in the middle of a passport version leaves the previous version intact', async () => {
      const ref = 'HN-COPY-FAIL';
      const v1 = richPassport(ref);
      expect((await importPassport(database, v1)).version).toBe(1);
      const v2 = validatePassport({ ...v1, building: { ref, name: 'second' } });
      if (!v2.ok) throw new Error('test document invalid');
      await expect(
        database.db.transaction().execute(async (trx) => {
          const { buildingId, version } = await upsertBuildingNextVersion(
            trx,
            v2.passport.building,
          );
          expect(version).toBe(2);
          await ensurePassport(trx, buildingId);
          await insertVersion(trx, database.copy, {
            buildingId,
            version,
            passport: v2.passport,
            indicators: undefined,
            actor: 'test',
          });
          // a second material use 0 of element 0: the primary key refuses it
          await database.copy.copyInto(
            trx,
            'material_uses',
            ['building_id', 'version', 'element_ordinal', 'ordinal', 'name'],
            [[buildingId, version, 0, 0, 'duplicate']],
          );
        }),
      ).rejects.toThrow(/duplicate key/);
      expect(await exportPassport(database, ref)).toEqual(v1);
      const b = await database.db
        .selectFrom('buildings')
        .select(['id', 'current_version', 'name'])
        .where('ref', '=', ref)
        .executeTakeFirstOrThrow();
      expect(b.current_version).toBe(1);
      expect(b.name).toBe((v1.building as { name: string }).name);
      const v2Rows = await database.db
        .selectFrom('elements')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('building_id', '=', b.id)
        .where('version', '=', 2)
        .executeTakeFirstOrThrow();
      expect(v2Rows.n).toBe(0);
    });

    it('refuses to run outside a transaction', async () => {
      await expect(
        database.copy.copyInto(database.db, 'buildings', ['ref'], [['x']]),
      ).rejects.toThrow(/inside a transaction/);
    });
  });
}

async function countBuildings(database: Database): Promise<number> {
  const r = await database.db
    .selectFrom('buildings')
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  return r.n;
}
