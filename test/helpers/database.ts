/** Helpers for data-layer tests: what is stored, and how an operation failed. */
import { sql } from 'kysely';
import { isMatbankError, type MatbankError } from '../../src/core/errors.ts';
import type { Database } from '../../src/db/database.ts';

/** Every table that holds passport data. */
export const PASSPORT_TABLES = [
  'buildings',
  'passports',
  'passport_versions',
  'elements',
  'material_uses',
  'substances',
  'audit_log',
] as const;

/** Rows in every table that holds passport data. */
export async function rowCounts(database: Database): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of PASSPORT_TABLES) {
    const r = await database.db
      .selectFrom(t)
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    out[t] = r.n;
  }
  return out;
}

/** What `p` rejects with; fails the test when it resolves. */
export async function rejection(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => {
      throw new Error('expected a rejection');
    },
    (err: unknown) => err,
  );
}

/** The MatbankError `p` rejects with; fails the test on anything else. */
export async function matbankRejection(p: Promise<unknown>): Promise<MatbankError> {
  const e = await rejection(p);
  if (!isMatbankError(e)) throw new Error(`expected a MatbankError, got ${String(e)}`);
  return e;
}
