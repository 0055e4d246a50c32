/**
 * Schema migrations: the files src/db/migrations/YYYYMMDDHHMMSS_name.sql, applied in name
 * order, each in its own transaction together with its row in schema_migrations.
 *
 * Every transaction first takes a transaction-scoped advisory lock, so two servers
 * starting at once against one PostgreSQL apply each migration once: the second waits,
 * then sees the migration recorded and skips it. (PGlite has one session; the lock is
 * harmless there and keeps the SQL the same.)
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';
import { MatbankError } from '../core/errors.ts';
import type { Database } from './database.ts';
import type { DB } from './types.ts';

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
const FILE_NAME = /^(\d{14})_([a-z0-9_]+)\.sql$/;
/** Arbitrary constant: the advisory lock key of matbank's migrations. */
const LOCK_KEY = 73_029_162_026;

/** One migration file. */
export interface Migration {
  /** File name without `.sql`, e.g. `20261204101529_initial`. */
  id: string;
  sql: string;
  checksum: string;
}

/** What {@link migrate} did. */
export interface MigrateResult {
  applied: string[];
  alreadyApplied: string[];
}

/** Reads the migration files in order. Throws INTERNAL on a file name that breaks the rule. */
export async function loadMigrations(dir: string = MIGRATIONS_DIR): Promise<Migration[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.sql')).sort();
  const out: Migration[] = [];
  for (const name of names) {
    if (!FILE_NAME.test(name)) {
      throw new MatbankError(
        'INTERNAL',
        `migration file ${name} must be named YYYYMMDDHHMMSS_name.sql (lower case)`,
      );
    }
    const text = await readFile(path.join(dir, name), 'utf8');
    out.push({
      id: name.slice(0, -'.sql'.length),
      sql: text,
      checksum: createHash('sha256').update(text).digest('hex'),
    });
  }
  return out;
}

/**
 * Applies the pending migrations; running it again changes nothing. Throws INTERNAL if an
 * applied migration's file has changed since (a migration is never edited, only added).
 */
export async function migrate(
  database: Database,
  migrations?: readonly Migration[],
): Promise<MigrateResult> {
  const list = migrations ?? (await loadMigrations());
  const { db } = database;
  await db.transaction().execute(async (trx) => {
    await lock(trx);
    await sql`CREATE TABLE IF NOT EXISTS schema_migrations (
      id text PRIMARY KEY,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`.execute(trx);
  });
  const result: MigrateResult = { applied: [], alreadyApplied: [] };
  for (const m of list) {
    const applied = await db.transaction().execute(async (trx) => {
      await lock(trx);
      const row = await trx
        .selectFrom('schema_migrations')
        .select('checksum')
        .where('id', '=', m.id)
        .executeTakeFirst();
      if (row !== undefined) {
        if (row.checksum !== m.checksum) {
          throw new MatbankError(
            'INTERNAL',
            `migration ${m.id} was changed after it was applied (add a new migration instead)`,
          );
        }
        return false;
      }
      // No parameters: sent as a simple query, so a file may hold many statements.
      await sql.raw(m.sql).execute(trx);
      await trx
        .insertInto('schema_migrations')
        .values({ id: m.id, checksum: m.checksum })
        .execute();
      return true;
    });
    (applied ? result.applied : result.alreadyApplied).push(m.id);
  }
  return result;
}

async function lock(trx: Kysely<DB>): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${sql.lit(LOCK_KEY)}::bigint)`.execute(trx);
}
