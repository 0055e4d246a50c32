/**
 * The file's units (IfcUnitAssignment) as factors to SI base units. Named units go through
 * the one conversion table in src/core/units.ts; SI prefixes it does not list (KILO METRE,
 * …) and conversion-based units it does not know are computed from the prefix or from the
 * unit's own IfcMeasureWithUnit factor.
 */
import { toBase, type Unit } from '../core/units.ts';
import { enumValue, num, ref, refs, str, type RawValue } from './raw.ts';

/** Multipliers from the file's units to m, m², m³, kg and kg/m³. */
export interface UnitFactors {
  lengthToM: number;
  areaToM2: number;
  volumeToM3: number;
  massToKg: number;
  densityToKgPerM3: number;
  /** Human-readable description for the report, e.g. `length mm, area m2, volume m3, mass kg`. */
  summary: string;
}

const PREFIX_EXP: Record<string, number> = {
  EXA: 18,
  PETA: 15,
  TERA: 12,
  GIGA: 9,
  MEGA: 6,
  KILO: 3,
  HECTO: 2,
  DECA: 1,
  DECI: -1,
  CENTI: -2,
  MILLI: -3,
  MICRO: -6,
  NANO: -9,
  PICO: -12,
  FEMTO: -15,
  ATTO: -18,
};

/** SI (prefix, name) pairs the core table knows, so conversions come from one place. */
const SI_TABLE: Record<string, Unit> = {
  METRE: 'm',
  'DECI METRE': 'dm',
  'CENTI METRE': 'cm',
  'MILLI METRE': 'mm',
  SQUARE_METRE: 'm2',
  'CENTI SQUARE_METRE': 'cm2',
  'MILLI SQUARE_METRE': 'mm2',
  CUBIC_METRE: 'm3',
  'DECI CUBIC_METRE': 'l',
  'CENTI CUBIC_METRE': 'cm3',
  'MILLI CUBIC_METRE': 'mm3',
  'KILO GRAM': 'kg',
  GRAM: 'g',
  'MEGA GRAM': 't',
};

/** Conversion-based unit names (as exporters write them) the core table knows. */
const NAMED_TABLE: Record<string, Unit> = {
  FOOT: 'ft',
  FEET: 'ft',
  'US SURVEY FOOT': 'ft',
  INCH: 'in',
  'SQUARE FOOT': 'ft2',
  SQUARE_FOOT: 'ft2',
  'SQUARE FEET': 'ft2',
  'CUBIC FOOT': 'ft3',
  CUBIC_FOOT: 'ft3',
  'CUBIC FEET': 'ft3',
  POUND: 'lb',
  'POUND MASS': 'lb',
  LB: 'lb',
  TONNE: 't',
  LITRE: 'l',
  LITER: 'l',
};

/** Base SI factor of an SI unit name with its power (GRAM is 1e-3 kg). */
const SI_BASE: Record<string, { power: number; base: number }> = {
  METRE: { power: 1, base: 1 },
  SQUARE_METRE: { power: 2, base: 1 },
  CUBIC_METRE: { power: 3, base: 1 },
  GRAM: { power: 1, base: 1e-3 },
};

type Lookup = (id: number) => { type: string; args: RawValue[] } | undefined;

/** Resolves one unit (IfcSIUnit, IfcConversionBasedUnit, IfcDerivedUnit) to its SI factor. */
export function unitFactor(
  id: number,
  lookup: Lookup,
  depth = 0,
): { unitType?: string; factor?: number; label: string } {
  const line = lookup(id);
  if (!line || depth > 5) return { label: '?' };
  const { type, args } = line;
  if (type === 'IFCSIUNIT') {
    const unitType = enumValue(args[0]);
    const prefix = enumValue(args[1]);
    const name = enumValue(args[2]) ?? '';
    const key = prefix ? `${prefix} ${name}` : name;
    const known = SI_TABLE[key];
    if (known) return { unitType, factor: toBase(1, known), label: known };
    const si = SI_BASE[name];
    if (si) {
      const exp = prefix ? (PREFIX_EXP[prefix] ?? 0) : 0;
      return { unitType, factor: si.base * 10 ** (exp * si.power), label: key.toLowerCase() };
    }
    return { unitType, label: key.toLowerCase() };
  }
  if (type === 'IFCCONVERSIONBASEDUNIT' || type === 'IFCCONVERSIONBASEDUNITWITHOFFSET') {
    const unitType = enumValue(args[1]);
    const name = (str(args[2]) ?? '').toUpperCase();
    const known = NAMED_TABLE[name];
    if (known) return { unitType, factor: toBase(1, known), label: known };
    const mwu = ref(args[3]);
    const m = mwu === undefined ? undefined : lookup(mwu);
    if (m) {
      const value = num(m.args[0]);
      const inner = ref(m.args[1]);
      const innerFactor =
        inner === undefined ? undefined : unitFactor(inner, lookup, depth + 1).factor;
      if (value !== undefined && innerFactor !== undefined)
        return { unitType, factor: value * innerFactor, label: name.toLowerCase() };
    }
    return { unitType, label: name.toLowerCase() };
  }
  if (type === 'IFCDERIVEDUNIT') {
    const unitType = enumValue(args[1]);
    let factor = 1;
    for (const el of refs(args[0])) {
      const e = lookup(el);
      if (!e) return { unitType, label: 'derived' };
      const exponent = num(e.args[1]) ?? 1;
      const u = ref(e.args[0]);
      const f = u === undefined ? undefined : unitFactor(u, lookup, depth + 1).factor;
      if (f === undefined) return { unitType, label: 'derived' };
      factor *= f ** exponent;
    }
    return { unitType, factor, label: 'derived' };
  }
  return { label: '?' };
}

/**
 * Reads the project's IfcUnitAssignment. Missing units default to SI base units (the IFC
 * rule); a MASSDENSITYUNIT missing from the file is taken as kg/m³, which is what exporters
 * write in practice (the report says so).
 */
export function readUnits(assignmentIds: readonly number[], lookup: Lookup): UnitFactors {
  const out: UnitFactors = {
    lengthToM: 1,
    areaToM2: 1,
    volumeToM3: 1,
    massToKg: 1,
    densityToKgPerM3: 1,
    summary: '',
  };
  const labels: Record<string, string> = { length: 'm', area: 'm2', volume: 'm3', mass: 'kg' };
  const first = assignmentIds[0];
  const line = first === undefined ? undefined : lookup(first);
  for (const u of line ? refs(line.args[0]) : []) {
    const f = unitFactor(u, lookup);
    if (f.factor === undefined) continue;
    switch (f.unitType) {
      case 'LENGTHUNIT':
        out.lengthToM = f.factor;
        labels.length = f.label;
        break;
      case 'AREAUNIT':
        out.areaToM2 = f.factor;
        labels.area = f.label;
        break;
      case 'VOLUMEUNIT':
        out.volumeToM3 = f.factor;
        labels.volume = f.label;
        break;
      case 'MASSUNIT':
        out.massToKg = f.factor;
        labels.mass = f.label;
        break;
      case 'MASSDENSITYUNIT':
        out.densityToKgPerM3 = f.factor;
        labels.density = 'kg/m3 (declared)';
        break;
    }
  }
  out.summary = Object.entries(labels)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  return out;
}
