/**
 * What every command shares: the config (parsed once), the database (opened on first use,
 * migrated, closed at exit) and error presentation with the catalogue's exit codes.
 */
import { loadConfig, type Config } from '../config.ts';
import { isMatbankError, MatbankError } from '../core/errors.ts';
import type { Database } from '../db/database.ts';
import type { MigrateResult } from '../db/migrate.ts';

let config: Config | undefined;

/** The configuration, parsed from the environment on first use. */
export function getConfig(): Config {
  config ??= loadConfig();
  return config;
}

/** Runs `fn` with an open, migrated database and closes it afterwards. */
export async function withDatabase<T>(
  fn: (database: Database) => Promise<T>,
  onMigrated?: (result: MigrateResult) => void,
): Promise<T> {
  // Loaded on use so that `--help` and file-only commands start without the database.
  const { openAndMigrate } = await import('../services/database.ts');
  const database = await openAndMigrate(getConfig(), onMigrated);
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

/** Writes an error to stderr the same way for every command and returns its exit code. */
export function reportError(e: unknown): number {
  if (isMatbankError(e)) {
    const lines = [`error [${e.code}]: ${e.message}`];
    for (const d of e.details) lines.push(`  ${d.path}: ${d.message}`);
    process.stderr.write(lines.join('\n') + '\n');
    return e.exitCode;
  }
  const err = e instanceof Error ? e : new Error(String(e));
  process.stderr.write(`error [INTERNAL]: ${err.stack ?? err.message}\n`);
  return 70;
}

/** Reads a whole file or `-` (stdin) as bytes, naming the file when it cannot be read. */
export async function readInput(file: string): Promise<Uint8Array> {
  const { readFile } = await import('node:fs/promises');
  if (file === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }
  try {
    return await readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new MatbankError(
      'BAD_INPUT',
      code === 'ENOENT'
        ? `${file}: no such file`
        : `${file}: cannot be read (${code ?? String(e)})`,
    );
  }
}

/** Parses JSON bytes, naming the file, line and column of a syntax error. */
export function parseJson(bytes: Uint8Array, file: string): unknown {
  const text = Buffer.from(bytes)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  try {
    return JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    const m = /position (\d+)/.exec(msg);
    let where = '';
    if (m) {
      const pos = Number(m[1]);
      const before = text.slice(0, pos);
      const line = before.split('\n').length;
      const column = pos - before.lastIndexOf('\n');
      where = ` at line ${line}, column ${column}`;
    }
    throw new MatbankError('BAD_INPUT', `${file}: not valid JSON${where} (${msg})`);
  }
}

/** Prints a value as JSON to stdout. */
export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}
