/**
 * Turning driver errors that mean "the database went away" into DB_UNAVAILABLE, so that
 * a lost server mid-request is reported like a server that was never there (exit 69,
 * HTTP 503) instead of as an internal error.
 */
import { MatbankError } from '../core/errors.ts';

/** Socket-level failures (Node) and SQLSTATEs of class 08 and 57P0x (server shutting down). */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
]);

/** Whether `e` says the connection to the database is gone or cannot be made. */
export function isConnectionError(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  const code = (e as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (NETWORK_CODES.has(code) || code.startsWith('08') || /^57P0[1-3]$/.test(code)) return true;
  }
  // node-postgres reports a dropped socket only in words
  return /Connection terminated|connection timeout|Client has encountered a connection error/i.test(
    e.message,
  );
}

/** Rethrows connection failures as DB_UNAVAILABLE; other errors unchanged. */
export function translateDbError(e: unknown): unknown {
  if (e instanceof MatbankError || !isConnectionError(e)) return e;
  return new MatbankError(
    'DB_UNAVAILABLE',
    `the database connection failed: ${(e as Error).message}`,
    [],
    {
      cause: e,
    },
  );
}

/** Runs `work`, translating connection failures (see {@link translateDbError}). */
export async function withDbErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    throw translateDbError(e);
  }
}
