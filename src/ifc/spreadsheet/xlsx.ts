/**
 * The xlsx workbook: writing the template (empty or filled from a passport) and reading a
 * workbook into {@link Tables}.
 *
 * Layout of the table sheets (Elements, Materials, Substances): row 1 holds the
 * machine-stable column keys, row 2 the English and Vietnamese labels, data from row 3.
 * The importer finds columns by key, in any order; row 2 is skipped when it holds labels.
 * The Building sheet is key/value: column A the key, column B the value.
 */
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import type { Passport } from '../../core/passport/schema.ts';
import { PASSPORT_FORMAT } from '../../core/passport/schema.ts';
import { MatbankError } from '../../core/errors.ts';
import {
  BUILDING_FIELDS,
  ELEMENT_COLUMNS,
  MATERIAL_COLUMNS,
  MATERIAL_LINK_COLUMNS,
  SHEETS,
  SUBSTANCE_COLUMNS,
  SUBSTANCE_LINK_COLUMNS,
  VALUE_LABELS,
  headerLookup,
  headerName,
  labelOf,
  type ColumnSpec,
} from './columns.ts';
import { OLE2_MAGIC, ZIP_MAGIC } from './csv.ts';
import {
  CellProblem,
  flattenBuilding,
  flattenElement,
  flattenMaterial,
  flattenSubstance,
  isBlank,
  locAt,
  type CellValue,
  type OutValue,
  type RowRecord,
  type Tables,
} from './model.ts';

/** Columns of each table sheet, in template order. */
export const SHEET_COLUMNS = {
  [SHEETS.elements]: ELEMENT_COLUMNS,
  [SHEETS.materials]: [...MATERIAL_LINK_COLUMNS, ...MATERIAL_COLUMNS],
  [SHEETS.substances]: [...SUBSTANCE_LINK_COLUMNS, ...SUBSTANCE_COLUMNS],
} as const;

/** Rows (from row 3) that carry drop-down lists in the template. */
const VALIDATION_ROWS = 5000;
const KEY_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
const LABEL_FILL: ExcelJS.Fill = {
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb: 'FFDDEBF7' },
};

type RangeValidations = {
  dataValidations: { add(range: string, v: ExcelJS.DataValidation): void };
};

const isTextual = (c: ColumnSpec): boolean => c.type === 'text' || c.type === 'code';

function listValidation(c: ColumnSpec): ExcelJS.DataValidation {
  return {
    type: 'list',
    allowBlank: true,
    formulae: [`"${(c.values ?? []).join(',')}"`],
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: c.en,
    error: `${(c.values ?? []).join(' | ')}`,
  };
}

/** Writes the workbook; with `passport` undefined, the empty template. */
export async function writeXlsx(passport: Passport | undefined): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'matbank';
  writeReadMe(wb.addWorksheet(SHEETS.readMe));
  writeBuilding(wb.addWorksheet(SHEETS.building), passport);

  const elementRows: Map<string, OutValue>[] = [];
  const materialRows: Map<string, OutValue>[] = [];
  const substanceRows: Map<string, OutValue>[] = [];
  for (const e of passport?.elements ?? []) {
    elementRows.push(flattenElement(e));
    e.materials.forEach((m, j) => {
      materialRows.push(new Map([['elementId', e.id], ...flattenMaterial(m)]));
      for (const s of m.substances ?? []) {
        substanceRows.push(
          new Map<string, OutValue>([
            ['elementId', e.id],
            ['materialIndex', j + 1],
            ...flattenSubstance(s),
          ]),
        );
      }
    });
  }
  writeTable(wb.addWorksheet(SHEETS.elements), SHEET_COLUMNS[SHEETS.elements], elementRows);
  writeTable(wb.addWorksheet(SHEETS.materials), SHEET_COLUMNS[SHEETS.materials], materialRows);
  writeTable(wb.addWorksheet(SHEETS.substances), SHEET_COLUMNS[SHEETS.substances], substanceRows);
  const buffer = await wb.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

