import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { loadMigrations, migrate } from '../../src/db/migrate.ts';
import { exportPassport, importPassport } from '../../src/services/passports.ts';
import { ENGINES } from '../helpers/engines.ts';

const MIGRATIONS = path.resolve(import.meta.dirname, '../../src/db/migrations');

/** Tables the schema must have, from the storage design (others may be added). */
const TABLES = [
  'audit_log',
  'buildings',
  'documents',
  'elements',
  'material_uses',
  'materials',
  'passport_versions',
  'passports',
  'schema_migrations',
  'substances',
];

async function schemaFingerprint(database: Database): Promise<string[]> {
  const { rows } = await sql<{ c: string }>`
    SELECT table_name || '.' || column_name || ':' || data_type AS c
    FROM information_schema.columns WHERE table_schema = 'public'
    ORDER BY 1`.execute(database.db);
  return rows.map((r) => r.c);
}

for (const engine of ENGINES) {
  describe(`${engine.name}: migrations`, () => {
    let database: Database;
    beforeAll(async () => {
      database = await engine.open();
    });
    afterAll(async () => {
      await database.close();
    });

    it('applies every file once; a second run changes nothing', async () => {
      const files = (await readdir(MIGRATIONS)).filter((f) => f.endsWith('.sql')).sort();
      expect(files.length).toBeGreaterThan(0);
      const ids = files.map((f) => f.replace(/\.sql$/, ''));

      const first = await migrate(database);
      expect(first.applied).toEqual(ids);
      expect(first.alreadyApplied).toEqual([]);
      const schema = await schemaFingerprint(database);
      const tables = [...new Set(schema.map((c) => c.split('.')[0]))].sort();
      expect(tables).toEqual(expect.arrayContaining(TABLES));

      const second = await migrate(database);
      expect(second.applied).toEqual([]);
      expect(second.alreadyApplied).toEqual(ids);
      expect(await schemaFingerprint(database)).toEqual(schema);
      const recorded = await database.db
        .selectFrom('schema_migrations')
        .select('id')
        .orderBy('id')
        .execute();
      expect(recorded.map((r) => r.id)).toEqual(ids);
    });

    it('refuses to run when an applied migration was edited', async () => {
      const edited = [{ id: '20261204101529_initial', sql: 'SELECT 1', checksum: 'not-the-same' }];
      await expect(migrate(database, edited)).rejects.toThrow(/changed after it was applied/);
    });
  });

  describe(`${engine.name}: concurrent migrations`, () => {
    it('two runs at once apply each migration exactly once', async () => {
      const database = await engine.open();
      try {
        const [a, b] = await Promise.all([migrate(database), migrate(database)]);
        const files = (await readdir(MIGRATIONS)).filter((f) => f.endsWith('.sql'));
        expect(a.applied.length + b.applied.length).toBe(files.length);
        expect(new Set([...a.applied, ...b.applied]).size).toBe(files.length);
      } finally {
        await database.close();
      }
    });
  });
}

/** Every file under `dir` whose name ends in one of `exts`, recursively. */
async function filesUnder(dir: string, exts: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(p, exts)));
    else if (exts.some((e) => entry.name.endsWith(e))) out.push(p);
  }
  return out;
}

