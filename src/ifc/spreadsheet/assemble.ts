/**
 * Tables → passport: converts cells by column type, links materials to elements and
 * substances to materials, matches names to the materials library, derives mass from
 * volume × density, validates, and maps every validation issue back to the sheet, row and
 * column it came from. Throws; never returns a partial passport.
 */
import type { ImportReport, ImportWarning, ElementRef } from '../../core/import-report.ts';
import type { MaterialLibrary } from '../../core/materials.ts';
import type { Passport } from '../../core/passport/schema.ts';
import { PASSPORT_FORMAT } from '../../core/passport/schema.ts';
import { validatePassport } from '../../core/passport/validate.ts';
import type { MassSource } from '../../core/vocab.ts';
import { MatbankError } from '../../core/errors.ts';
import {
  BUILDING_FIELDS,
  ELEMENT_COLUMNS,
  MATERIAL_COLUMNS,
  MATERIAL_LINK_COLUMNS,
  SUBSTANCE_COLUMNS,
  SUBSTANCE_LINK_COLUMNS,
  type ColumnSpec,
} from './columns.ts';
import {
  CellProblem,
  getPath,
  isBlank,
  setPath,
  type CellValue,
  type Loc,
  type RowRecord,
  type Tables,
} from './model.ts';
import { detectDecimalMark, parseNumber, type DecimalMark } from './numbers.ts';

/** The matcher's contract (src/core/match). */
export type MatchFn = (
  name: string,
  library: MaterialLibrary,
  opts?: { densityKgPerM3?: number; overrides?: Record<string, string> },
) =>
  | { materialId: string; confidence: number; via: string }
  | { materialId: undefined; reason: string };

export interface AssembleOptions {
  fileName: string;
  buildingRef?: string;
  library?: MaterialLibrary;
  match?: MatchFn;
  overrides?: Record<string, string>;
  /** Why there is no library, when there is none (goes into unmatched reasons). */
  noLibraryReason?: string;
}

/** Below this confidence a match is kept but flagged for a person to check. */
export const LOW_CONFIDENCE = 0.8;
/** Declared mass and volume × explicit density further apart than this share are flagged. */
export const MASS_MISMATCH_SHARE = 0.1;
/** Mass sources that are a measurement or a declaration rather than a derivation. */
const MEASURED_SOURCES: ReadonlySet<MassSource> = new Set(['declared', 'weight']);

type Obj = Record<string, unknown>;
interface Issue {
  loc: Loc;
  message: string;
}

const spacesAndDashes = /[\s_-]/g;

/** What spreadsheets show for a formula error, and write into CSV in its place. */
const SPREADSHEET_ERROR =
  /^#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|GETTING_DATA)$/i;

const day = (d: Date): string =>
  Number.isNaN(d.getTime()) ? 'an invalid date' : d.toISOString().slice(0, 10);

/** Converts one cell by its column type; problems go to `issues`, the value is then absent. */
function readCell(
  spec: ColumnSpec,
  v: CellValue,
  loc: Loc,
  issues: Issue[],
  mark?: DecimalMark,
): unknown {
  if (isBlank(v)) return undefined;
  if (v instanceof CellProblem) {
    issues.push({ loc, message: v.message });
    return undefined;
  }
  if (typeof v === 'string' && SPREADSHEET_ERROR.test(v.trim())) {
    issues.push({ loc, message: `the cell holds the spreadsheet error ${v.trim().toUpperCase()}` });
    return undefined;
  }
  if (v instanceof Date && !(spec.acceptsDate === true && !Number.isNaN(v.getTime()))) {
    // Excel and LibreOffice turn "1.5" or "21.10" typed into an unformatted cell into a date.
    const numeric = spec.type === 'number' || spec.type === 'int' || spec.type === 'fraction';
    issues.push({
      loc,
      message: `is a date (${day(v)}), must be ${numeric ? 'a number' : 'text'} (the spreadsheet may have taken what was typed, e.g. "${numeric ? '1.5' : '21.10'}", for a date: format the cell as Text and type it again)`,
    });
    return undefined;
  }
  const asText = (): string =>
    typeof v === 'string' ? v : v instanceof Date ? v.toISOString() : String(v);
  switch (spec.type) {
    case 'text':
      return asText();
    case 'code':
      return asText().trim();
    case 'enum': {
      const s = asText().trim();
      const wanted = s.toLowerCase().replace(spacesAndDashes, '');
      return spec.values?.find((x) => x.toLowerCase() === wanted) ?? s;
    }
    default: {
      if (typeof v === 'number') {
        if (Number.isFinite(v)) return v;
        issues.push({ loc, message: 'must be a finite number' });
        return undefined;
      }
      if (typeof v !== 'string') {
        issues.push({ loc, message: 'must be a number' });
        return undefined;
      }
      const r = parseNumber(v, spec.type === 'fraction', mark);
      if (r.ok) return r.value;
      issues.push({ loc, message: r.message });
      return undefined;
    }
  }
}