function writeTable(
  ws: ExcelJS.Worksheet,
  columns: readonly ColumnSpec[],
  rows: Map<string, OutValue>[],
): void {
  ws.addRow(columns.map((c) => c.key));
  ws.addRow(columns.map((c) => labelOf(c)));
  ws.getRow(1).font = { bold: true, name: 'Consolas' };
  ws.getRow(1).fill = KEY_FILL;
  ws.getRow(2).fill = LABEL_FILL;
  ws.getRow(2).alignment = { wrapText: true, vertical: 'top' };
  ws.views = [{ state: 'frozen', ySplit: 2 }];
  columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = Math.min(40, Math.max(12, c.key.length + 2));
    // Text format stops Excel from turning GTINs, codes like 21.10 or 17 01 01 into numbers.
    if (isTextual(c)) col.numFmt = '@';
    const note = `${c.en}: ${c.helpEn}\n${c.vi}: ${c.helpVi}`;
    ws.getCell(1, i + 1).note = note;
    if (c.type === 'enum') {
      const letter = col.letter;
      // exceljs 4 has range validations at run time but leaves them out of its typings.
      (ws as unknown as RangeValidations).dataValidations.add(
        `${letter}3:${letter}${Math.max(VALIDATION_ROWS, rows.length + 500)}`,
        listValidation(c),
      );
    }
  });
  for (const values of rows) {
    ws.addRow(columns.map((c) => values.get(c.key) ?? null));
  }
}

function writeBuilding(ws: ExcelJS.Worksheet, passport: Passport | undefined): void {
  ws.addRow(['key', 'value', 'label', 'nhãn', 'help / hướng dẫn']);
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).fill = KEY_FILL;
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  ws.getColumn(1).width = 30;
  ws.getColumn(2).width = 36;
  ws.getColumn(3).width = 26;
  ws.getColumn(4).width = 26;
  ws.getColumn(5).width = 80;
  ws.addRow([
    'format',
    PASSPORT_FORMAT,
    'Format (do not change)',
    'Định dạng (không sửa)',
    'matbank passport format version',
  ]);
  const values = flattenBuilding(passport);
  for (const c of BUILDING_FIELDS) {
    const help = `${c.helpEn}${c.values ? ` [${c.values.join(' | ')}]` : ''}\n${c.helpVi}`;
    const row = ws.addRow([
      c.key,
      values.get(c.key) ?? null,
      c.en + (c.required ? ' *' : ''),
      c.vi + (c.required ? ' *' : ''),
      help,
    ]);
    const cell = row.getCell(2);
    if (isTextual(c)) cell.numFmt = '@';
    if (c.type === 'enum') cell.dataValidation = listValidation(c);
  }
}

