/**
 * A material of the reference library (data/materials.csv), as the core sees it. The
 * library is loaded by src/reference; the core only receives values of this shape.
 */
import type { EndOfLife } from './passport/schema.ts';

export interface LibraryMaterial {
  /** Stable id, kebab-case, e.g. `concrete-c30-37`. */
  id: string;
  names: { en: string; vi: string; nl: string };
  category: string;
  densityKgPerM3: number;
  /** GWP of production (≈ EN 15978 A1–A3), kgCO2e per kg, from KBOB 2022. */
  gwpA1A3KgCo2ePerKg: number;
  /** GWP of disposal (≈ C3–C4), kgCO2e per kg, from KBOB 2022. */
  gwpC3C4KgCo2ePerKg: number;
  /** Biogenic carbon content, kg C per kg (KBOB), 0 for mineral materials. */
  biogenicCarbonKgCPerKg: number;
  /** The KBOB row the factors come from. */
  kbobId: string;
  recycledFraction: number;
  endOfLife: Required<EndOfLife>;
  recyclingEfficiency: number;
  technicalLifespanYears: number;
  /** EWC code at demolition, e.g. `17 01 01`. */
  ewcCode: string;
  /** Names seen in models and spreadsheets (any language), used for matching. */
  synonyms: string[];
}

/** Looks up library materials by id; callers pass one in, the core never loads files. */
export interface MaterialLibrary {
  get(id: string): LibraryMaterial | undefined;
  all(): readonly LibraryMaterial[];
}

/** Builds a {@link MaterialLibrary} from a list. */
export function materialLibrary(materials: readonly LibraryMaterial[]): MaterialLibrary {
  const byId = new Map(materials.map((m) => [m.id, m]));
  return { get: (id) => byId.get(id), all: () => materials };
}
