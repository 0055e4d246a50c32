/**
 * Imports a model or spreadsheet file into a passport draft and, unless it is a dry run,
 * stores it as a new version of its building. The organisation's material mapping table
 * is applied before automatic matching, so corrections made once hold for every later
 * version of the model.
 */
import { readFile, stat } from 'node:fs/promises';
import type { ImportReport } from '../core/import-report.ts';
import { MatbankError } from '../core/errors.ts';
import type { Passport } from '../core/passport/schema.ts';
import type { Database } from '../db/database.ts';
import { importIfc } from '../ifc/index.ts';
import { importSpreadsheet, type CsvEncoding } from '../ifc/spreadsheet/index.ts';
import { evaluatePassport } from './evaluate.ts';
import { loadMappingOverrides } from './mappings.ts';
import { exportPassport, importPassport } from './passports.ts';

export type ImportKind = 'ifc' | 'xlsx' | 'csv';

export interface ImportFileOptions {
  buildingRef?: string | undefined;
  organisation?: string;
  dryRun?: boolean;
  maxBytes: number;
  /** Exchange rate for the residual value in VND stored with the indicators. */
  vndPerEur?: number;
  onProgress?: (p: { phase: string; done: number; total: number }) => void;
  /** IFC only: volumes from the body mesh where the model has no quantity (default on). */
  geometry?: boolean;
  /** CSV only: the file's code page when it is not UTF-8. */
  encoding?: CsvEncoding;
}

export interface ImportFileResult {
  report: ImportReport;
  passport: Passport;
  stored?: { ref: string; version: number };
}

/** Reads `file` as `kind`, reports, and stores it (unless `dryRun`) in one transaction. */
export async function importModelFile(
  database: Database,
  kind: ImportKind,
  file: string,
  opts: ImportFileOptions,
): Promise<ImportFileResult> {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch {
    throw new MatbankError('BAD_INPUT', `${file}: no such file`);
  }
  if (size > opts.maxBytes) {
    throw new MatbankError(
      'TOO_LARGE',
      `${file}: ${(size / 1048576).toFixed(1)} MB is over the limit of ${(opts.maxBytes / 1048576).toFixed(0)} MB (MATBANK_MAX_IMPORT_MB)`,
    );
  }
  const { report, passport } = await readModel(database, kind, file, {
    ...opts,
    fileName: file,
  });
  if (opts.dryRun) return { report, passport };
  const stored = await importPassport(database, passport, {
    actor: 'cli',
    computeIndicators: (p) =>
      evaluatePassport(p, opts.vndPerEur !== undefined ? { vndPerEur: opts.vndPerEur } : {}),
  });
  return { report, passport, stored: { ref: stored.ref, version: stored.version } };
}

/**
 * A building's stored record (name, ward, location…) is curated by people; a new model
 * version only fills what the record lacks.
 */
async function mergeWithStoredBuilding(database: Database, draft: Passport): Promise<Passport> {
  let previous: Passport;
  try {
    previous = await exportPassport(database, draft.building.ref);
  } catch (e) {
    if (e instanceof MatbankError && e.code === 'NOT_FOUND') return draft;
    throw e;
  }
  return { ...draft, building: { ...draft.building, ...previous.building } };
}

/** Options of {@link previewModelBytes}. */
export interface PreviewOptions {
  /** The uploaded file's name (its extension tells .ifczip from .ifc; it names errors). */
  fileName: string;
  buildingRef?: string | undefined;
  organisation?: string;
  maxBytes: number;
  geometry?: boolean;
  encoding?: CsvEncoding;
}

/**
 * Reads uploaded bytes as `kind` into a passport draft and its report, with the
 * organisation's mapping table and the stored building's record merged in, and stores
 * nothing: what an upload form shows before anyone commits a version.
 */
export async function previewModelBytes(
  database: Database,
  kind: ImportKind,
  bytes: Uint8Array,
  opts: PreviewOptions,
): Promise<{ report: ImportReport; passport: Passport }> {
  return readModel(database, kind, bytes, opts);
}

/**
 * The draft of a file (path) or of bytes, with the organisation's mapping table applied and
 * the stored building's record merged in. A path goes to the IFC worker as a path, so the
 * model's bytes are read once, in the worker.
 */
async function readModel(
  database: Database,
  kind: ImportKind,
  input: string | Uint8Array,
  opts: PreviewOptions & Pick<ImportFileOptions, 'onProgress'>,
): Promise<{ report: ImportReport; passport: Passport }> {
  const overrides = await loadMappingOverrides(database, opts.organisation ?? 'default');
  const common = {
    buildingRef: opts.buildingRef,
    fileName: opts.fileName,
    overrides,
    maxBytes: opts.maxBytes,
  };
  const { passport: draft, report } =
    kind === 'ifc'
      ? await importIfc(input, {
          ...common,
          ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
          ...(opts.geometry !== undefined ? { geometry: opts.geometry } : {}),
        })
      : // importSpreadsheet reads a string as the file's text, not its path: hand it the bytes.
        await importSpreadsheet(
          typeof input === 'string' ? new Uint8Array(await readFile(input)) : input,
          kind,
          { ...common, ...(opts.encoding ? { encoding: opts.encoding } : {}) },
        );
  return { report, passport: await mergeWithStoredBuilding(database, draft) };
}