function writeReadMe(ws: ExcelJS.Worksheet): void {
  ws.getColumn(1).width = 14;
  ws.getColumn(2).width = 30;
  ws.getColumn(3).width = 30;
  ws.getColumn(4).width = 30;
  ws.getColumn(5).width = 12;
  ws.getColumn(6).width = 50;
  ws.getColumn(7).width = 60;
  ws.getColumn(8).width = 60;
  const intro: [string, string][] = [
    [
      'matbank material passport template (' + PASSPORT_FORMAT + ')',
      'Mẫu hộ chiếu vật liệu matbank (' + PASSPORT_FORMAT + ')',
    ],
    [
      'Fill in Building (one value per field), Elements (one row per building element), Materials (one row per material in an element) and Substances (hazardous or notable substances of a material). Row 1 of each sheet holds the column keys: do not change them. Row 2 holds labels. Data start in row 3.',
      'Điền các trang Building (mỗi trường một giá trị), Elements (mỗi cấu kiện một dòng), Materials (mỗi vật liệu của cấu kiện một dòng) và Substances (các chất nguy hại hoặc đáng lưu ý của vật liệu). Dòng 1 mỗi trang là mã cột: không sửa. Dòng 2 là nhãn. Dữ liệu bắt đầu từ dòng 3.',
    ],
    [
      'Numbers: 1234.5, 1.234,5 and 1 234,5 all mean one thousand two hundred thirty-four and a half; a single comma or dot is the decimal mark (0,75 = 0.75). Fractions may be written 0.75, 0,75 or 75%. Empty cells mean "not known".',
      'Số: 1234.5, 1.234,5 và 1 234,5 đều là một nghìn hai trăm ba mươi tư phẩy năm; một dấu phẩy hoặc một dấu chấm duy nhất là dấu thập phân (0,75 = 0.75). Tỷ lệ có thể ghi 0.75, 0,75 hoặc 75%. Ô trống nghĩa là "chưa biết".',
    ],
    [
      'Mass: give massKg, or volumeM3 (with densityKgPerM3, or a materialId/name the library knows): the import computes mass = volume × density.',
      'Khối lượng: nhập massKg, hoặc volumeM3 (kèm densityKgPerM3, hoặc mã/tên vật liệu có trong thư viện): khi nhập sẽ tính khối lượng = thể tích × khối lượng riêng.',
    ],
  ];
  for (const [en, vi] of intro) {
    const row = ws.addRow([en, null, null, null, null, null, vi]);
    ws.mergeCells(row.number, 1, row.number, 6);
    row.alignment = { wrapText: true, vertical: 'top' };
    row.height = en.length > 120 ? 60 : 20;
  }
  ws.getRow(1).font = { bold: true, size: 14 };
  ws.addRow([]);
  const header = ws.addRow([
    'sheet',
    'key',
    'label',
    'nhãn',
    'unit / đơn vị',
    'allowed values / giá trị cho phép',
    'description',
    'mô tả',
  ]);
  header.font = { bold: true };
  header.fill = KEY_FILL;
  const sheets: [string, readonly ColumnSpec[]][] = [
    [SHEETS.building, BUILDING_FIELDS],
    [SHEETS.elements, SHEET_COLUMNS[SHEETS.elements]],
    [SHEETS.materials, SHEET_COLUMNS[SHEETS.materials]],
    [SHEETS.substances, SHEET_COLUMNS[SHEETS.substances]],
  ];
  for (const [sheet, columns] of sheets) {
    for (const c of columns) {
      const allowed = c.values
        ? c.values
            .map((v) => `${v} = ${VALUE_LABELS[v]?.en ?? v} / ${VALUE_LABELS[v]?.vi ?? v}`)
            .join('\n')
        : typeSummary(c);
      const row = ws.addRow([
        sheet,
        c.key,
        c.en + (c.required ? ' *' : ''),
        c.vi + (c.required ? ' *' : ''),
        c.unit ?? '',
        allowed,
        c.helpEn,
        c.helpVi,
      ]);
      row.alignment = { wrapText: true, vertical: 'top' };
    }
  }
  ws.addRow([]);
  ws.addRow(['* required / bắt buộc']);
}

function typeSummary(c: ColumnSpec): string {
  switch (c.type) {
    case 'fraction':
      return '0–1, or 0–100 % / 0–1, hoặc 0–100 %';
    case 'int':
      return 'whole number / số nguyên';
    case 'number':
      return 'number / số';
    default:
      return 'text / văn bản';
  }
}

// ---------------------------------------------------------------------------------- read

/**
 * Turns an exceljs cell value into a {@link CellValue}: formulas by their saved result,
 * rich text as its plain text, hyperlinks as the text shown (or, with `link`, the address).
 */
