import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isMatbankError, type MatbankError } from '../../src/core/errors.ts';
import { openDatabase } from '../../src/db/database.ts';
import { openAndMigrate } from '../../src/services/database.ts';
import { exportPassport, importPassport, listPassports } from '../../src/services/passports.ts';
import { richPassport } from '../helpers/documents.ts';
import { TEST_DATABASE_URL } from '../helpers/engines.ts';

describe('openDatabase', () => {
  it('reports an unreachable PostgreSQL as DB_UNAVAILABLE naming host, port and database', async () => {
    // Port 1 on the loopback: nothing listens there, the refusal is immediate.
    const err = await openDatabase({
      databaseUrl: 'postgres://u:secret@127.0.0.1:1/matbank_x',
    }).catch((e: unknown) => e);
    expect(isMatbankError(err) && err.code).toBe('DB_UNAVAILABLE');
    const message = (err as Error).message;
    expect(message).toContain('127.0.0.1:1');
    expect(message).toContain('matbank_x');
    expect(message).not.toContain('secret');
  });

  it('reports an unknown host as DB_UNAVAILABLE naming it', async () => {
    // .invalid never resolves (RFC 2606)
    const err = await openDatabase({
      databaseUrl: 'postgresql://u:secret@matbank-db.invalid:6543/stock',
    }).catch((e: unknown) => e);
    expect(isMatbankError(err) && err.code).toBe('DB_UNAVAILABLE');
    const message = (err as Error).message;
    expect(message).toContain('matbank-db.invalid:6543');
    expect(message).toContain('"stock"');
    expect(message).not.toContain('secret');
  });

  it('reports a DATABASE_URL that is no postgres URL as CONFIG_INVALID, without echoing it', async () => {
    for (const url of [
      'not a url',
      'postgres://u:s3cr3t@127.0.0.1:99999/db',
      'postgres://u:s3cr3t@[::1/db',
      'mysql://u:s3cr3t@127.0.0.1/db',
      'postgres://u:s3cr3t%@127.0.0.1/db',
    ]) {
      const err = await openDatabase({ databaseUrl: url }).catch((e: unknown) => e);
      expect(isMatbankError(err) && err.code, url).toBe('CONFIG_INVALID');
      const e = err as MatbankError;
      expect(e.message, url).toMatch(/^DATABASE_URL /);
      expect(e.message, url).toContain('postgres://user:password@host:port/database');
      expect(e.message, url).not.toContain('s3cr3t');
      expect(e.details.map((d) => d.path)).toEqual(['DATABASE_URL']);
    }
  });

  it.runIf(TEST_DATABASE_URL !== undefined)(
    'reports a database missing on a running server as DB_UNAVAILABLE naming it',
    async () => {
      const u = new URL(TEST_DATABASE_URL!);
      u.pathname = '/matbank_no_such_database';
      const err = await openDatabase({ databaseUrl: u.toString() }).catch((e: unknown) => e);
      expect(isMatbankError(err) && err.code).toBe('DB_UNAVAILABLE');
      expect((err as Error).message).toContain('"matbank_no_such_database"');
      expect((err as Error).message).toContain('does not exist');
    },
  );

  it('keeps the embedded database in dataDir across a close and a reopen', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'matbank-db-'));
    const dataDir = path.join(dir, 'nested', 'data');
    try {
      const first = await openAndMigrate({ databaseUrl: undefined, dataDir });
      expect(first.engine).toBe('pglite');
      const doc = richPassport('HN-DISK-1');
      await importPassport(first, doc);
      await first.close();

      const second = await openAndMigrate({ databaseUrl: undefined, dataDir });
      try {
        expect(await exportPassport(second, 'HN-DISK-1')).toEqual(doc);
        expect((await listPassports(second)).map((p) => p.ref)).toEqual(['HN-DISK-1']);
      } finally {
        await second.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
