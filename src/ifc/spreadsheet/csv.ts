/**
 * The flat CSV: one row per material use. Element columns (`element.*`) repeat on every
 * row of the element, building columns (`building.*`, `source.*`) on every row. A row whose
 * material columns are all empty is an element without materials; a row without
 * `element.id` carries building fields only. Substances sit in one `substances` cell
 * (substance-cell.ts).
 *
 * Rows are numbered as a spreadsheet shows them: the first line is row 1 (normally the
 * header; title or blank rows above it are skipped).
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { Passport } from '../../core/passport/schema.ts';
import { MatbankError } from '../../core/errors.ts';
import {
  BUILDING_FIELDS,
  CSV_SUBSTANCES_COLUMN,
  ELEMENT_COLUMNS,
  MATERIAL_COLUMNS,
  csvColumnSpecs,
  csvColumns,
  headerLookup,
  headerName,
} from './columns.ts';
import {
  flattenBuilding,
  flattenElement,
  flattenMaterial,
  flattenSubstance,
  isBlank,
  locAt,
  type CellValue,
  type Loc,
  type OutValue,
  type RowRecord,
  type Tables,
} from './model.ts';
import { SUBSTANCE_CELL_PARTS, formatSubstanceCell, parseSubstanceCell } from './substance-cell.ts';

const SHEET = 'CSV';
/** Excel needs the byte-order mark to open UTF-8 CSV with Vietnamese letters intact. */
const BOM = '\uFEFF';

const cellText = (v: OutValue): string => (v === undefined ? '' : String(v));