function cellValue(v: ExcelJS.CellValue, link = false): CellValue {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date)
    return v;
  if (typeof v === 'object') {
    if ('error' in v) return new CellProblem(`the cell holds the error ${String(v.error)}`);
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('formula' in v || 'sharedFormula' in v) {
      const result = (v as { result?: unknown }).result;
      if (result === undefined || result === null) {
        return new CellProblem(
          'the formula has no saved result (open and save the file in Excel first)',
        );
      }
      if (typeof result === 'object' && result !== null && 'error' in result) {
        return new CellProblem(
          `the formula gives the error ${String((result as { error: unknown }).error)}`,
        );
      }
      return cellValue(result as ExcelJS.CellValue, link);
    }
    if ('hyperlink' in v && link && typeof v.hyperlink === 'string' && v.hyperlink.trim() !== '')
      return v.hyperlink;
    if ('text' in v)
      return typeof v.text === 'string' ? v.text : cellValue(v.text as ExcelJS.CellValue);
  }
  return new CellProblem('the cell holds something that is not a value');
}

/**
 * The value of one cell, merged cells included: a cell merged down a column takes the
 * value of the merged cell (one element id for several material rows), except in number
 * columns, where a value shared by rows would be counted once per row; a cell merged
 * across columns belongs to its first column only.
 */
function readCellAt(ws: ExcelJS.Worksheet, row: number, col: number, spec?: ColumnSpec): CellValue {
  const cell = ws.getCell(row, col);
  if (cell.isMerged && cell.master !== cell) {
    const master = cell.master;
    if (master.col !== cell.col) return undefined;
    const numeric = spec !== undefined && !isTextual(spec) && spec.type !== 'enum';
    if (numeric && !isBlank(cellValue(master.value))) {
      return new CellProblem(
        `is part of the merged cell that starts at ${master.address}: a number cannot be shared by several rows; unmerge the cells and give each row its own value (or leave it empty)`,
      );
    }
    return cellValue(master.value, spec?.link === true);
  }
  return cellValue(cell.value, spec?.link === true);
}

const norm = (s: string): string => s.replace(/\s+/g, ' ').trim();

function findSheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet | undefined {
  return wb.worksheets.find((ws) => norm(ws.name).toLowerCase() === name.toLowerCase());
}

const startsWith = (b: Uint8Array, sig: readonly number[]): boolean =>
  b.length >= sig.length && sig.every((x, i) => b[i] === x);

/** Names of the entries of a zip, or undefined if it cannot be listed (damaged). */
function zipEntries(bytes: Uint8Array): string[] | undefined {
  const names: string[] = [];
  try {
    unzipSync(bytes, {
      filter: (f) => {
        names.push(f.name);
        return false;
      },
    });
  } catch {
    return undefined;
  }
  return names;
}

/** Refuses, with one message that says what the file is, anything that is not an xlsx zip. */
function checkXlsxBytes(bytes: Uint8Array): void {
  const refuse = (what: string): never => {
    throw new MatbankError('BAD_INPUT', what);
  };
  if (bytes.length === 0) refuse('The xlsx file is empty (0 bytes).');
  if (startsWith(bytes, OLE2_MAGIC)) {
    refuse(
      'The file is an Excel 97–2003 workbook (.xls) or a password-protected workbook, not an xlsx: in Excel, remove any password and save it as Excel Workbook (.xlsx).',
    );
  }
  if (!startsWith(bytes, ZIP_MAGIC)) {
    const head = bytes.subarray(0, 4096);
    const looksLikeText = !head.includes(0) && /[,;\t]/.test(Buffer.from(head).toString('latin1'));
    refuse(
      looksLikeText
        ? 'The file is not an xlsx workbook: it looks like text, e.g. CSV. Save it as Excel Workbook (.xlsx), or import it as csv.'
        : 'The file is not an xlsx workbook (it is not a zip archive). Save it as Excel Workbook (.xlsx), or import it as CSV.',
    );
  }
  const names = zipEntries(bytes);
  if (names === undefined) return; // damaged: exceljs says how
  if (names.includes('xl/workbook.xml')) return;
  if (names.includes('mimetype') && names.includes('content.xml')) {
    refuse(
      'The file is an OpenDocument spreadsheet (.ods), not an xlsx: in LibreOffice choose File › Save As › Excel 2007-365 (.xlsx).',
    );
  }
  const shown = names.slice(0, 5).join(', ') + (names.length > 5 ? ', …' : '');
  refuse(
    `The file is a zip archive but not an xlsx workbook (it holds: ${shown || 'nothing'}). Save the workbook as Excel Workbook (.xlsx).`,
  );
}

