/**
 * Loaders for the reference data the product ships in data/ (see data/SOURCES.md):
 * the materials library, the European List of Waste and the substances of concern.
 *
 * Files are resolved relative to this module (never the shared data folder), parsed
 * once and validated row by row with zod: a bad row is a bug in the shipped data, so
 * loading throws a MatbankError that names the file, the line and the column.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { MatbankError } from '../core/errors.ts';
import { materialLibrary } from '../core/materials.ts';
import type { LibraryMaterial, MaterialLibrary } from '../core/materials.ts';

/** The repository's data/ folder, found from this file so that any working directory works. */
const DATA_DIR_URL = new URL('../../data/', import.meta.url);

/** Absolute path of a file in data/, e.g. `dataPath('materials.csv')`. */
export function dataPath(relative: string): string {
  return fileURLToPath(new URL(relative, DATA_DIR_URL));
}

/** Fractions may miss 1 by this much, as in the passport format. */
const SUM_TOLERANCE = 1e-6;

/** EWC codes as written in the List of Waste: six digits in pairs, `*` for hazardous. */
const EWC_CODE_RE = /^\d{2} \d{2} \d{2}\*?$/;

/** An entry of the European List of Waste (Commission Decision 2000/532/EC). */
export interface WasteCode {
  /** Six digits in pairs without the asterisk, e.g. `17 06 05`. */
  code: string;
  /** True for entries marked `*` in the list. */
  hazardous: boolean;
  /** e.g. `Absolute hazardous`, `Mirror non-hazardous`. */
  entryType: string;
  chapter: string;
  subChapter: string;
  description: string;
}

/** A substance of concern that can be present in building materials (data/substances.csv). */
export interface SubstanceOfConcern {
  /** CAS registry number, e.g. `1332-21-4`. */
  cas: string;
  /** EC (EINECS/ELINCS) number, or undefined where the substance has none. */
  ec: string | undefined;
  names: { en: string; vi: string; nl: string };
  /** e.g. `asbestos`, `PCB`, `lead compound`, `POP flame retardant`. */
  group: string;
  typicalLocations: string[];
  /**
   * Mass fraction above which the material's waste is hazardous (or POP waste), or null
   * where the substance has no threshold of its own (it is reported, not classified).
   */
  thresholdMassFraction: number | null;
  /** The chapter 17 hazardous (`*`) code such waste falls under, without the asterisk. */
  ewcHazardousCode: string | undefined;
  /** Citation of the regulation the threshold and code come from. */
  source: string;
}

// ---------------------------------------------------------------------------------------
// CSV plumbing

interface CsvRecord {
  line: number;
  row: Record<string, string>;
}

function parseCsv(text: string, file: string): CsvRecord[] {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, {
      columns: true,
      info: true,
      skip_empty_lines: true,
      bom: true,
      trim: false,
    });
  } catch (e) {
    throw new MatbankError(
      'INTERNAL',
      `${file}: cannot be read as CSV: ${(e as Error).message}`,
      [{ path: file, message: (e as Error).message }],
      { cause: e },
    );
  }
  // `info.lines` is the line the record ends on; records here never span lines except in
  // quoted fields, which the shipped files do not use, so it is the record's line.
  return records.map((r) => ({ line: r.info.lines, row: r.record }));
}

/** Turns the first zod issue of a row into an error naming file, line and column. */
function rowError(file: string, line: number, error: z.ZodError): MatbankError {
  const details = error.issues.map((issue) => {
    const column = issue.path.length > 0 ? String(issue.path[0]) : '(row)';
    return { path: `${file}:${line}:${column}`, message: issue.message };
  });
  const first = details[0] ?? { path: `${file}:${line}`, message: 'invalid row' };
  const column = first.path.split(':').slice(2).join(':');
  return new MatbankError(
    'INTERNAL',
    `${file} line ${line}, column ${column}: ${first.message}`,
    details,
  );
}

const cell = () => z.string({ error: 'is required' });
const text = () => cell().trim().min(1, { error: 'must not be empty' });
const num = (check: (n: number) => boolean, message: string) =>
  cell()
    .trim()
    .min(1, { error: 'must not be empty' })
    .transform(Number)
    .refine((n) => Number.isFinite(n) && check(n), { error: message });
const fraction = () => num((n) => n >= 0 && n <= 1, 'must be a number between 0 and 1');
const positive = () => num((n) => n > 0, 'must be a number > 0');
const nonNegative = () => num((n) => n >= 0, 'must be a number ≥ 0');
const ewc = () => text().regex(EWC_CODE_RE, { error: 'must be an EWC code such as 17 01 01' });

// ---------------------------------------------------------------------------------------
// Materials