function readInto(
  target: Obj,
  columns: readonly ColumnSpec[],
  rec: RowRecord,
  issues: Issue[],
  mark?: DecimalMark,
): void {
  for (const c of columns) {
    const v = readCell(c, rec.cells.get(c.key), rec.loc(c.key), issues, mark);
    if (v !== undefined) setPath(target, c.key, v);
  }
}

function readLink(spec: ColumnSpec, rec: RowRecord, issues: Issue[], mark?: DecimalMark): unknown {
  return readCell(spec, rec.cells.get(spec.key), rec.loc(spec.key), issues, mark);
}

const linkSpec = (cols: readonly ColumnSpec[], key: string): ColumnSpec =>
  cols.find((c) => c.key === key) as ColumnSpec;

function elementRef(e: Obj): ElementRef {
  const ref: ElementRef = { id: String(e.id) };
  for (const k of ['name', 'ifcClass', 'ifcGlobalId'] as const)
    if (typeof e[k] === 'string') ref[k] = e[k];
  return ref;
}

const NUMERIC_TYPES = new Set(['number', 'int', 'fraction']);

/**
 * The decimal mark of the numbers typed as text anywhere in the file, when unambiguous, and
 * whether it changes the reading of some number (`12.000` in a file of decimal commas).
 */
function fileDecimalMark(tables: Tables): { mark?: DecimalMark; regrouped: boolean } {
  const texts: string[] = [];
  const collect = (
    rows: readonly { cells: Map<string, CellValue> }[],
    columns: readonly ColumnSpec[],
  ) => {
    const numeric = columns.filter((c) => NUMERIC_TYPES.has(c.type));
    for (const r of rows)
      for (const c of numeric) {
        const v = r.cells.get(c.key);
        if (typeof v === 'string') texts.push(v);
      }
  };
  collect([tables.building], BUILDING_FIELDS);
  collect(tables.elements, ELEMENT_COLUMNS);
  collect(tables.materials, MATERIAL_COLUMNS);
  collect(tables.substances, SUBSTANCE_COLUMNS);
  const mark = detectDecimalMark(texts);
  if (mark === undefined) return { regrouped: false };
  const single = mark === ',' ? /^[+-]?\d+\.\d{3}$/ : /^[+-]?\d+,\d{3}$/;
  return { mark, regrouped: texts.some((t) => single.test(t.trim())) };
}

const describe = (e: Obj): string =>
  `element "${String(e.id)}"${typeof e.name === 'string' ? ` (${e.name})` : ''}`;

