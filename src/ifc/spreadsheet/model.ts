/**
 * The common middle of both formats. Readers (xlsx, csv) turn a file into {@link Tables}:
 * raw cells by column key, each row able to say where it is in the file. The assembler
 * turns tables into a passport. Writers turn a passport into rows with {@link flatten*}.
 * So there is one mapping between columns and passport fields, used both ways.
 */
import type { Element, MaterialUse, Passport, Substance } from '../../core/passport/schema.ts';
import type { ImportWarning } from '../../core/import-report.ts';
import {
  BUILDING_FIELDS,
  ELEMENT_COLUMNS,
  MATERIAL_COLUMNS,
  SUBSTANCE_COLUMNS,
} from './columns.ts';

/** A cell that holds an error or something that is not a value (`#N/A`, an uncached formula). */
export class CellProblem {
  constructor(readonly message: string) {}
}

/** What a reader hands over for one cell. */
export type CellValue = string | number | boolean | Date | CellProblem | undefined;

/** A place in the input file, e.g. `Materials row 14, column recycledFraction`. */
export interface Loc {
  text: string;
  /** For sorting issues into file order. */
  sheetOrder: number;
  row: number;
}

/** One row of Elements, Materials or Substances, by column key. */
export interface RowRecord {
  row: number;
  cells: Map<string, CellValue>;
  /** Where the row (no key) or one of its columns is. */
  loc: (key?: string) => Loc;
}

export interface Tables {
  kind: 'xlsx' | 'csv';
  /** Building and source fields by full key (`building.ref`). */
  building: { cells: Map<string, CellValue>; loc: (key: string) => Loc };
  /** The `format` row of the Building sheet, if any. */
  format?: { value: CellValue; loc: Loc };
  elements: RowRecord[];
  /** Carry `elementId` and, optionally, `materialRef`. */
  materials: RowRecord[];
  /** Carry `materialRef`, or `elementId` and `materialIndex`. */
  substances: RowRecord[];
  /** Problems the reader found in cells (duplicate keys, values that disagree in CSV rows). */
  issues: { loc: Loc; message: string }[];
  warnings: ImportWarning[];
}

/** Sheet order for sorting issues. */
export const SHEET_ORDER: Record<string, number> = {
  Building: 0,
  Elements: 1,
  Materials: 2,
  Substances: 3,
  CSV: 4,
};

/** Builds a {@link Loc}: `Sheet row N, column key`, or `Sheet row N`. */
export function locAt(sheet: string, row: number, column?: string): Loc {
  return {
    text: column === undefined ? `${sheet} row ${row}` : `${sheet} row ${row}, column ${column}`,
    sheetOrder: SHEET_ORDER[sheet] ?? 9,
    row,
  };
}

/** Reads a dotted path below an object. */
export function getPath(obj: unknown, key: string): unknown {
  let cur: unknown = obj;
  for (const part of key.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** Writes a dotted path, making the objects on the way. */
export function setPath(obj: Record<string, unknown>, key: string, value: unknown): void {
  const parts = key.split('.');
  let cur = obj;
  for (const part of parts.slice(0, -1)) {
    const next = cur[part];
    if (next === undefined || next === null || typeof next !== 'object') cur[part] = {};
    cur = cur[part] as Record<string, unknown>;
  }
  cur[parts[parts.length - 1] as string] = value;
}

/** A value as a writer puts it in a cell: strings and numbers only, `undefined` = empty. */
export type OutValue = string | number | undefined;

const out = (v: unknown): OutValue =>
  typeof v === 'string' || typeof v === 'number' ? v : undefined;

/** Building and source fields of a passport by full key. */
export function flattenBuilding(p: Passport | undefined): Map<string, OutValue> {
  return new Map(BUILDING_FIELDS.map((c) => [c.key, out(getPath(p, c.key))]));
}

/** An element's own fields (not its materials) by column key. */
export function flattenElement(e: Element): Map<string, OutValue> {
  return new Map(ELEMENT_COLUMNS.map((c) => [c.key, out(getPath(e, c.key))]));
}

/** A material use's fields (not its substances) by column key. */
export function flattenMaterial(m: MaterialUse): Map<string, OutValue> {
  return new Map(MATERIAL_COLUMNS.map((c) => [c.key, out(getPath(m, c.key))]));
}

/** A substance's fields by column key. */
export function flattenSubstance(s: Substance): Map<string, OutValue> {
  return new Map(SUBSTANCE_COLUMNS.map((c) => [c.key, out(getPath(s, c.key))]));
}

/** True when a cell holds nothing (empty, or only whitespace). */
export function isBlank(v: CellValue): boolean {
  return v === undefined || (typeof v === 'string' && v.trim() === '');
}