const materialRowSchema = z
  .object({
    id: text().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: 'must be kebab-case (a-z, 0-9, -)' }),
    name_en: text(),
    name_vi: text(),
    name_nl: text(),
    category: text(),
    density_kg_per_m3: positive(),
    gwp_a1a3_kgco2e_per_kg: num(() => true, 'must be a finite number'),
    gwp_c3c4_kgco2e_per_kg: num(() => true, 'must be a finite number'),
    biogenic_carbon_kgc_per_kg: nonNegative(),
    kbob_id: text().regex(/^\d{2}\.\d{2,3}(\.\d{2})?$/, {
      error: 'must be a KBOB id such as 01.002',
    }),
    kbob_unit: text(),
    kbob_kg_per_unit: cell(),
    biogenic_source: text(),
    recycled_fraction: fraction(),
    eol_reuse: fraction(),
    eol_recycle: fraction(),
    eol_energy_recovery: fraction(),
    eol_landfill: fraction(),
    recycling_efficiency: fraction(),
    technical_lifespan_years: positive(),
    ewc_code: ewc(),
    synonyms: cell(),
    notes: cell(),
  })
  .superRefine((r, ctx) => {
    const sum = r.eol_reuse + r.eol_recycle + r.eol_energy_recovery + r.eol_landfill;
    if (Math.abs(sum - 1) > SUM_TOLERANCE) {
      ctx.addIssue({
        code: 'custom',
        path: ['eol_landfill'],
        message: `end-of-life fractions sum to ${sum}, must be 1`,
      });
    }
    if (r.kbob_unit !== 'kg' && !(Number(r.kbob_kg_per_unit) > 0)) {
      ctx.addIssue({
        code: 'custom',
        path: ['kbob_kg_per_unit'],
        message: `KBOB unit is ${r.kbob_unit}: the kg per ${r.kbob_unit} used for the per-kg conversion is required`,
      });
    }
  });

/**
 * Parses the materials CSV text. Exported so that tests can feed bad rows; the product
 * uses {@link loadMaterials}. `file` is only used in error messages.
 */
export function parseMaterialsCsv(csvText: string, file = 'data/materials.csv'): LibraryMaterial[] {
  const seen = new Set<string>();
  return parseCsv(csvText, file).map(({ line, row }) => {
    const parsed = materialRowSchema.safeParse(row);
    if (!parsed.success) throw rowError(file, line, parsed.error);
    const r = parsed.data;
    if (seen.has(r.id)) {
      throw new MatbankError('INTERNAL', `${file} line ${line}, column id: duplicate id ${r.id}`, [
        { path: `${file}:${line}:id`, message: `duplicate id ${r.id}` },
      ]);
    }
    seen.add(r.id);
    return {
      id: r.id,
      names: { en: r.name_en, vi: r.name_vi, nl: r.name_nl },
      category: r.category,
      densityKgPerM3: r.density_kg_per_m3,
      gwpA1A3KgCo2ePerKg: r.gwp_a1a3_kgco2e_per_kg,
      gwpC3C4KgCo2ePerKg: r.gwp_c3c4_kgco2e_per_kg,
      biogenicCarbonKgCPerKg: r.biogenic_carbon_kgc_per_kg,
      kbobId: r.kbob_id,
      recycledFraction: r.recycled_fraction,
      endOfLife: {
        reuse: r.eol_reuse,
        recycle: r.eol_recycle,
        energyRecovery: r.eol_energy_recovery,
        landfill: r.eol_landfill,
      },
      recyclingEfficiency: r.recycling_efficiency,
      technicalLifespanYears: r.technical_lifespan_years,
      ewcCode: r.ewc_code,
      synonyms: r.synonyms
        .split('|')
        .map((s) => s.trim())
        .filter((s) => s.length > 0),
    } satisfies LibraryMaterial;
  });
}

let materialsCache: LibraryMaterial[] | undefined;
let libraryCache: MaterialLibrary | undefined;

/** Reads and validates data/materials.csv (parsed once per process). */
export function loadMaterials(): LibraryMaterial[] {
  materialsCache ??= parseMaterialsCsv(readFileSync(dataPath('materials.csv'), 'utf8'));
  return materialsCache;
}

/** The materials library built from {@link loadMaterials}, cached. */
export function loadMaterialLibrary(): MaterialLibrary {
  libraryCache ??= materialLibrary(loadMaterials());
  return libraryCache;
}

// ---------------------------------------------------------------------------------------
// List of Waste

const wasteEntrySchema = z.object({
  code: ewc(),
  hazardous: z.boolean({ error: 'must be true or false' }),
  entryType: text(),
  chapter: text(),
  subChapter: text(),
  description: text(),
});

/** Normalises `170605`, `17 06 05*`, `17-06-05` to `17 06 05`; undefined if not six digits. */
export function normaliseEwcCode(code: string): string | undefined {
  const digits = code.replace(/[\s*.-]/g, '');
  if (!/^\d{6}$/.test(digits)) return undefined;
  return `${digits.slice(0, 2)} ${digits.slice(2, 4)} ${digits.slice(4, 6)}`;
}