describe('SQL for PostgreSQL 15', () => {
  // PGlite is PostgreSQL 18: without TEST_DATABASE_URL nothing else would notice these.
  const NEWER_THAN_15: [RegExp, string][] = [
    [/\buuidv[47]\s*\(/i, 'uuidv7()/uuidv4() (PostgreSQL 18)'],
    [/\bJSON_TABLE\b/i, 'JSON_TABLE (PostgreSQL 17)'],
    [/\bJSON_(?:QUERY|VALUE|EXISTS|SCALAR|SERIALIZE)\s*\(/i, 'SQL/JSON query functions (17)'],
    [/\bJSON_(?:ARRAY|OBJECT)(?:AGG)?\s*\(/i, 'SQL/JSON constructors (16)'],
    [/\bIS\s+(?:NOT\s+)?JSON\b/i, 'IS JSON (16)'],
    [/\bany_value\s*\(/i, 'any_value() (16)'],
    [/\bpg_input_is_valid\s*\(/i, 'pg_input_is_valid() (16)'],
    [/\bRETURNING\s+(?:OLD|NEW)\b/i, 'RETURNING OLD/NEW (18)'],
    [/\bVIRTUAL\b/i, 'virtual generated columns (18)'],
    [/\bWITHOUT\s+OVERLAPS\b/i, 'temporal keys (18)'],
    [/\bMERGE\b[\s\S]*\bRETURNING\b/i, 'MERGE … RETURNING (17)'],
    [/\bcasefold\s*\(/i, 'casefold() (18)'],
    [/\bSYSTEM_USER\b/i, 'SYSTEM_USER (16)'],
  ];

  it('the migrations and the data layer use nothing PostgreSQL 15 rejects', async () => {
    const root = path.resolve(import.meta.dirname, '../../src/db');
    const found: string[] = [];
    for (const file of await filesUnder(root, ['.sql', '.ts'])) {
      const text = await readFile(file, 'utf8');
      for (const [re, what] of NEWER_THAN_15) {
        if (re.test(text)) found.push(`${path.relative(root, file)}: ${what}`);
      }
    }
    expect(found).toEqual([]);
  });
});

for (const engine of ENGINES) {
  describe(`${engine.name}: upgrading an older database`, () => {
    it('brings a database at the first migration up to the last, keeping its data', async () => {
      const all = await loadMigrations();
      expect(all.length).toBeGreaterThan(1);
      const database = await engine.open();
      try {
        const first = await migrate(database, all.slice(0, 1));
        expect(first.applied).toEqual([all[0]!.id]);
        // data written by the old schema, with the old schema's own SQL
        await sql`INSERT INTO buildings (ref, name, current_version) VALUES ('HN-OLD', 'old', 0)`.execute(
          database.db,
        );
        const later = await migrate(database);
        expect(later.alreadyApplied).toEqual([all[0]!.id]);
        expect(later.applied).toEqual(all.slice(1).map((m) => m.id));
        const old = await database.db
          .selectFrom('buildings')
          .select(['name', 'current_version'])
          .where('ref', '=', 'HN-OLD')
          .executeTakeFirstOrThrow();
        expect(old).toEqual({ name: 'old', current_version: 0 });
        // the upgraded schema is the one a fresh database gets
        const fresh = await engine.openMigrated();
        try {
          expect(await schemaFingerprint(database)).toEqual(await schemaFingerprint(fresh));
          const constraints = async (d: Database) =>
            (
              await sql<{ c: string }>`SELECT conrelid::regclass::text || ':' || conname AS c
                FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY 1`.execute(
                d.db,
              )
            ).rows.map((r) => r.c);
          expect(await constraints(database)).toEqual(await constraints(fresh));
        } finally {
          await fresh.close();
        }
        // and works: the old building gets its first version
        const doc = {
          format: 'matbank/passport@1',
          building: { ref: 'HN-OLD', name: 'new' },
          elements: [{ id: 'e', layer: 'skin', materials: [{ name: 'm', massKg: 1.5 }] }],
        };
        expect((await importPassport(database, doc)).version).toBe(1);
        expect(await exportPassport(database, 'HN-OLD')).toEqual(doc);
      } finally {
        await database.close();
      }
    });

    it('a migration that fails part-way leaves no trace and is applied once fixed', async () => {
      const all = await loadMigrations();
      const database = await engine.open();
      try {
        await migrate(database, all);
        const broken = {
          id: '29991231235959_broken',
          sql: 'CREATE TABLE half_done (id int);\nALTER TABLE no_such_table ADD COLUMN x int;',
          checksum: 'broken',
        };
        await expect(migrate(database, [...all, broken])).rejects.toThrow(/no_such_table/);
        const tables = async () =>
          (
            await sql<{ t: string }>`SELECT table_name AS t FROM information_schema.tables
              WHERE table_schema = 'public' AND table_name = 'half_done'`.execute(database.db)
          ).rows;
        expect(await tables()).toEqual([]);
        const fixed = { ...broken, sql: 'CREATE TABLE half_done (id int);', checksum: 'fixed' };
        const r = await migrate(database, [...all, fixed]);
        expect(r.applied).toEqual([fixed.id]);
        expect(await tables()).toEqual([{ t: 'half_done' }]);
      } finally {
        await database.close();
      }
    });
  });
}