/** Writes the CSV; with `passport` undefined, just the header. */
export function writeCsv(passport: Passport | undefined): Uint8Array {
  const header = csvColumns();
  const rows: string[][] = [header];
  if (passport !== undefined) {
    const building = flattenBuilding(passport);
    const buildingCells = BUILDING_FIELDS.map((c) => cellText(building.get(c.key)));
    const blankMaterial = MATERIAL_COLUMNS.map(() => '');
    for (const e of passport.elements) {
      const el = flattenElement(e);
      const elementCells = ELEMENT_COLUMNS.map((c) => cellText(el.get(c.key)));
      if (e.materials.length === 0)
        rows.push([...buildingCells, ...elementCells, ...blankMaterial, '']);
      for (const m of e.materials) {
        const mv = flattenMaterial(m);
        const subs = (m.substances ?? []).map((s) => {
          const sv = flattenSubstance(s);
          return SUBSTANCE_CELL_PARTS.map((k) => {
            const v = sv.get(k);
            return v === undefined ? undefined : String(v);
          });
        });
        rows.push([
          ...buildingCells,
          ...elementCells,
          ...MATERIAL_COLUMNS.map((c) => cellText(mv.get(c.key))),
          formatSubstanceCell(subs),
        ]);
      }
    }
    // A passport without elements still needs one row for its building.
    if (passport.elements.length === 0)
      rows.push([...buildingCells, ...ELEMENT_COLUMNS.map(() => ''), ...blankMaterial, '']);
  }
  // Quote every text-bearing cell that needs it; "\r" too, so that a name keeps its line ends.
  const text = stringify(rows, { record_delimiter: '\r\n', quoted_match: /[\r\n"]/ });
  return new TextEncoder().encode(BOM + text);
}

/** Where the first byte that is not UTF-8 sits: its offset, or -1 when all is UTF-8. */
function firstNonUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i] as number;
    let n: number;
    let min: number;
    if (c < 0x80) {
      i++;
      continue;
    } else if (c >= 0xc2 && c <= 0xdf) [n, min] = [1, 0x80];
    else if (c >= 0xe0 && c <= 0xef) [n, min] = [2, 0x800];
    else if (c >= 0xf0 && c <= 0xf4) [n, min] = [3, 0x10000];
    else return i;
    let cp = c & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const cc = b[i + k];
      if (cc === undefined || (cc & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (cc & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return -1;
}

const startsWith = (b: Uint8Array, sig: readonly number[]): boolean =>
  b.length >= sig.length && sig.every((x, i) => b[i] === x);
/** Zip local file header: every xlsx (and ods) starts with it. */
export const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04] as const;
/** OLE2 compound file: Excel 97–2003 .xls, and password-protected .xlsx. */
export const OLE2_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] as const;

/**
 * Bytes to text: UTF-8 (with or without BOM), or UTF-16 with its BOM (Excel's "Unicode
 * Text"). Anything else is refused naming the line and byte, since guessing a Windows code
 * page would silently garble Vietnamese names.
 */
function decode(input: string | Uint8Array, encoding: CsvEncoding = 'utf-8'): string {
  if (typeof input === 'string') return input;
  if (encoding !== 'utf-8') {
    // Asked for by the user (`--encoding`): a Windows code page decodes any byte, so this is
    // never guessed. Windows-1258 writes Vietnamese tone marks as combining characters: NFC
    // composes them ("ê" + U+0301 → "ế") as every other input is.
    return new TextDecoder(encoding).decode(input).normalize('NFC');
  }
  if (startsWith(input, ZIP_MAGIC)) {
    throw new MatbankError(
      'BAD_INPUT',
      'The file is an xlsx workbook (a zip archive), not a CSV file: import it as xlsx.',
    );
  }
  if (startsWith(input, OLE2_MAGIC)) {
    throw new MatbankError(
      'BAD_INPUT',
      'The file is an Excel 97–2003 workbook (.xls), not a CSV file: save it as Excel Workbook (.xlsx) and import it as xlsx.',
    );
  }
  if (startsWith(input, [0xff, 0xfe]) || startsWith(input, [0xfe, 0xff])) {
    const le = input[0] === 0xff;
    try {
      return new TextDecoder(le ? 'utf-16le' : 'utf-16be', { fatal: true }).decode(input);
    } catch (e) {
      throw new MatbankError(
        'BAD_INPUT',
        `The CSV file starts as UTF-16 text but is damaged: save it again as "CSV UTF-8 (Comma delimited)".`,
        [],
        { cause: e },
      );
    }
  }
  const bad = firstNonUtf8(input);
  if (bad < 0) return new TextDecoder('utf-8').decode(input);
  let line = 1;
  for (let i = 0; i < bad; i++) if (input[i] === 0x0a) line++;
  const byte = `0x${(input[bad] as number).toString(16).toUpperCase().padStart(2, '0')}`;
  throw new MatbankError(
    'BAD_INPUT',
    `The CSV file is not UTF-8 text: line ${line} has the byte ${byte}, which is not UTF-8. ` +
      'Excel\'s "CSV (Comma delimited)" saves in the Windows code page (Windows-1258 for ' +
      'Vietnamese, Windows-1252 for Dutch); save as "CSV UTF-8 (Comma delimited)" instead ' +
      '(LibreOffice: character set Unicode (UTF-8); Google Sheets always writes UTF-8), or ' +
      'name the code page: --encoding windows-1258 (or windows-1252).',
  );
}

const DELIMITERS = [',', ';', '\t'] as const;
/** How many rows from the top may come before the header (titles, blank rows). */
const HEADER_SEARCH_ROWS = 10;
const REQUIRED_CSV = ['element.id', 'element.layer'];

const blankRecord = (r: readonly string[]): boolean => r.every((v) => v.trim() === '');

function parseCsv(text: string, delimiter: string, toLine?: number): string[][] {
  return parse(text, {
    delimiter,
    relax_column_count: true,
    // A quote inside an unquoted cell (`20" x 40"`) is kept, as spreadsheets do.
    relax_quotes: true,
    skip_empty_lines: false,
    ...(toLine === undefined ? {} : { to_line: toLine }),
  });
}

/** Column index → column name for a header record (`undefined` where not a template column). */
function headerColumns(record: readonly string[]): (string | undefined)[] {
  const lookup = headerLookup([...csvColumnSpecs(), { name: CSV_SUBSTANCES_COLUMN }]);
  return record.map((h) => (h.trim() === '' ? undefined : lookup.get(headerName(h))));
}

/**
 * Index of the header among the first records: the first that names any template column
 * (by key or label), so that titles or blank rows above it do no harm.
 */
function findHeader(records: readonly string[][]): number | undefined {
  let seen = 0;
  for (let i = 0; i < records.length && seen < HEADER_SEARCH_ROWS; i++) {
    const r = records[i] as string[];
    if (blankRecord(r)) continue;
    seen++;
    if (headerColumns(r).some((c) => c !== undefined)) return i;
  }
  return undefined;
}

/**
 * The delimiter: the one with which a header row is found (comma, semicolon as Excel writes
 * with Vietnamese or Dutch settings, or tab); else the one most frequent in the first
 * non-empty line.
 */
function detectDelimiter(text: string): string {
  const firstLine = text.split(/\r\n|\n|\r/).find((l) => l.trim() !== '') ?? '';
  const counts = DELIMITERS.map((d) => [d, firstLine.split(d).length - 1] as const).sort(
    (a, b) => b[1] - a[1],
  );
  const guess = counts[0]?.[1] ? counts[0][0] : ',';
  for (const d of [guess, ...DELIMITERS.filter((x) => x !== guess)]) {
    try {
      if (findHeader(parseCsv(text, d, 50)) !== undefined) return d;
    } catch {
      // Not this delimiter (or a quoting error, reported when the whole file is parsed).
    }
  }
  return guess;
}

/** Reads a CSV into tables; BAD_INPUT for text that is not a passport CSV. */
/** Text encodings a CSV file may be read in; only UTF-8 (and UTF-16 with a BOM) is detected. */
export const CSV_ENCODINGS = ['utf-8', 'windows-1258', 'windows-1252'] as const;
export type CsvEncoding = (typeof CSV_ENCODINGS)[number];

export function readCsv(input: string | Uint8Array, encoding: CsvEncoding = 'utf-8'): Tables {
  let text = decode(input, encoding);
  if (text.startsWith(BOM)) text = text.slice(1);
  // Excel's separator hint, `sep=;`, is a directive, not a row (Excel does not show it).
  let delimiter: string | undefined;
  const hint = /^sep=(.)\r?\n/i.exec(text);
  if (hint !== null) {
    delimiter = hint[1] as string;
    text = text.slice(hint[0].length);
  }
  if (text.trim() === '') throw new MatbankError('BAD_INPUT', 'The CSV file is empty.');
  delimiter ??= detectDelimiter(text);
  let records: string[][];
  try {
    records = parseCsv(text, delimiter);
  } catch (e) {
    throw new MatbankError(
      'BAD_INPUT',
      `The CSV file cannot be read: ${(e as Error).message}`,
      [],
      { cause: e },
    );
  }
  if (records.every(blankRecord))
    throw new MatbankError('BAD_INPUT', 'The CSV file is empty (no cell has a value).');
  const found = findHeader(records);
  const headerIndex = found ?? records.findIndex((r) => !blankRecord(r));
  const headerRecord = records[headerIndex] as string[];
  const headerCols = headerColumns(headerRecord);
  const headerRow = headerIndex + 1;
  if (headerCols.every((c) => c === undefined)) {
    const sample = headerRecord
      .filter((v) => v.trim() !== '')
      .slice(0, 3)
      .map((v) => `"${v.trim()}"`)
      .join(', ');
    throw new MatbankError(
      'BAD_INPUT',
      `The CSV file has no header row: row ${headerRow} should hold the template's column names (building.ref, element.id, element.layer, …) but holds ${sample}. Start from the matbank template (matbank template csv).`,
    );
  }
  const colOf = new Map<string, number>();
  const tables: Tables = {
    kind: 'csv',
    building: {
      cells: new Map(),
      loc: (key) => ({ text: `CSV column ${key}`, sheetOrder: 4, row: 0 }),
    },
    elements: [],
    materials: [],
    substances: [],
    issues: [],
    warnings: [],
  };
  headerRecord.forEach((raw, i) => {
    const h = raw.trim();
    if (h === '') return;
    const key = headerCols[i];
    if (key === undefined) {
      tables.warnings.push({
        code: 'UNKNOWN_COLUMN',
        message: `CSV column "${h}" is not a template column; ignored`,
      });
      return;
    }
    if (colOf.has(key))
      throw new MatbankError('BAD_INPUT', `The CSV header has the column "${key}" twice.`);
    colOf.set(key, i);
  });
  const missing = REQUIRED_CSV.filter((k) => !colOf.has(k));
  if (missing.length > 0) {
    throw new MatbankError(
      'BAD_INPUT',
      `The CSV header (row ${headerRow}) is missing the required column${missing.length > 1 ? 's' : ''} ${missing.map((k) => `"${k}"`).join(', ')}. Start from the matbank template.`,
    );
  }

  const buildingRow = new Map<string, number>();
  const elements = new Map<string, { rec: RowRecord; rowOfKey: Map<string, number> }>();
  const elementKeys = ELEMENT_COLUMNS.map((c) => c.key);
  const materialKeys = MATERIAL_COLUMNS.map((c) => c.key);

  records.forEach((record, i) => {
    if (i <= headerIndex) return;
    const r = i + 1;
    const get = (key: string): string | undefined => {
      const col = colOf.get(key);
      const v = col === undefined ? undefined : record[col];
      return v === undefined || v.trim() === '' ? undefined : v;
    };
    if (record.every((v) => v.trim() === '')) return;

    for (const c of BUILDING_FIELDS) {
      const v = get(c.key);
      if (v === undefined) continue;
      const first = buildingRow.get(c.key);
      if (first === undefined) {
        buildingRow.set(c.key, r);
        tables.building.cells.set(c.key, v);
      } else if ((tables.building.cells.get(c.key) as string).trim() !== v.trim()) {
        tables.issues.push({
          loc: locAt(SHEET, r, c.key),
          message: `"${v}" differs from "${String(tables.building.cells.get(c.key))}" in row ${first} (building columns must be equal on every row, or empty)`,
        });
      }
    }

    const id = get('element.id')?.trim();
    const hasMaterial =
      materialKeys.some((k) => get(`material.${k}`) !== undefined) ||
      get(CSV_SUBSTANCES_COLUMN) !== undefined;
    if (id === undefined) {
      if (hasMaterial || elementKeys.some((k) => get(`element.${k}`) !== undefined)) {
        tables.issues.push({
          loc: locAt(SHEET, r, 'element.id'),
          message: 'is required (the row has element or material data)',
        });
      }
      return;
    }

    let el = elements.get(id);
    if (el === undefined) {
      const rowOfKey = new Map<string, number>();
      const rec: RowRecord = {
        row: r,
        cells: new Map(),
        loc: (key) =>
          locAt(
            SHEET,
            key === undefined ? r : (rowOfKey.get(key) ?? r),
            key === undefined ? undefined : `element.${key}`,
          ),
      };
      el = { rec, rowOfKey };
      elements.set(id, el);
      tables.elements.push(rec);
    }
    for (const k of elementKeys) {
      const v = get(`element.${k}`);
      if (v === undefined) continue;
      const prev = el.rec.cells.get(k);
      if (prev === undefined) {
        el.rec.cells.set(k, v);
        el.rowOfKey.set(k, r);
      } else if (String(prev).trim() !== v.trim()) {
        tables.issues.push({
          loc: locAt(SHEET, r, `element.${k}`),
          message: `"${v}" differs from "${String(prev)}" in row ${el.rowOfKey.get(k) ?? el.rec.row} (element columns must be equal on every row of element "${id}", or empty)`,
        });
      }
    }
    if (!hasMaterial) return;

    const ref = `\u0000csv-row-${r}`;
    const cells = new Map<string, CellValue>([
      ['elementId', id],
      ['materialRef', ref],
    ]);
    for (const k of materialKeys) {
      const v = get(`material.${k}`);
      if (v !== undefined) cells.set(k, v);
    }
    tables.materials.push({
      row: r,
      cells,
      loc: (key) =>
        locAt(
          SHEET,
          r,
          key === undefined ? undefined : key === 'elementId' ? 'element.id' : `material.${key}`,
        ),
    });

    const subsCell = get(CSV_SUBSTANCES_COLUMN);
    if (subsCell === undefined) return;
    const parsed = parseSubstanceCell(subsCell);
    if (!parsed.ok) {
      tables.issues.push({ loc: locAt(SHEET, r, CSV_SUBSTANCES_COLUMN), message: parsed.message });
      return;
    }
    parsed.entries.forEach((parts, n) => {
      const sc = new Map<string, CellValue>([['materialRef', ref]]);
      SUBSTANCE_CELL_PARTS.forEach((k, p) => {
        const v = parts[p];
        if (!isBlank(v)) sc.set(k, v);
      });
      if (parts.length > SUBSTANCE_CELL_PARTS.length) {
        tables.issues.push({
          loc: locAt(SHEET, r, CSV_SUBSTANCES_COLUMN),
          message: `entry ${n + 1} has ${parts.length} parts; at most ${SUBSTANCE_CELL_PARTS.length} (cas|name|massFraction|ec|location)`,
        });
      }
      const substanceLoc = (key?: string): Loc => ({
        ...locAt(SHEET, r, CSV_SUBSTANCES_COLUMN),
        text: `${SHEET} row ${r}, column ${CSV_SUBSTANCES_COLUMN}, entry ${n + 1}${key === undefined || key === 'materialRef' ? '' : ` (${key})`}`,
      });
      tables.substances.push({ row: r, cells: sc, loc: substanceLoc });
    });
  });
  return tables;
}