/** Reads an xlsx file into tables; BAD_INPUT for anything that is not our workbook. */
export async function readXlsx(bytes: Uint8Array): Promise<Tables> {
  checkXlsxBytes(bytes);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer,
    );
  } catch (e) {
    throw new MatbankError(
      'BAD_INPUT',
      `The xlsx file is damaged or is not an Excel workbook: ${(e as Error).message}`,
      [],
      { cause: e },
    );
  }
  const sheetNames = wb.worksheets.map((ws) => ws.name);
  const need = (name: string): ExcelJS.Worksheet => {
    const ws = findSheet(wb, name);
    if (ws === undefined) {
      throw new MatbankError(
        'BAD_INPUT',
        `The workbook has no sheet "${name}" (it has: ${sheetNames.map((n) => `"${n}"`).join(', ') || 'none'}). Start from the matbank template.`,
      );
    }
    return ws;
  };
  const tables: Tables = {
    kind: 'xlsx',
    building: { cells: new Map(), loc: () => locAt(SHEETS.building, 0) },
    elements: [],
    materials: [],
    substances: [],
    issues: [],
    warnings: [],
  };
  readBuilding(need(SHEETS.building), tables);
  tables.elements = readTable(
    need(SHEETS.elements),
    SHEETS.elements,
    SHEET_COLUMNS[SHEETS.elements],
    tables,
  );
  tables.materials = readTable(
    need(SHEETS.materials),
    SHEETS.materials,
    SHEET_COLUMNS[SHEETS.materials],
    tables,
  );
  // Substances is optional: a workbook without hazardous substances may drop the sheet.
  const subs = findSheet(wb, SHEETS.substances);
  tables.substances =
    subs === undefined
      ? []
      : readTable(subs, SHEETS.substances, SHEET_COLUMNS[SHEETS.substances], tables);
  return tables;
}

function headerMap(ws: ExcelJS.Worksheet, rowNumber: number): Map<number, string> {
  const map = new Map<number, string>();
  const row = ws.getRow(rowNumber);
  for (let col = 1; col <= row.cellCount; col++) {
    const v = readCellAt(ws, rowNumber, col);
    if (typeof v === 'string' && v.trim() !== '') map.set(col, v.trim());
  }
  return map;
}

function readBuilding(ws: ExcelJS.Worksheet, tables: Tables): void {
  const header = headerMap(ws, 1);
  const colOf = (k: string): number | undefined =>
    [...header].find(([, v]) => v.toLowerCase() === k)?.[0];
  const keyCol = colOf('key');
  const valueCol = colOf('value');
  if (keyCol === undefined || valueCol === undefined) {
    throw new MatbankError(
      'BAD_INPUT',
      'Sheet "Building" needs the columns "key" and "value" in row 1. Start from the matbank template.',
    );
  }
  const known = new Map(BUILDING_FIELDS.map((c) => [c.key.toLowerCase(), c.key]));
  const rowOfKey = new Map<string, number>();
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    if (r === 1) return;
    const rawKey = readCellAt(ws, r, keyCol);
    if (typeof rawKey !== 'string' || rawKey.trim() === '') return;
    const spec = known.get(rawKey.trim().toLowerCase());
    const value = readCellAt(
      ws,
      r,
      valueCol,
      BUILDING_FIELDS.find((c) => c.key === spec),
    );
    const k = rawKey.trim();
    if (k.toLowerCase() === 'format') {
      tables.format = { value, loc: locAt(SHEETS.building, r, 'value') };
      return;
    }
    const key = known.get(k.toLowerCase());
    if (key === undefined) {
      if (!isBlank(value)) {
        tables.warnings.push({
          code: 'UNKNOWN_FIELD',
          message: `Building row ${r}: unknown key "${k}", ignored`,
        });
      }
      return;
    }
    const first = rowOfKey.get(key);
    if (first !== undefined) {
      tables.issues.push({
        loc: locAt(SHEETS.building, r, 'key'),
        message: `"${key}" is given twice (first in row ${first})`,
      });
      return;
    }
    rowOfKey.set(key, r);
    tables.building.cells.set(key, value);
  });
  tables.building.loc = (key) => {
    const r = rowOfKey.get(key);
    return r === undefined
      ? { text: `Building, key ${key}`, sheetOrder: 0, row: 0 }
      : { text: `Building row ${r} (${key}), column value`, sheetOrder: 0, row: r };
  };
}

