/**
 * The database engines every data-layer test runs on: PGlite in memory always, and
 * PostgreSQL when TEST_DATABASE_URL is set. Each `open()` on PostgreSQL creates a fresh
 * database with a random name on that URL's server and drops it again on `close()`.
 *
 *   for (const engine of ENGINES) describe(engine.name, () => { … })
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Database } from '../../src/db/database.ts';
import { openDatabase } from '../../src/db/database.ts';
import { migrate } from '../../src/db/migrate.ts';

/** One engine to run a suite on. */
export interface TestEngine {
  name: 'pglite' | 'postgres';
  /** A new, empty database (not migrated). `close()` also removes it. */
  open(): Promise<Database>;
  /** A new database with all migrations applied. */
  openMigrated(): Promise<Database>;
}

const serverUrl = process.env.TEST_DATABASE_URL?.trim() || undefined;

async function openFreshPostgres(url: string): Promise<Database> {
  const name = `matbank_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const u = new URL(url);
  u.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: u.toString() });
  return {
    ...database,
    async close() {
      await database.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

function engine(name: TestEngine['name'], open: () => Promise<Database>): TestEngine {
  return {
    name,
    open,
    async openMigrated() {
      const database = await open();
      await migrate(database);
      return database;
    },
  };
}

/** The engines to test on, PGlite first. */
export const ENGINES: readonly TestEngine[] = [
  engine('pglite', () => openDatabase({ memory: true })),
  ...(serverUrl !== undefined ? [engine('postgres', () => openFreshPostgres(serverUrl))] : []),
];

/** The PostgreSQL server URL of the test run, if any. */
export const TEST_DATABASE_URL: string | undefined = serverUrl;
