/**
 * Field resolution (DESIGN.md, "Omitted material fields fall back to the materials library
 * entry (`materialId`), then to the method defaults in METHODS.md").
 *
 * Every indicator reads a {@link Resolution}, never the raw passport, so that all of them
 * agree on what a material use's mass, feedstock, end of life and factors are, and the
 * output can say how many values were not given in the passport (`defaulted`) or could not
 * be found at all (`missing`).
 *
 * Order per field: the passport's own value → the library material (`materialId`) → the
 * method default (only for fields that have one; GWP factors, density and EWC codes have
 * none, so they stay unknown). Mass: `massKg`, else `volumeM3 × density` (density from the
 * use, else its library material).
 */
import type { Element, EndOfLife, MaterialUse, Passport, Substance } from '../passport/schema.ts';
import type { LibraryMaterial, MaterialLibrary } from '../materials.ts';
import type { Layer } from '../vocab.ts';
import type { DefaultSource } from './schema.ts';

/**
 * Method defaults for material-use fields the passport and the library may both lack.
 * Sources: METHODS.md §1 (EMF 2015 / Madaster): EF = EC = 0.75; feedstock fractions 0 and
 * end of life 100 % landfill, i.e. a fully linear material, so that a material without
 * data is never credited with circularity it has not shown. Lav per layer: Madaster
 * Circularity Indicator Explained v1.0 §5.4 worked example.
 */
export const RESOLVE_DEFAULTS = {
  recycledFraction: 0,
  reusedFraction: 0,
  renewableFraction: 0,
  endOfLife: { reuse: 0, recycle: 0, energyRecovery: 0, landfill: 1 },
  /** EF, efficiency of the recycling that produced the recycled feedstock (EMF 2015). */
  recyclingEfficiencyIn: 0.75,
  /** EC, efficiency of recycling the collected part (EMF 2015). */
  recyclingEfficiencyOut: 0.75,
  /** Lav, industry-average lifespan in years per shearing layer (Madaster §5.4 example). */
  averageLifespanYearsByLayer: {
    site: 500,
    structure: 100,
    skin: 20,
    services: 15,
    spacePlan: 10,
    stuff: 5,
  } as Record<Layer, number>,
};
export type ResolveParams = typeof RESOLVE_DEFAULTS;

/** Where a resolved value came from: the passport itself or one of the fallbacks. */
export type ValueSource = 'passport' | DefaultSource;

export interface ResolvedGwp {
  A1A3: number | null;
  C3C4: number | null;
  D: number | null;
}

/** A material use with every field the indicators read, resolved. */
export interface ResolvedMaterial {
  elementIndex: number;
  materialIndex: number;
  elementId: string;
  layer: Layer;
  use: MaterialUse;
  library: LibraryMaterial | undefined;
  /** Library category, used to look up prices; null without a library entry. */
  category: string | null;
  /** Resolved mass; null when neither mass nor volume × density is known. */
  massKg: number | null;
  massSource: 'passport' | 'volume' | null;
  recycledFraction: number;
  reusedFraction: number;
  renewableFraction: number;
  endOfLife: Required<EndOfLife>;
  recyclingEfficiencyIn: number;
  recyclingEfficiencyOut: number;
  /** kgCO2e per kg. */
  gwpKgCo2ePerKg: ResolvedGwp;
  biogenicCarbonKgCPerKg: number | null;
  ewcCode: string | null;
  substances: readonly Substance[];
  /**
   * True when both the feedstock (`recycledFraction`) and the end of life come from the
   * passport or the library, not from the method's fully-linear default: the definition
   * of "mass with circularity data" in completeness.
   */
  hasCircularityData: boolean;
}

export interface ResolvedElement {
  index: number;
  element: Element;
  layer: Layer;
  /** Σ resolved mass of its uses; null when none of them has a mass. */
  massKg: number | null;
  /** L: the element's lifespan, else Lav (METHODS.md §1: "When L is unknown, L = Lav"). */
  lifespanYears: number;
  lifespanSource: 'passport' | 'method';
  /** Lav: the element's industry-average lifespan, else the layer default. */
  averageLifespanYears: number;
  averageLifespanSource: 'passport' | 'method';
  materials: ResolvedMaterial[];
}

export interface Resolution {
  elements: ResolvedElement[];
  materials: ResolvedMaterial[];
  /** Per field, how many material uses (elements, for lifespans) took a fallback. */
  defaulted: Record<string, Partial<Record<DefaultSource, number>>>;
  /** Per field, how many material uses had no value from any source. */
  missing: Record<string, number>;
}

