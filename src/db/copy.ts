/**
 * Bulk writes through COPY, on both engines, inside the caller's transaction.
 *
 * How a COPY reaches the transaction's own connection: Kysely gives no public access to
 * the driver client of a transaction, so {@link BulkCopy.copyInto} sends a *sentinel*
 * query (`COPY_SENTINEL`, with the {@link CopyJob} as its only parameter) through the
 * transaction like any other query. Kysely hands it to the pool client it holds for that
 * transaction; database.ts wraps every pool client so that the sentinel is not sent to the
 * server but run as a COPY on that very client:
 *
 * - PostgreSQL: `COPY … FROM STDIN` through pg-copy-streams on the pg client;
 * - PGlite: `COPY … FROM '/dev/blob'` with the CSV as the `blob` option of the PGlite
 *   instance. PGlite is one backend session and the pool has exactly one client, so the
 *   session the COPY runs in is the one the transaction holds (no other transaction can
 *   run until this one releases the client).
 *
 * Either way a failure later in the transaction rolls the copied rows back.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CompiledQuery, type Kysely } from 'kysely';
import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import pgCopyStreams from 'pg-copy-streams';
import type { DB } from './types.ts';

/** A value of one COPY field. `null`/`undefined` become SQL NULL, `''` stays an empty string. */
export type CopyValue = string | number | bigint | boolean | null | undefined;

/** Appends rows to a table with COPY, inside a transaction. */
export interface BulkCopy {
  /**
   * Copies `rows` (each a tuple in the order of `columns`) into `table` through the
   * connection of `trx`, which must be a transaction. Returns the number of rows copied.
   */
  copyInto<T extends keyof DB & string>(
    trx: Kysely<DB>,
    table: T,
    columns: readonly (keyof DB[T] & string)[],
    rows: Iterable<readonly CopyValue[]>,
  ): Promise<number>;
}

/** The query text that database.ts intercepts; never reaches a server. */
export const COPY_SENTINEL = '/* matbank:bulk-copy */';

/** One COPY to run: the statement prefix and the CSV chunks. */
export class CopyJob {
  rowCount = 0;
  constructor(
    readonly table: string,
    readonly columns: readonly string[],
    readonly chunks: readonly string[],
    readonly expectedRows: number,
  ) {}

  /** `COPY "t" ("a", "b") FROM <source> WITH (FORMAT csv)`. */
  statement(source: 'STDIN' | "'/dev/blob'"): string {
    const cols = this.columns.map(quoteIdent).join(', ');
    return `COPY ${quoteIdent(this.table)} (${cols}) FROM ${source} WITH (FORMAT csv)`;
  }
}

const IDENT = /^[a-z_][a-z0-9_]*$/;

function quoteIdent(name: string): string {
  // Names come from the typed table list, but a COPY statement is assembled as text, so
  // anything unexpected is refused rather than escaped.
  if (!IDENT.test(name)) throw new Error(`not a plain SQL identifier: ${JSON.stringify(name)}`);
  return `"${name}"`;
}

/**
 * One CSV field for COPY … WITH (FORMAT csv). In that format an unquoted empty field is
 * NULL and a quoted one is the empty string; every string is quoted so that commas, quotes,
 * newlines, a lone `\.` (the end-of-data marker) and `\N` are all plain data.
 */
export function csvField(value: CopyValue): string {
  if (value === null || value === undefined) return '';
  switch (typeof value) {
    case 'string':
      // includes() first: most strings have no quote, and replaceAll would copy them anyway
      return value.includes('"') ? `"${value.replaceAll('"', '""')}"` : `"${value}"`;
    case 'number':
      // String(x) is the shortest text that parses back to the same double, so float8
      // and numeric columns receive the value exactly.
      if (!Number.isFinite(value)) throw new Error(`cannot COPY a non-finite number (${value})`);
      return String(value);
    case 'bigint':
      return value.toString();
    case 'boolean':
      return value ? 't' : 'f';
    default:
      throw new Error(`cannot COPY a value of type ${typeof value}`);
  }
}

/** One CSV record including its newline. */
export function csvRecord(values: readonly CopyValue[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) line += ',';
    line += csvField(values[i]);
  }
  return line + '\n';
}

/** Chunks of about this many UTF-16 units keep memory flat and the stream busy. */
const CHUNK_CHARS = 256 * 1024;

function encodeRows(
  rows: Iterable<readonly CopyValue[]>,
  width: number,
): { chunks: string[]; count: number } {
  // Records are collected and joined once per chunk: appending each record to one growing
  // string makes long rope strings that cost more in flattening and GC than the encoding.
  const chunks: string[] = [];
  let parts: string[] = [];
  let length = 0;
  let count = 0;
  for (const row of rows) {
    if (row.length !== width) {
      throw new Error(`COPY row ${count} has ${row.length} values for ${width} columns`);
    }
    const record = csvRecord(row);
    parts.push(record);
    length += record.length;
    count++;
    if (length >= CHUNK_CHARS) {
      chunks.push(parts.join(''));
      parts = [];
      length = 0;
    }
  }
  if (parts.length > 0) chunks.push(parts.join(''));
  return { chunks, count };
}

/** The engine-independent {@link BulkCopy}: encodes rows and sends the sentinel query. */
export function createBulkCopy(): BulkCopy {
  return {
    async copyInto(trx, table, columns, rows) {
      if (!trx.isTransaction) {
        throw new Error('BulkCopy.copyInto must run inside a transaction');
      }
      const { chunks, count } = encodeRows(rows, columns.length);
      if (count === 0) return 0;
      const job = new CopyJob(table, columns, chunks, count);
      await trx.executeQuery(CompiledQuery.raw(COPY_SENTINEL, [job]));
      return job.rowCount;
    },
  };
}

/** Result shape Kysely's PostgresConnection reads from a pg client query. */
export interface CopyQueryResult {
  command: 'COPY';
  rowCount: number;
  rows: never[];
}

/** Runs a job on a node-postgres client (PostgreSQL): COPY FROM STDIN. */
export async function runCopyOnPgClient(
  client: pg.PoolClient,
  job: CopyJob,
): Promise<CopyQueryResult> {
  const stream = client.query(pgCopyStreams.from(job.statement('STDIN')));
  await pipeline(Readable.from(job.chunks), stream);
  job.rowCount = stream.rowCount;
  return { command: 'COPY', rowCount: job.rowCount, rows: [] };
}

/** Runs a job on the PGlite instance (the session of the one pooled client): COPY FROM '/dev/blob'. */
export async function runCopyOnPglite(pglite: PGlite, job: CopyJob): Promise<CopyQueryResult> {
  const result = await pglite.query(job.statement("'/dev/blob'"), [], {
    blob: new Blob(job.chunks as string[]),
  });
  job.rowCount = result.affectedRows ?? job.expectedRows;
  return { command: 'COPY', rowCount: job.rowCount, rows: [] };
}
