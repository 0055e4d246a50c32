/**
 * Spreadsheet ⇄ passport (issue "IFC and spreadsheet import", item 2). The xlsx template
 * has the shape of the passport (sheets Building, Elements, Materials, Substances and a
 * bilingual Read me); the CSV is one flat row per material use. docs/spreadsheet.md
 * describes the columns and rules.
 */
import type { ImportReport } from '../../core/import-report.ts';
import type { MaterialLibrary } from '../../core/materials.ts';
import type { Passport } from '../../core/passport/schema.ts';
import { MatbankError } from '../../core/errors.ts';
import { matchMaterial } from '../../core/match/index.ts';
import { loadMaterialLibrary } from '../../reference/index.ts';
import { assemble, type MatchFn } from './assemble.ts';
import { readCsv, writeCsv, type CsvEncoding } from './csv.ts';
import { readXlsx, writeXlsx } from './xlsx.ts';

export type SpreadsheetKind = 'xlsx' | 'csv';
export type { MatchFn } from './assemble.ts';
export { parseNumber } from './numbers.ts';
export { CSV_ENCODINGS, type CsvEncoding } from './csv.ts';

/** Default input limit: 50 MB, far above a large building's workbook (a few MB). */
export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;

export interface ImportSpreadsheetOptions {
  /** Building reference to use; replaces the file's building.ref (a warning says so). */
  buildingRef?: string;
  /** File name for the report and `source.file`. */
  fileName?: string;
  /** Materials library for matching names and densities; default: the shipped library. */
  library?: MaterialLibrary;
  /** Name → materialId overrides handed to the matcher. */
  overrides?: Record<string, string>;
  /** Matcher; default: src/core/match. Injected by tests. */
  match?: MatchFn;
  /** Refuse inputs larger than this many bytes (TOO_LARGE); default {@link DEFAULT_MAX_BYTES}. */
  maxBytes?: number;
  /** CSV only: the file's code page when it is not UTF-8 (never guessed). Default utf-8. */
  encoding?: CsvEncoding;
}

function checkKind(kind: string): asserts kind is SpreadsheetKind {
  if (kind !== 'xlsx' && kind !== 'csv') {
    throw new MatbankError(
      'UNSUPPORTED_FORMAT',
      `Spreadsheet kind "${kind}" is not supported; use xlsx or csv.`,
    );
  }
}

/**
 * The empty template: xlsx with the sheets, key and label rows, drop-down lists and the
 * Read me sheet; or the CSV header line.
 */
export async function spreadsheetTemplate(kind: SpreadsheetKind): Promise<Uint8Array> {
  checkKind(kind);
  return kind === 'xlsx' ? writeXlsx(undefined) : writeCsv(undefined);
}

/** The passport written into the template; {@link importSpreadsheet} reads it back unchanged. */
export async function exportSpreadsheet(
  passport: Passport,
  kind: SpreadsheetKind,
): Promise<Uint8Array> {
  checkKind(kind);
  return kind === 'xlsx' ? writeXlsx(passport) : writeCsv(passport);
}

let defaultLibrary: { library?: MaterialLibrary; reason?: string } | undefined;

/** The shipped library, loaded once; if it cannot be read, matching is off and the report says why. */
function shippedLibrary(): { library?: MaterialLibrary; reason?: string } {
  if (defaultLibrary === undefined) {
    try {
      defaultLibrary = { library: loadMaterialLibrary() };
    } catch (e) {
      defaultLibrary = {
        reason: `the materials library could not be loaded (${(e as Error).message})`,
      };
    }
  }
  return defaultLibrary;
}

function byteLength(input: string | Uint8Array): number {
  return typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.byteLength;
}

/**
 * Reads an xlsx workbook or a CSV file into a validated passport and its import report.
 *
 * Throws MatbankError: TOO_LARGE over `maxBytes`; BAD_INPUT for a file that is not an xlsx
 * (or is damaged), a missing sheet or required column, or CSV that is not UTF-8;
 * UNSUPPORTED_FORMAT for another passport format version; VALIDATION_FAILED with one detail
 * per problem, each naming sheet, row and column (`Materials row 14, column
 * recycledFraction: must be between 0 and 1`). Nothing is returned in part.
 */
export async function importSpreadsheet(
  input: string | Uint8Array,
  kind: SpreadsheetKind,
  opts: ImportSpreadsheetOptions = {},
): Promise<{ passport: Passport; report: ImportReport }> {
  const started = performance.now();
  checkKind(kind);
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const size = byteLength(input);
  if (size > maxBytes) {
    throw new MatbankError(
      'TOO_LARGE',
      `The ${kind} file is ${size} bytes; the limit is ${maxBytes} bytes.`,
    );
  }
  let tables;
  if (kind === 'xlsx') {
    if (typeof input === 'string') {
      throw new MatbankError('BAD_INPUT', 'An xlsx workbook must be given as bytes, not text.');
    }
    tables = await readXlsx(input);
  } else {
    tables = readCsv(input, opts.encoding);
  }
  const shipped = opts.library === undefined ? shippedLibrary() : {};
  const library = opts.library ?? shipped.library;
  const match: MatchFn = opts.match ?? matchMaterial;
  const noLibraryReason = shipped.reason;
  const { passport, report } = assemble(tables, {
    fileName: opts.fileName ?? '',
    ...(opts.buildingRef === undefined ? {} : { buildingRef: opts.buildingRef }),
    ...(library === undefined ? {} : { library }),
    match,
    ...(opts.overrides === undefined ? {} : { overrides: opts.overrides }),
    ...(noLibraryReason === undefined ? {} : { noLibraryReason }),
  });
  if (report.source.file === '') report.source.file = `(unnamed ${kind})`;
  return { passport, report: { ...report, durationMs: performance.now() - started } };
}