/** How many rows from the top may come before the key row (titles, blank rows). */
const HEADER_SEARCH_ROWS = 10;

function readTable(
  ws: ExcelJS.Worksheet,
  sheet: string,
  columns: readonly ColumnSpec[],
  tables: Tables,
): RowRecord[] {
  const lookup = headerLookup(columns.map((spec) => ({ name: spec.key, spec })));
  const specOf = new Map(columns.map((c) => [c.key, c]));
  const required = columns.filter((c) => c.required).map((c) => c.key);
  // The header is row 1, or the first of the top rows that names any template column (by
  // key or by label), so that a title typed above the table does no harm.
  let headerRow = 1;
  for (let r = 1; r <= Math.min(HEADER_SEARCH_ROWS, ws.rowCount); r++) {
    if ([...headerMap(ws, r).values()].some((h) => lookup.has(headerName(h)))) {
      headerRow = r;
      break;
    }
  }
  const header = headerMap(ws, headerRow);
  const colKey = new Map<number, string>();
  const seen = new Map<string, number>();
  for (const [col, raw] of header) {
    const key = lookup.get(headerName(raw));
    if (key === undefined) {
      tables.warnings.push({
        code: 'UNKNOWN_COLUMN',
        message: `Sheet "${sheet}" column "${raw}" is not a template column; ignored`,
      });
      continue;
    }
    if (seen.has(key)) {
      throw new MatbankError(
        'BAD_INPUT',
        `Sheet "${sheet}" has the column "${key}" twice in row ${headerRow}.`,
      );
    }
    seen.set(key, col);
    colKey.set(col, key);
  }
  const missing = required.filter((k) => !seen.has(k));
  if (missing.length > 0) {
    throw new MatbankError(
      'BAD_INPUT',
      `Sheet "${sheet}" is missing the required column${missing.length > 1 ? 's' : ''} ${missing.map((k) => `"${k}"`).join(', ')} (row ${headerRow} holds the column keys). Start from the matbank template.`,
    );
  }
  // The row under the header is the label row when any cell in it is the label the template
  // writes there (the header itself may be that label row, if the key row was deleted).
  const labels = new Map(
    columns.map((c) => [c.key, [labelOf(c), c.en, c.vi].map((l) => headerName(l))]),
  );
  let isLabelRow = false;
  for (const [col, key] of colKey) {
    const v = readCellAt(ws, headerRow + 1, col);
    if (typeof v === 'string' && labels.get(key)?.includes(headerName(v))) isLabelRow = true;
  }
  const dataStart = headerRow + (isLabelRow ? 2 : 1);
  const rows: RowRecord[] = [];
  ws.eachRow({ includeEmpty: false }, (_row, r) => {
    if (r < dataStart) return;
    const cells = new Map<string, CellValue>();
    for (const [col, key] of colKey) {
      const v = readCellAt(ws, r, col, specOf.get(key));
      if (!isBlank(v)) cells.set(key, v);
    }
    if (cells.size === 0) return;
    rows.push({ row: r, cells, loc: (key) => locAt(sheet, r, key) });
  });
  return rows;
}