/** Parses the List of Waste JSON; exported for tests. `file` is used in messages only. */
export function parseWasteList(
  jsonText: string,
  file = 'data/waste/ewc-list-of-waste.json',
): WasteCode[] {
  let raw: unknown;
  try {
    raw = JSON.parse(jsonText);
  } catch (e) {
    throw new MatbankError('INTERNAL', `${file}: not valid JSON: ${(e as Error).message}`, [], {
      cause: e,
    });
  }
  if (!Array.isArray(raw))
    throw new MatbankError('INTERNAL', `${file}: must be an array of entries`);
  return raw.map((entry, i) => {
    const parsed = wasteEntrySchema.safeParse(entry);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path[0] === undefined ? '(entry)' : String(issue.path[0]);
      throw new MatbankError(
        'INTERNAL',
        `${file} entry ${i}, field ${field}: ${issue?.message ?? 'invalid'}`,
        [{ path: `${file}[${i}].${field}`, message: issue?.message ?? 'invalid' }],
      );
    }
    const e = parsed.data;
    if (e.code.endsWith('*') !== e.hazardous) {
      throw new MatbankError(
        'INTERNAL',
        `${file} entry ${i}, field hazardous: disagrees with the * of ${e.code}`,
      );
    }
    return { ...e, code: e.code.replace('*', '') };
  });
}

let wasteCache: WasteCode[] | undefined;
let wasteByCode: Map<string, WasteCode> | undefined;

/** Reads and validates data/waste/ewc-list-of-waste.json (842 entries), cached. */
export function loadWasteList(): WasteCode[] {
  wasteCache ??= parseWasteList(readFileSync(dataPath('waste/ewc-list-of-waste.json'), 'utf8'));
  return wasteCache;
}

/** The List of Waste entry for a code in any common spelling, or undefined. */
export function findWasteCode(code: string): WasteCode | undefined {
  wasteByCode ??= new Map(loadWasteList().map((w) => [w.code, w]));
  const key = normaliseEwcCode(code);
  return key === undefined ? undefined : wasteByCode.get(key);
}

/** True when the code is a hazardous (`*`) entry of the List of Waste; false if unknown. */
export function isHazardousEwc(code: string): boolean {
  return findWasteCode(code)?.hazardous ?? false;
}

// ---------------------------------------------------------------------------------------
// Substances of concern

const substanceRowSchema = z.object({
  cas: text().regex(/^\d{2,7}-\d{2}-\d$/, { error: 'must be a CAS number such as 1332-21-4' }),
  ec: cell()
    .trim()
    .refine((s) => s === '' || /^\d{3}-\d{3}-\d$/.test(s), {
      error: 'must be empty or an EC number such as 215-481-4',
    }),
  name_en: text(),
  name_vi: text(),
  name_nl: text(),
  group: text(),
  typical_locations: text(),
  threshold_mass_fraction: cell()
    .trim()
    .refine((s) => s === '' || (Number.isFinite(Number(s)) && Number(s) > 0 && Number(s) <= 1), {
      error: 'must be empty or a mass fraction in (0, 1]',
    }),
  ewc_hazardous_code: cell()
    .trim()
    .refine((s) => s === '' || /^17 \d{2} \d{2}\*$/.test(s), {
      error: 'must be empty or a chapter 17 hazardous code such as 17 06 05*',
    }),
  source: text(),
});

/** Parses the substances CSV text; exported for tests. */
export function parseSubstancesCsv(
  csvText: string,
  file = 'data/substances.csv',
): SubstanceOfConcern[] {
  return parseCsv(csvText, file).map(({ line, row }) => {
    const parsed = substanceRowSchema.safeParse(row);
    if (!parsed.success) throw rowError(file, line, parsed.error);
    const r = parsed.data;
    return {
      cas: r.cas,
      ec: r.ec === '' ? undefined : r.ec,
      names: { en: r.name_en, vi: r.name_vi, nl: r.name_nl },
      group: r.group,
      typicalLocations: r.typical_locations
        .split('|')
        .map((s) => s.trim())
        .filter(Boolean),
      thresholdMassFraction:
        r.threshold_mass_fraction === '' ? null : Number(r.threshold_mass_fraction),
      ewcHazardousCode:
        r.ewc_hazardous_code === '' ? undefined : r.ewc_hazardous_code.replace('*', ''),
      source: r.source,
    };
  });
}

let substancesCache: SubstanceOfConcern[] | undefined;

/** Reads and validates data/substances.csv, cached. */
export function loadSubstances(): SubstanceOfConcern[] {
  substancesCache ??= parseSubstancesCsv(readFileSync(dataPath('substances.csv'), 'utf8'));
  return substancesCache;
}