/** Resolves every field of every material use of `passport`. Pure. */
export function resolvePassport(
  passport: Passport,
  library?: MaterialLibrary,
  params: Partial<Omit<ResolveParams, 'averageLifespanYearsByLayer'>> & {
    averageLifespanYearsByLayer?: Partial<Record<Layer, number>>;
  } = {},
): Resolution {
  const p: ResolveParams = {
    ...RESOLVE_DEFAULTS,
    ...params,
    averageLifespanYearsByLayer: {
      ...RESOLVE_DEFAULTS.averageLifespanYearsByLayer,
      ...params.averageLifespanYearsByLayer,
    },
  };
  const defaulted: Resolution['defaulted'] = {};
  const missing: Resolution['missing'] = {};
  const count = (field: string, source: ValueSource): void => {
    if (source === 'passport') return;
    const bySource = (defaulted[field] ??= {});
    bySource[source] = (bySource[source] ?? 0) + 1;
  };
  const miss = (field: string): void => {
    missing[field] = (missing[field] ?? 0) + 1;
  };

  /** passport value → library value → method default; counts the source. */
  function pick<T>(
    field: string,
    own: T | undefined,
    lib: T | undefined,
    method: T,
  ): { value: T; source: ValueSource } {
    const r: { value: T; source: ValueSource } =
      own !== undefined
        ? { value: own, source: 'passport' }
        : lib !== undefined
          ? { value: lib, source: 'library' }
          : { value: method, source: 'method' };
    count(field, r.source);
    return r;
  }
  /** passport value → library value → unknown (no method default exists). */
  function pickOrNull<T>(field: string, own: T | undefined, lib: T | undefined): T | null {
    if (own !== undefined) return own;
    if (lib !== undefined) {
      count(field, 'library');
      return lib;
    }
    miss(field);
    return null;
  }

  const elements: ResolvedElement[] = [];
  const materials: ResolvedMaterial[] = [];
  passport.elements.forEach((element, elementIndex) => {
    const layer = element.layer;
    const averageLifespanSource =
      element.industryAverageLifespanYears !== undefined ? 'passport' : 'method';
    const averageLifespanYears =
      element.industryAverageLifespanYears ?? p.averageLifespanYearsByLayer[layer];
    if (averageLifespanSource === 'method') count('industryAverageLifespanYears', 'method');
    const lifespanSource = element.lifespanYears !== undefined ? 'passport' : 'method';
    const lifespanYears = element.lifespanYears ?? averageLifespanYears;
    if (lifespanSource === 'method') count('lifespanYears', 'method');

    const resolvedUses = element.materials.map((use, materialIndex): ResolvedMaterial => {
      const lib = use.materialId !== undefined ? library?.get(use.materialId) : undefined;
      if (use.materialId !== undefined && library !== undefined && lib === undefined)
        miss('libraryMaterial');

      let massKg: number | null = null;
      let massSource: ResolvedMaterial['massSource'] = null;
      if (use.massKg !== undefined) {
        massKg = use.massKg;
        massSource = 'passport';
      } else if (use.volumeM3 !== undefined) {
        const density = pickOrNull('densityKgPerM3', use.densityKgPerM3, lib?.densityKgPerM3);
        if (density !== null) {
          massKg = use.volumeM3 * density;
          massSource = 'volume';
          count('massKg', 'volume');
        } else {
          miss('massKg');
        }
      } else {
        miss('massKg');
      }

      const recycled = pick(
        'recycledFraction',
        use.recycledFraction,
        lib?.recycledFraction,
        p.recycledFraction,
      );
      // The library has no reused or renewable feedstock columns: passport, else method.
      const reused = pick('reusedFraction', use.reusedFraction, undefined, p.reusedFraction);
      const renewable = pick(
        'renewableFraction',
        use.renewableFraction,
        undefined,
        p.renewableFraction,
      );
      const eol = pick<EndOfLife>('endOfLife', use.endOfLife, lib?.endOfLife, p.endOfLife);
      const efIn = pick(
        'recyclingEfficiencyIn',
        use.recyclingEfficiencyIn,
        lib?.recyclingEfficiency,
        p.recyclingEfficiencyIn,
      );
      const efOut = pick(
        'recyclingEfficiencyOut',
        use.recyclingEfficiencyOut,
        lib?.recyclingEfficiency,
        p.recyclingEfficiencyOut,
      );
      const gwp = use.gwpKgCo2ePerKg;
      const resolved: ResolvedMaterial = {
        elementIndex,
        materialIndex,
        elementId: element.id,
        layer,
        use,
        library: lib,
        category: lib?.category ?? null,
        massKg,
        massSource,
        recycledFraction: recycled.value,
        reusedFraction: reused.value,
        renewableFraction: renewable.value,
        // A given end of life may omit routes that are 0 (the schema checks the sum is 1).
        endOfLife: {
          reuse: eol.value.reuse ?? 0,
          recycle: eol.value.recycle ?? 0,
          energyRecovery: eol.value.energyRecovery ?? 0,
          landfill: eol.value.landfill ?? 0,
        },
        recyclingEfficiencyIn: efIn.value,
        recyclingEfficiencyOut: efOut.value,
        gwpKgCo2ePerKg: {
          A1A3: pickOrNull('gwpKgCo2ePerKg.A1A3', gwp?.A1A3, lib?.gwpA1A3KgCo2ePerKg),
          C3C4: pickOrNull('gwpKgCo2ePerKg.C3C4', gwp?.C3C4, lib?.gwpC3C4KgCo2ePerKg),
          // KBOB (the library's source) has no module D: only the passport can give it.
          D: pickOrNull('gwpKgCo2ePerKg.D', gwp?.D, undefined),
        },
        biogenicCarbonKgCPerKg: pickOrNull(
          'biogenicCarbonKgCPerKg',
          use.biogenicCarbonKgCPerKg,
          lib?.biogenicCarbonKgCPerKg,
        ),
        ewcCode: pickOrNull('ewcCode', use.ewcCode, lib?.ewcCode),
        substances: use.substances ?? [],
        hasCircularityData: recycled.source !== 'method' && eol.source !== 'method',
      };
      materials.push(resolved);
      return resolved;
    });

    const known = resolvedUses.filter((m) => m.massKg !== null);
    elements.push({
      index: elementIndex,
      element,
      layer,
      massKg: known.length === 0 ? null : known.reduce((s, m) => s + (m.massKg as number), 0),
      lifespanYears,
      lifespanSource,
      averageLifespanYears,
      averageLifespanSource,
      materials: resolvedUses,
    });
  });
  return { elements, materials, defaulted, missing };
}

/** `elements[3].materials[0]`: the path of a use in the passport, for reasons. */
export function materialPath(m: Pick<ResolvedMaterial, 'elementIndex' | 'materialIndex'>): string {
  return `elements[${m.elementIndex}].materials[${m.materialIndex}]`;
}
