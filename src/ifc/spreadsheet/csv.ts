/**
 * The flat CSV: one row per material use. Element columns (`element.*`) repeat on every
 * row of the element, building columns (`building.*`, `source.*`) on every row. A row whose
 * material columns are all empty is an element without materials; a row without
 * `element.id` carries building fields only. Substances sit in one `substances` cell
 * (substance-cell.ts).
 *
 * Rows are numbered as a spreadsheet shows them: the header is row 1.
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
  csvColumns,
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

function decode(input: string | Uint8Array): string {
  if (typeof input === 'string') return input;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(input);
  } catch (e) {
    throw new MatbankError(
      'BAD_INPUT',
      'The CSV file is not UTF-8 text. In Excel, save as "CSV UTF-8 (Comma delimited)".',
      [],
      { cause: e },
    );
  }
}

/** The delimiter of the header line: comma, semicolon (Excel in Vietnamese or Dutch) or tab. */
function detectDelimiter(text: string): string {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const counts = [',', ';', '\t'].map((d) => [d, firstLine.split(d).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]?.[1] ? counts[0][0] : ',';
}

/** Reads a CSV into tables; BAD_INPUT for text that is not a passport CSV. */
export function readCsv(input: string | Uint8Array): Tables {
  let text = decode(input);
  if (text.startsWith(BOM)) text = text.slice(1);
  if (text.trim() === '') throw new MatbankError('BAD_INPUT', 'The CSV file is empty.');
  let records: string[][];
  try {
    records = parse(text, {
      delimiter: detectDelimiter(text),
      relax_column_count: true,
      skip_empty_lines: false,
    });
  } catch (e) {
    throw new MatbankError(
      'BAD_INPUT',
      `The CSV file cannot be read: ${(e as Error).message}`,
      [],
      { cause: e },
    );
  }
  const header = (records[0] ?? []).map((h) => h.trim());
  const known = new Map(csvColumns().map((k) => [k.toLowerCase(), k]));
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
  header.forEach((h, i) => {
    if (h === '') return;
    const key = known.get(h.toLowerCase());
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
  const missing = ['element.id', 'element.layer'].filter((k) => !colOf.has(k));
  if (missing.length > 0) {
    throw new MatbankError(
      'BAD_INPUT',
      `The CSV header (row 1) is missing the required column${missing.length > 1 ? 's' : ''} ${missing.map((k) => `"${k}"`).join(', ')}. Start from the matbank template.`,
    );
  }

  const buildingRow = new Map<string, number>();
  const elements = new Map<string, { rec: RowRecord; rowOfKey: Map<string, number> }>();
  const elementKeys = ELEMENT_COLUMNS.map((c) => c.key);
  const materialKeys = MATERIAL_COLUMNS.map((c) => c.key);

  records.slice(1).forEach((record, i) => {
    const r = i + 2;
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
