/**
 * Opening the database: embedded PGlite (no configuration) or PostgreSQL 15+ (DATABASE_URL),
 * both behind Kysely's PostgresDialect over node-postgres, so every query and migration is
 * the same SQL on both.
 *
 * PGlite is one backend session. Its pool therefore has exactly one client: a transaction
 * holds that client from BEGIN to COMMIT and every other query or transaction waits in the
 * pool's queue, so two concurrent imports run one after the other and never interleave.
 * (Consequence: inside a transaction, use the transaction object, never `database.db`, or
 * the call waits for the client the transaction itself holds.)
 */
import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import {
  CompiledQuery,
  Kysely,
  PostgresDialect,
  sql,
  type PostgresPool,
  type PostgresPoolClient,
} from 'kysely';
import pg from 'pg';
import { MatbankError } from '../core/errors.ts';
import {
  COPY_SENTINEL,
  CopyJob,
  createBulkCopy,
  runCopyOnPgClient,
  runCopyOnPglite,
  type BulkCopy,
  type CopyQueryResult,
} from './copy.ts';
import type { DB } from './types.ts';

/** Which engine a {@link Database} runs on. */
export type Engine = 'pglite' | 'postgres';

/** An open database: the Kysely instance, the COPY adapter, and how to close both. */
export interface Database {
  db: Kysely<DB>;
  engine: Engine;
  copy: BulkCopy;
  close(): Promise<void>;
}

/** Where to open the database. */
export interface OpenDatabaseOptions {
  /** postgres://… — absent means embedded PGlite. */
  databaseUrl?: string;
  /** Folder of the embedded database (created if missing). */
  dataDir?: string;
  /** Embedded database in memory only (tests). */
  memory?: boolean;
}

/** Oldest PostgreSQL server accepted (server_version_num). */
const MIN_SERVER_VERSION = 150000;

/**
 * Opens the database and checks that it answers. Throws DB_UNAVAILABLE naming the server
 * and database (PostgreSQL) or the folder (PGlite) when it cannot be opened.
 */
export async function openDatabase(opts: OpenDatabaseOptions): Promise<Database> {
  if (opts.databaseUrl !== undefined) return openPostgres(opts.databaseUrl);
  return openPglite(opts);
}

async function openPglite(opts: OpenDatabaseOptions): Promise<Database> {
  const where = opts.memory ? 'in memory' : (opts.dataDir ?? '(no dataDir)');
  if (!opts.memory && opts.dataDir === undefined) {
    throw new MatbankError('DB_UNAVAILABLE', 'embedded database needs a dataDir (or memory: true)');
  }
  let pglite: PGlite;
  try {
    if (opts.memory) {
      pglite = new PGlite();
    } else {
      await mkdir(opts.dataDir!, { recursive: true });
      pglite = new PGlite(opts.dataDir!);
    }
    await pglite.waitReady;
  } catch (e) {
    throw new MatbankError(
      'DB_UNAVAILABLE',
      `cannot open the embedded database ${where}: ${errorText(e)}`,
      [],
      { cause: e },
    );
  }
  const pool = new pg.Pool({
    ...createPgConfig(pglite),
    // One session: one client. Never retire it, there is no socket to save.
    max: 1,
    idleTimeoutMillis: 0,
  });
  const db = new Kysely<DB>({
    dialect: new PostgresDialect({
      pool: copyingPool(pool, (_client, job) => runCopyOnPglite(pglite, job)),
    }),
  });
  return {
    db,
    engine: 'pglite',
    copy: createBulkCopy(),
    async close() {
      await db.destroy();
      await pglite.close();
    },
  };
}

