import { describe, expect, it } from 'vitest';
import { MatbankError } from '../../src/core/errors.ts';
import { isConnectionError, translateDbError } from '../../src/db/errors.ts';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('translateDbError', () => {
  it('turns lost connections into DB_UNAVAILABLE and leaves SQL errors alone', () => {
    expect(isConnectionError(withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'))).toBe(
      true,
    );
    expect(
      isConnectionError(withCode('terminating connection due to administrator command', '57P01')),
    ).toBe(true);
    expect(isConnectionError(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(
      isConnectionError(withCode('duplicate key value violates unique constraint', '23505')),
    ).toBe(false);
    expect(isConnectionError('ECONNRESET')).toBe(false);

    const t = translateDbError(withCode('read ECONNRESET', 'ECONNRESET'));
    expect(t).toBeInstanceOf(MatbankError);
    expect((t as MatbankError).code).toBe('DB_UNAVAILABLE');
    const sqlError = withCode('syntax error', '42601');
    expect(translateDbError(sqlError)).toBe(sqlError);
  });
});