/** Assembles, validates and reports; throws MatbankError on any problem. */
export function assemble(
  tables: Tables,
  opts: AssembleOptions,
): { passport: Passport; report: Omit<ImportReport, 'durationMs'> } {
  const issues: Issue[] = [...tables.issues];
  const warnings: ImportWarning[] = [...tables.warnings];

  // ---- format and building
  if (tables.format !== undefined && !isBlank(tables.format.value)) {
    const f = String(tables.format.value).trim();
    if (f !== PASSPORT_FORMAT) {
      throw new MatbankError(
        'UNSUPPORTED_FORMAT',
        `${tables.format.loc.text}: format "${f}" is not supported; this version reads "${PASSPORT_FORMAT}".`,
      );
    }
  }
  const { mark, regrouped } = fileDecimalMark(tables);
  if (mark === ',' && regrouped) {
    warnings.push({
      code: 'DECIMAL_COMMA',
      message:
        'numbers typed as text use decimal commas (e.g. 0,75): a point groups thousands, so 12.000 reads as 12000',
    });
  }
  const root: Obj = { format: PASSPORT_FORMAT, building: {} };
  for (const c of BUILDING_FIELDS) {
    const v = readCell(
      c,
      tables.building.cells.get(c.key),
      tables.building.loc(c.key),
      issues,
      mark,
    );
    if (v !== undefined) setPath(root, c.key, v);
  }
  const building = root.building as Obj;
  if (opts.buildingRef !== undefined) {
    if (building.ref !== undefined && building.ref !== opts.buildingRef) {
      warnings.push({
        code: 'BUILDING_REF_REPLACED',
        message: `building.ref "${String(building.ref)}" in the file was replaced by "${opts.buildingRef}"`,
      });
    }
    building.ref = opts.buildingRef;
  }
  // The file's own source.* (a passport exported earlier) is kept; otherwise this import is the source.
  const source = (root.source as Obj | undefined) ?? {};
  source.kind ??= tables.kind;
  if (source.file === undefined && opts.fileName !== '') source.file = opts.fileName;
  root.source = source;

  // ---- elements
  const elements: Obj[] = [];
  const elementRows: RowRecord[] = [];
  const byId = new Map<string, Obj>();
  for (const rec of tables.elements) {
    const e: Obj = {};
    readInto(e, ELEMENT_COLUMNS, rec, issues, mark);
    e.materials = [];
    elements.push(e);
    elementRows.push(rec);
    if (typeof e.id === 'string') {
      const first = byId.get(e.id);
      // Checked here, not left to the schema: its check is skipped while any element is invalid.
      if (first !== undefined) {
        issues.push({
          loc: rec.loc('id'),
          message: `duplicate element id "${e.id}" (first in ${(elementRows[elements.indexOf(first)] as RowRecord).loc().text})`,
        });
      } else {
        byId.set(e.id, e);
      }
    }
  }
  root.elements = elements;

  // ---- materials
  const materialRows = new Map<Obj, RowRecord>();
  const byRef = new Map<string, { m: Obj; rec: RowRecord }>();
  const elementIdSpec = linkSpec(MATERIAL_LINK_COLUMNS, 'elementId');
  const materialRefSpec = linkSpec(MATERIAL_LINK_COLUMNS, 'materialRef');
  for (const rec of tables.materials) {
    const id = readLink(elementIdSpec, rec, issues, mark);
    const m: Obj = {};
    readInto(m, MATERIAL_COLUMNS, rec, issues, mark);
    const ref = readLink(materialRefSpec, rec, issues, mark);
    if (typeof ref === 'string') {
      const prev = byRef.get(ref);
      if (prev !== undefined)
        issues.push({
          loc: rec.loc('materialRef'),
          message: `"${ref}" is used twice (first in row ${prev.rec.row})`,
        });
      else byRef.set(ref, { m, rec });
    }
    if (typeof id !== 'string') {
      issues.push({ loc: rec.loc('elementId'), message: 'is required' });
      continue;
    }
    const e = byId.get(id);
    if (e === undefined) {
      issues.push({ loc: rec.loc('elementId'), message: `no element "${id}" in sheet Elements` });
      continue;
    }
    (e.materials as Obj[]).push(m);
    materialRows.set(m, rec);
  }

  // ---- substances
  const substanceRows = new Map<Obj, RowRecord>();
  const subElementSpec = linkSpec(SUBSTANCE_LINK_COLUMNS, 'elementId');
  const subIndexSpec = linkSpec(SUBSTANCE_LINK_COLUMNS, 'materialIndex');
  const subRefSpec = linkSpec(SUBSTANCE_LINK_COLUMNS, 'materialRef');
  for (const rec of tables.substances) {
    const target = resolveSubstanceTarget(rec, issues);
    if (target === undefined) continue;
    const s: Obj = {};
    readInto(s, SUBSTANCE_COLUMNS, rec, issues, mark);
    ((target.substances ??= []) as Obj[]).push(s);
    substanceRows.set(s, rec);
  }
  function resolveSubstanceTarget(rec: RowRecord, into: Issue[]): Obj | undefined {
    const ref = readLink(subRefSpec, rec, into, mark);
    if (typeof ref === 'string') {
      const hit = byRef.get(ref);
      if (hit === undefined)
        into.push({
          loc: rec.loc('materialRef'),
          message: `no Materials row has materialRef "${ref}"`,
        });
      return hit?.m;
    }
    const id = readLink(subElementSpec, rec, into, mark);
    if (typeof id !== 'string') {
      into.push({ loc: rec.loc('elementId'), message: 'is required (or give materialRef)' });
      return undefined;
    }
    const e = byId.get(id);
    if (e === undefined) {
      into.push({ loc: rec.loc('elementId'), message: `no element "${id}" in sheet Elements` });
      return undefined;
    }
    const mats = e.materials as Obj[];
    const index = readLink(subIndexSpec, rec, into, mark);
    if (index === undefined) {
      if (mats.length === 1) return mats[0];
      into.push({
        loc: rec.loc('materialIndex'),
        message: `is required: element "${id}" has ${mats.length} material rows`,
      });
      return undefined;
    }
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 1 || index > mats.length) {
      into.push({
        loc: rec.loc('materialIndex'),
        message:
          mats.length === 0
            ? `element "${id}" has no Materials rows`
            : `must be a whole number from 1 to ${mats.length} (element "${id}" has ${mats.length} material rows)`,
      });
      return undefined;
    }
    return mats[index - 1];
  }

  // ---- library matching and mass
  const unmatched = new Map<Obj, string>();
  for (const e of elements) {
    for (const m of e.materials as Obj[]) {
      const rowText = materialRows.get(m)?.loc().text ?? '';
      const density =
        typeof m.densityKgPerM3 === 'number' && m.densityKgPerM3 > 0 ? m.densityKgPerM3 : undefined;
      if (m.materialId === undefined && typeof m.name === 'string' && m.name.trim() !== '') {
        if (opts.library === undefined || opts.match === undefined) {
          unmatched.set(m, opts.noLibraryReason ?? 'no materials library was given');
        } else {
          const hit = opts.match(m.name, opts.library, {
            ...(density === undefined ? {} : { densityKgPerM3: density }),
            ...(opts.overrides === undefined ? {} : { overrides: opts.overrides }),
          });
          if (hit.materialId === undefined) {
            unmatched.set(m, hit.reason);
            warnings.push({
              code: 'UNMATCHED_MATERIAL',
              message: `${rowText}: ${describe(e)}: material "${m.name}" is not in the materials library (${hit.reason})`,
              element: elementRef(e),
            });
          } else {
            m.materialId = hit.materialId;
            if (hit.confidence < LOW_CONFIDENCE) {
              warnings.push({
                code: 'LOW_CONFIDENCE_MATCH',
                message: `${rowText}: ${describe(e)}: "${m.name}" matched to ${hit.materialId} via ${hit.via} with confidence ${Math.round(hit.confidence * 100) / 100}; please check`,
                element: elementRef(e),
              });
            }
          }
        }
      } else if (
        typeof m.materialId === 'string' &&
        opts.library !== undefined &&
        opts.library.get(m.materialId) === undefined
      ) {
        unmatched.set(m, `materialId "${m.materialId}" is not in the materials library`);
        warnings.push({
          code: 'UNKNOWN_MATERIAL_ID',
          message: `${rowText}: ${describe(e)}: materialId "${m.materialId}" is not in the materials library`,
          element: elementRef(e),
        });
      }

      const libDensity =
        typeof m.materialId === 'string'
          ? opts.library?.get(m.materialId)?.densityKgPerM3
          : undefined;
      if (typeof m.massKg === 'number') {
        m.massSource ??= 'declared';
        if (
          m.massSource === 'declared' &&
          typeof m.volumeM3 === 'number' &&
          density !== undefined
        ) {
          const fromVolume = m.volumeM3 * density;
          if (
            Math.abs(m.massKg - fromVolume) >
            MASS_MISMATCH_SHARE * Math.max(m.massKg, fromVolume)
          ) {
            warnings.push({
              code: 'MASS_VOLUME_MISMATCH',
              message: `${rowText}: ${describe(e)}: massKg ${m.massKg} differs from volumeM3 × densityKgPerM3 = ${fromVolume} by more than ${MASS_MISMATCH_SHARE * 100} %; massKg is kept`,
              element: elementRef(e),
            });
          }
        }
      } else if (typeof m.volumeM3 === 'number' && m.volumeM3 >= 0) {
        const d = density ?? (libDensity !== undefined && libDensity > 0 ? libDensity : undefined);
        if (d !== undefined) {
          m.massKg = m.volumeM3 * d;
          m.massSource ??= 'netVolume';
          if (density === undefined) {
            warnings.push({
              code: 'DENSITY_FROM_LIBRARY',
              message: `${rowText}: ${describe(e)}: mass computed with the library density of ${String(m.materialId)} (${d} kg/m³)`,
              element: elementRef(e),
            });
          }
        }
      }
    }
  }

  // ---- validation, issues mapped back to cells
  const result = validatePassport(root);
  const cellIssues = new Set(issues.map((i) => i.loc.text));
  if (!result.ok) {
    for (const i of result.issues) {
      const parts = parsePath(i.path);
      let message = i.message;
      const value = getPathParts(root, parts);
      // A whole number above 1 in a fraction column is most likely a percentage without "%".
      if (
        message === 'must be between 0 and 1' &&
        typeof value === 'number' &&
        Number.isInteger(value) &&
        value > 1 &&
        value <= 100
      ) {
        message += ` (for a percentage write ${value}%)`;
      }
      if (message.startsWith('duplicate element id')) continue; // reported above, with its row
      const loc = locate(parts);
      // A cell that could not be read is reported once, not again as missing.
      if (cellIssues.has(loc.text)) continue;
      issues.push({ loc, message });
    }
  }
  if (issues.length > 0) {
    issues.sort((a, b) => a.loc.sheetOrder - b.loc.sheetOrder || a.loc.row - b.loc.row);
    const details = issues.map((i) => ({ path: i.loc.text, message: i.message }));
    const shown = details.slice(0, 20).map((d) => `${d.path}: ${d.message}`);
    if (details.length > 20) shown.push(`… and ${details.length - 20} more`);
    throw new MatbankError(
      'VALIDATION_FAILED',
      `The ${tables.kind === 'xlsx' ? 'workbook' : 'CSV file'} has ${details.length} problem${details.length > 1 ? 's' : ''}:\n${shown.join('\n')}`,
      details,
    );
  }
  if (!result.ok) throw new Error('unreachable: issues without details');

  function locate(parts: (string | number)[]): Loc {
    const [head, ...rest] = parts;
    if (head === 'building' || head === 'source') {
      const key = parts.join('.');
      const child =
        BUILDING_FIELDS.find((c) => c.key === key) ??
        BUILDING_FIELDS.find(
          (c) => c.key.startsWith(`${key}.`) && tables.building.cells.has(c.key),
        );
      return tables.building.loc(child?.key ?? key);
    }
    if (head === 'elements' && typeof rest[0] === 'number') {
      const e = elements[rest[0]] as Obj;
      const erec = elementRows[rest[0]] as RowRecord;
      if (rest[1] === 'materials' && typeof rest[2] === 'number') {
        const m = (e.materials as Obj[])[rest[2]] as Obj;
        const mrec = materialRows.get(m) as RowRecord;
        if (rest[3] === 'substances' && typeof rest[4] === 'number') {
          const s = ((m.substances as Obj[])[rest[4]] ?? {}) as Obj;
          return inRow(substanceRows.get(s) as RowRecord, SUBSTANCE_COLUMNS, rest.slice(5));
        }
        return inRow(mrec, MATERIAL_COLUMNS, rest.slice(3));
      }
      return inRow(erec, ELEMENT_COLUMNS, rest.slice(1));
    }
    return { text: parts.join('.') || '(document)', sheetOrder: 9, row: 0 };
  }

  const passport = result.passport;
  const report = buildReport(passport, tables.kind, opts.fileName, warnings, (i, j) =>
    unmatched.get(((elements[i] as Obj).materials as Obj[])[j] as Obj),
  );
  return { passport, report };
}

