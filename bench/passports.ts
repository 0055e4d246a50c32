/**
 * Passport storage benchmark (`npm run bench:passports` → `node --import tsx
 * bench/passports.ts [elements=10000] [usesPerElement=10]`). On embedded PGlite (in memory)
 * and, when BENCH_DATABASE_URL or TEST_DATABASE_URL is set, on PostgreSQL (a fresh database
 * made and dropped here), for one generated passport of elements × uses it prints:
 *   - bare COPY: the very rows the import copies into material_uses (the repository's own
 *     columns and row generator) copied into a temporary copy of the table without indexes
 *     or constraints, in one transaction: the floor of moving these rows into the engine
 *     (the baseline),
 *   - batched INSERT: the same rows as multi-row INSERTs of 1 000 (what COPY replaces),
 *   - import: importPassport end to end (validation, building, version, elements, material
 *     uses and substances through COPY, indicators, audit) and its ratio to bare COPY,
 *   - export: exportPassport of the stored version (read back and reassembled).
 * Each figure is the best of BENCH_RUNS runs (default 3), each import a new building.
 */
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { openDatabase, type Database } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import type { CopyValue } from '../src/db/copy.ts';
import { MATERIAL_USE_COLUMNS, materialUseRows } from '../src/db/repositories/passports.ts';
import type { DB } from '../src/db/types.ts';
import { validatePassport } from '../src/core/passport/validate.ts';
import { evaluatePassport } from '../src/services/evaluate.ts';
import { exportPassport, importPassport } from '../src/services/passports.ts';
import { generatedPassport } from '../test/helpers/documents.ts';

const elements = Number(process.argv[2] ?? 10_000);
const perElement = Number(process.argv[3] ?? 10);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const serverUrl = (process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL)?.trim();

/** The rows the import copies into material_uses, for the baselines (run = building id). */
function baselineRows(doc: Record<string, unknown>, run: number): CopyValue[][] {
  const checked = validatePassport(doc);
  if (!checked.ok) throw new Error('the generated passport is invalid');
  return [...materialUseRows(run, 1, checked.passport)];
}

/** Runs `fill` in a transaction on an empty temporary copy of material_uses. */
async function withBenchTable(
  database: Database,
  fill: (trx: Kysely<DB>) => Promise<void>,
): Promise<void> {
  await database.db.transaction().execute(async (trx) => {
    await sql`CREATE TEMP TABLE bench_uses (LIKE material_uses INCLUDING DEFAULTS) ON COMMIT DROP`.execute(
      trx,
    );
    await fill(trx);
  });
}

async function best(f: (run: number) => Promise<number>): Promise<number> {
  let b = Infinity;
  for (let i = 0; i < RUNS; i++) b = Math.min(b, await f(i + 1));
  return b;
}

async function bench(name: string, database: Database): Promise<void> {
  await migrate(database);
  const doc = generatedPassport('HN-BENCH-0', elements, perElement);
  const uses = elements * perElement;

  const bareCopyMs = await best(async (run) => {
    const rows = baselineRows(doc, run);
    const t = performance.now();
    // The adapter's table names are the schema's; this one is the benchmark's own.
    await withBenchTable(database, async (trx) => {
      await database.copy.copyInto(trx, 'bench_uses' as never, MATERIAL_USE_COLUMNS, rows);
    });
    return performance.now() - t;
  });

  const insertMs = await best(async (run) => {
    const rows = baselineRows(doc, run);
    const t = performance.now();
    await withBenchTable(database, async (trx) => {
      const columns = sql.join(MATERIAL_USE_COLUMNS.map((c) => sql.id(c)));
      for (let i = 0; i < rows.length; i += 1000) {
        const values = sql.join(rows.slice(i, i + 1000).map((r) => sql`(${sql.join(r)})`));
        await sql`INSERT INTO bench_uses (${columns}) VALUES ${values}`.execute(trx);
      }
    });
    return performance.now() - t;
  });

  let lastRef = '';
  const importMs = await best(async (run) => {
    const d = generatedPassport(`HN-BENCH-${run}`, elements, perElement);
    const t = performance.now();
    const r = await importPassport(database, d, {
      actor: 'bench',
      computeIndicators: (p) => evaluatePassport(p),
    });
    lastRef = r.ref;
    return performance.now() - t;
  });

  const exportMs = await best(async () => {
    const t = performance.now();
    await exportPassport(database, lastRef);
    return performance.now() - t;
  });

  console.log(
    [
      name.padEnd(9),
      String(uses).padStart(8),
      bareCopyMs.toFixed(0).padStart(10),
      insertMs.toFixed(0).padStart(10),
      importMs.toFixed(0).padStart(10),
      (importMs / bareCopyMs).toFixed(2).padStart(7),
      Math.round(uses / (importMs / 1000))
        .toString()
        .padStart(9),
      exportMs.toFixed(0).padStart(10),
    ].join(' '),
  );
}

console.log(
  `node ${process.version}, ${elements} elements × ${perElement} material uses, best of ${RUNS}`,
);
console.log(
  [
    'engine'.padEnd(9),
    'uses'.padStart(8),
    'COPY ms'.padStart(10),
    'INSERT ms'.padStart(10),
    'import ms'.padStart(10),
    'ratio'.padStart(7),
    'uses/s'.padStart(9),
    'export ms'.padStart(10),
  ].join(' '),
);

const pglite = await openDatabase({ memory: true });
try {
  await bench('pglite', pglite);
} finally {
  await pglite.close();
}

if (serverUrl) {
  const dbName = `matbank_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  const u = new URL(serverUrl);
  u.pathname = `/${dbName}`;
  const postgres = await openDatabase({ databaseUrl: u.toString() });
  try {
    await bench('postgres', postgres);
  } finally {
    await postgres.close();
    await admin.query(`DROP DATABASE ${dbName}`);
    await admin.end();
  }
} else {
  console.log('(set BENCH_DATABASE_URL or TEST_DATABASE_URL for PostgreSQL)');
}