async function openPostgres(databaseUrl: string): Promise<Database> {
  const target = describeUrl(databaseUrl);
  const pool = new pg.Pool({ connectionString: databaseUrl, connectionTimeoutMillis: 10_000 });
  // An idle client losing its server emits 'error' on the pool; unhandled it would end the
  // process. The next query reports the problem to its caller instead.
  pool.on('error', () => {});
  const db = new Kysely<DB>({
    dialect: new PostgresDialect({
      pool: copyingPool(pool, runCopyOnPgClient),
      // float8 values must come back as the very double that was stored. Any value > 0
      // gives the shortest exact text (the default since PostgreSQL 12); a server or
      // database configured with the old default 0 would round to 15 digits
      // (0.1 + 0.2 → 0.3). A SET rather than a startup option: poolers such as PgBouncer
      // refuse unknown startup options.
      onCreateConnection: async (connection) => {
        await connection.executeQuery(CompiledQuery.raw('SET extra_float_digits = 1'));
      },
    }),
  });
  let versionNum: number;
  try {
    const { rows } = await sql<{ v: number }>`
      SELECT current_setting('server_version_num')::int AS v`.execute(db);
    versionNum = rows[0]?.v ?? 0;
  } catch (e) {
    await db.destroy().catch(() => {});
    throw new MatbankError(
      'DB_UNAVAILABLE',
      `cannot connect to PostgreSQL database ${target}: ${errorText(e)}`,
      [],
      { cause: e },
    );
  }
  if (versionNum < MIN_SERVER_VERSION) {
    await db.destroy();
    throw new MatbankError(
      'DB_UNAVAILABLE',
      `PostgreSQL database ${target} runs server version ${versionNum}; matbank needs 15 or later`,
    );
  }
  return {
    db,
    engine: 'postgres',
    copy: createBulkCopy(),
    close: () => db.destroy(),
  };
}

/**
 * Wraps a pg Pool for Kysely so that the COPY sentinel query (copy.ts) runs as a COPY on
 * the very client Kysely holds for the transaction; every other query passes through.
 */
function copyingPool(
  pool: pg.Pool,
  runCopy: (client: pg.PoolClient, job: CopyJob) => Promise<CopyQueryResult>,
): PostgresPool {
  // Kysely keys its connection objects by client identity: one wrapper per pg client.
  const wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  return {
    async connect() {
      const client = await pool.connect();
      let wrapper = wrappers.get(client);
      if (wrapper === undefined) {
        // A checked-out client whose server goes away emits 'error'; without a listener
        // that ends the process. The query in flight fails on its own and Kysely then
        // discards the client, so the event itself needs no handling.
        client.on('error', () => {});
        wrapper = {
          query: ((...args: unknown[]) => {
            const [text, parameters] = args;
            const job = Array.isArray(parameters) ? parameters[0] : undefined;
            if (text === COPY_SENTINEL && job instanceof CopyJob) return runCopy(client, job);
            return (client.query as (...a: unknown[]) => unknown)(...args);
          }) as unknown as PostgresPoolClient['query'],
          release: (destroy?: boolean) => client.release(destroy),
        };
        wrappers.set(client, wrapper);
      }
      return wrapper;
    },
    end: () => pool.end(),
  };
}

/**
 * `"db" at host:port` without the user or password, for messages. Throws CONFIG_INVALID
 * when the URL cannot be read: connecting to whatever a malformed URL happens to parse
 * into would only report a confusing network error.
 */
function describeUrl(databaseUrl: string): string {
  const invalid = (why: string): MatbankError =>
    new MatbankError(
      'CONFIG_INVALID',
      `DATABASE_URL ${why}; expected postgres://user:password@host:port/database`,
      [{ path: 'DATABASE_URL', message: why }],
    );
  let u: URL;
  try {
    u = new URL(databaseUrl);
  } catch {
    // The text itself is not repeated: it may hold a password.
    throw invalid('is not a valid URL (check the host, a port of 1–65535, and %-escapes)');
  }
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') {
    throw invalid(`has the scheme "${u.protocol}", not postgres: or postgresql:`);
  }
  let db: string;
  try {
    db = decodeURIComponent(u.pathname.replace(/^\//, ''));
    decodeURIComponent(u.username);
    decodeURIComponent(u.password);
  } catch {
    throw invalid('has a malformed %-escape in its user, password or database name');
  }
  return `"${db || '(default)'}" at ${u.hostname || 'localhost'}:${u.port || '5432'}`;
}

function errorText(e: unknown): string {
  if (e instanceof AggregateError && e.errors.length > 0) {
    return e.errors.map((x: unknown) => errorText(x)).join('; ');
  }
  if (e instanceof Error) {
    const code = (e as { code?: unknown }).code;
    return typeof code === 'string' && !e.message.includes(code)
      ? `${e.message} (${code})`
      : e.message || String(code ?? e);
  }
  return String(e);
}