function inRow(rec: RowRecord, columns: readonly ColumnSpec[], rest: (string | number)[]): Loc {
  const key = rest.join('.');
  if (key === '') return rec.loc();
  if (columns.some((c) => c.key === key)) return rec.loc(key);
  if (columns.some((c) => c.key.startsWith(`${key}.`))) return rec.loc(`${key}.*`);
  return rec.loc();
}

function parsePath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g))
    out.push(m[2] !== undefined ? Number(m[2]) : (m[1] as string));
  return out;
}

function getPathParts(obj: unknown, parts: (string | number)[]): unknown {
  return getPath(obj, parts.join('.'));
}

/** The spreadsheet import report (ImportReport, without durationMs, which the caller adds). */
function buildReport(
  p: Passport,
  kind: 'xlsx' | 'csv',
  fileName: string,
  warnings: ImportWarning[],
  unmatchedReason: (elementIndex: number, materialIndex: number) => string | undefined,
): Omit<ImportReport, 'durationMs'> {
  const bySourceKg: Partial<Record<MassSource, number>> = {};
  let totalKg = 0;
  let measuredKg = 0;
  let materialUses = 0;
  const distinct = new Set<string>();
  const elementsWithoutMaterial: ElementRef[] = [];
  const elementsWithoutQuantity: ElementRef[] = [];
  const unmatched = new Map<
    string,
    { name: string; massKg: number; uses: number; reason: string }
  >();
  p.elements.forEach((e, i) => {
    const ref = elementRef(e as unknown as Obj);
    const label = describe(e as unknown as Obj);
    if (e.materials.length === 0) {
      elementsWithoutMaterial.push(ref);
      warnings.push({ code: 'NO_MATERIAL', message: `${label} has no material`, element: ref });
    }
    let lacksQuantity = false;
    e.materials.forEach((m, j) => {
      materialUses++;
      distinct.add(
        m.materialId !== undefined
          ? `id:${m.materialId}`
          : `name:${(m.name ?? '').trim().toLowerCase()}`,
      );
      if (m.massKg === undefined) {
        lacksQuantity = true;
        const why =
          m.volumeM3 !== undefined
            ? 'a volume but no density (give densityKgPerM3 or a library material)'
            : 'no massKg and no volumeM3';
        warnings.push({
          code: 'NO_QUANTITY',
          message: `${label}: material ${j + 1} (${m.name ?? m.materialId}) has ${why}`,
          element: ref,
        });
      } else {
        totalKg += m.massKg;
        const src = m.massSource ?? 'declared';
        bySourceKg[src] = (bySourceKg[src] ?? 0) + m.massKg;
        if (MEASURED_SOURCES.has(src)) measuredKg += m.massKg;
      }
      const reason = unmatchedReason(i, j);
      if (reason !== undefined) {
        const name = (m.name ?? m.materialId ?? '').trim();
        const u = unmatched.get(name) ?? { name, massKg: 0, uses: 0, reason };
        u.massKg += m.massKg ?? 0;
        u.uses++;
        unmatched.set(name, u);
      }
    });
    if (lacksQuantity) elementsWithoutQuantity.push(ref);
  });
  return {
    source: { kind, file: fileName },
    counts: { elements: p.elements.length, materialUses, materials: distinct.size },
    mass: {
      totalKg,
      bySourceKg,
      measuredShare: totalKg > 0 ? measuredKg / totalKg : null,
      derivedShare: totalKg > 0 ? (totalKg - measuredKg) / totalKg : null,
    },
    elementsWithoutMaterial,
    elementsWithoutQuantity,
    unmatchedMaterials: [...unmatched.values()]
      .sort((a, b) => b.massKg - a.massKg)
      .map((u) => ({ ...u, massShare: totalKg > 0 ? u.massKg / totalKg : null })),
    warnings,
  };
}
