/**
 * Configuration, read once from the environment into a frozen object. Nothing else in
 * the program reads `process.env` (a lint rule enforces it). Unknown `MATBANK_*` variables
 * and malformed values stop the start with a message naming them.
 */
import path from 'node:path';
import { MatbankError } from './core/errors.ts';

export interface Config {
  /** PostgreSQL URL; absent means the embedded PGlite database in {@link dataDir}. */
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly port: number;
  readonly host: string;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Load the demo buildings on a first start with an empty database. */
  readonly demoData: boolean;
  /** Largest IFC/spreadsheet upload or file accepted, in bytes. */
  readonly maxImportBytes: number;
  /** VND per EUR for residual values shown in VND. */
  readonly vndPerEur: number;
}

const KNOWN = {
  DATABASE_URL: 'PostgreSQL connection URL (postgres://…); unset = embedded PGlite',
  MATBANK_DATA_DIR: 'folder of the embedded database (default ./.matbank)',
  PORT: 'HTTP port (default 8080)',
  HOST: 'HTTP bind address (default 0.0.0.0)',
  MATBANK_LOG_LEVEL: 'fatal|error|warn|info|debug|trace|silent (default info)',
  MATBANK_DEMO_DATA: 'true|false: load demo buildings into an empty database (default true)',
  MATBANK_MAX_IMPORT_MB: 'largest import file in MB (default 512)',
  MATBANK_VND_PER_EUR: 'exchange rate for VND values (default 27000)',
} as const;

/** The environment variables matbank reads, with what each means (for `--help`). */
export const CONFIG_VARIABLES: Readonly<Record<string, string>> = KNOWN;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Parses the environment; throws CONFIG_INVALID naming every bad variable. */
export function loadConfig(
  env: Readonly<Record<string, string | undefined>> = process.env,
): Config {
  const problems: { path: string; message: string }[] = [];
  for (const name of Object.keys(env)) {
    if (name.startsWith('MATBANK_') && !(name in KNOWN)) {
      problems.push({
        path: name,
        message: `unknown variable (known: ${Object.keys(KNOWN)
          .filter((k) => k.startsWith('MATBANK_'))
          .join(', ')})`,
      });
    }
  }
  const str = (name: keyof typeof KNOWN): string | undefined => {
    const v = env[name];
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  };
  const num = (
    name: keyof typeof KNOWN,
    fallback: number,
    check: (n: number) => boolean,
    rule: string,
  ): number => {
    const raw = str(name);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isFinite(n) || !check(n)) {
      problems.push({ path: name, message: `"${raw}" is not ${rule}` });
      return fallback;
    }
    return n;
  };
  const bool = (name: keyof typeof KNOWN, fallback: boolean): boolean => {
    const raw = str(name);
    if (raw === undefined) return fallback;
    if (/^(1|true|yes|on)$/i.test(raw)) return true;
    if (/^(0|false|no|off)$/i.test(raw)) return false;
    problems.push({ path: name, message: `"${raw}" is not true or false` });
    return fallback;
  };

  const databaseUrl = str('DATABASE_URL');
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push({
      path: 'DATABASE_URL',
      message: 'must start with postgres:// or postgresql://',
    });
  }
  const logLevel = (str('MATBANK_LOG_LEVEL') ?? 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) {
    problems.push({
      path: 'MATBANK_LOG_LEVEL',
      message: `"${logLevel}" is not one of ${LOG_LEVELS.join(', ')}`,
    });
  }
  const config: Config = {
    databaseUrl,
    dataDir: path.resolve(str('MATBANK_DATA_DIR') ?? '.matbank'),
    port: num(
      'PORT',
      8080,
      (n) => Number.isInteger(n) && n >= 0 && n < 65536,
      'a port number (0–65535)',
    ),
    host: str('HOST') ?? '0.0.0.0',
    logLevel,
    demoData: bool('MATBANK_DEMO_DATA', true),
    maxImportBytes:
      num('MATBANK_MAX_IMPORT_MB', 512, (n) => n > 0, 'a positive number of MB') * 1024 * 1024,
    vndPerEur: num('MATBANK_VND_PER_EUR', 27000, (n) => n > 0, 'a positive number'),
  };
  if (problems.length > 0) {
    throw new MatbankError(
      'CONFIG_INVALID',
      `invalid configuration: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
      problems,
    );
  }
  return Object.freeze(config);
}
