import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { migrate } from '../../src/db/migrate.ts';
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
