/**
 * All passport indicators in one call: `computeIndicators(passport, options)` returns the
 * JSON that `matbank indicators FILE --json` prints (DESIGN.md), validated by
 * {@link indicatorsSchema}. Pure: reference data (materials library, waste list, substance
 * thresholds) comes in through `options`; the core loads nothing.
 *
 * Methods and defaults: see each module and docs/methods.md.
 */
import type { MaterialLibrary } from '../materials.ts';
import type { Passport } from '../passport/schema.ts';
import type { Layer } from '../vocab.ts';
import { CARBON_DEFAULTS, carbonIndicators, type CarbonParams } from './carbon.ts';
import {
  CIRCULARITY_DEFAULTS,
  circularityIndicators,
  type CircularityParams,
} from './circularity.ts';
import {
  COMPLETENESS_DEFAULTS,
  completenessIndicators,
  type CompletenessParams,
} from './completeness.ts';
import {
  DETACHABILITY_DEFAULTS,
  detachabilityIndicators,
  type DetachabilityParams,
} from './detachability.ts';
import { HAZARDS_DEFAULTS, hazardsIndicators } from './hazards.ts';
import { RESOLVE_DEFAULTS, resolvePassport, type ResolveParams } from './resolve.ts';
import type { CircularityMethod, Indicators, MassSection } from './schema.ts';
import { VALUE_DEFAULTS, valueIndicators, type ValueParams } from './value.ts';

export * from './schema.ts';
export * from './circularity.ts';
export * from './detachability.ts';
export * from './carbon.ts';
export * from './value.ts';
export * from './hazards.ts';
export * from './completeness.ts';
export * from './resolve.ts';
export * from './mpg.ts';
export { formatIndicatorsTable } from './format.ts';

/** Every overridable parameter, by indicator. */
export interface IndicatorParams {
  /** MCI method, EF/EC and Lav defaults (these override `materialDefaults`' values). */
  circularity: CircularityParams;
  /** Method defaults of material-use fields (feedstock 0, end of life landfill, …). */
  materialDefaults: ResolveParams;
  detachability: DetachabilityParams;
  carbon: CarbonParams;
  value: ValueParams;
  completeness: CompletenessParams;
  hazards: { unknownFractionIsHazardous: boolean };
}

/** The defaults of every indicator, as one object (for documentation and the API). */
export const INDICATOR_DEFAULTS: IndicatorParams = {
  circularity: CIRCULARITY_DEFAULTS,
  materialDefaults: RESOLVE_DEFAULTS,
  detachability: DETACHABILITY_DEFAULTS,
  carbon: CARBON_DEFAULTS,
  value: VALUE_DEFAULTS,
  completeness: COMPLETENESS_DEFAULTS,
  hazards: { unknownFractionIsHazardous: HAZARDS_DEFAULTS.unknownFractionIsHazardous },
};

export interface IndicatorOptions {
  /** MCI variant; overrides `params.circularity.method`. Default `emf2015`. */
  method?: CircularityMethod;
  /** Materials library for fields a material use omits (by `materialId`). */
  library?: MaterialLibrary;
  /** Hazardous-entry test of the waste list; default: the code ends with `*`. */
  isHazardousEwc?: (code: string) => boolean;
  /**
   * Threshold mass fraction of a substance of concern by CAS number or EC number (a use's
   * substance is looked up by its CAS, else its EC); undefined = not listed.
   */
  substanceThreshold?: (casOrEc: string) => number | undefined;
  /**
   * Overrides, shallow-merged per indicator over {@link INDICATOR_DEFAULTS}; the Lav table
   * is merged per layer, so `{ circularity: { averageLifespanYearsByLayer: { skin: 30 } } }`
   * changes only the skin.
   */
  params?: IndicatorOverrides;
}

type WithPartialLav<T> = Partial<Omit<T, 'averageLifespanYearsByLayer'>> & {
  averageLifespanYearsByLayer?: Partial<Record<Layer, number>>;
};

/** Partial parameters per indicator, as {@link IndicatorOptions.params} takes them. */
export type IndicatorOverrides = {
  [K in keyof IndicatorParams]?: K extends 'circularity' | 'materialDefaults'
    ? WithPartialLav<IndicatorParams[K]>
    : Partial<IndicatorParams[K]>;
};

/** Computes every indicator of `passport`. Pure; never throws on missing data (nulls + reasons). */
export function computeIndicators(passport: Passport, options: IndicatorOptions = {}): Indicators {
  const params = options.params ?? {};
  const circ = { ...CIRCULARITY_DEFAULTS, ...params.circularity };
  const method = options.method ?? circ.method;
  const materialDefaults: ResolveParams = {
    ...RESOLVE_DEFAULTS,
    ...params.materialDefaults,
    recyclingEfficiencyIn:
      params.circularity?.recyclingEfficiencyIn ??
      params.materialDefaults?.recyclingEfficiencyIn ??
      RESOLVE_DEFAULTS.recyclingEfficiencyIn,
    recyclingEfficiencyOut:
      params.circularity?.recyclingEfficiencyOut ??
      params.materialDefaults?.recyclingEfficiencyOut ??
      RESOLVE_DEFAULTS.recyclingEfficiencyOut,
    averageLifespanYearsByLayer: {
      ...RESOLVE_DEFAULTS.averageLifespanYearsByLayer,
      ...params.materialDefaults?.averageLifespanYearsByLayer,
      ...params.circularity?.averageLifespanYearsByLayer,
    },
  };
  const resolution = resolvePassport(passport, options.library, materialDefaults);

  const massKg: MassSection = { total: null, byLayer: {} };
  let anyMass = false;
  let total = 0;
  for (const el of resolution.elements) {
    const before = massKg.byLayer[el.layer] ?? null;
    if (el.massKg !== null) {
      anyMass = true;
      total += el.massKg;
      massKg.byLayer[el.layer] = (before ?? 0) + el.massKg;
    } else {
      massKg.byLayer[el.layer] = before;
    }
  }
  massKg.total = anyMass ? total : null;

  const circularity = circularityIndicators(resolution, { method });
  const detachability = detachabilityIndicators(resolution, params.detachability);
  const carbon = carbonIndicators(resolution, passport.building, params.carbon);
  const value = valueIndicators(
    resolution,
    passport.building,
    params.value,
    carbon.section.designLifeYears,
  );
  const hazards = hazardsIndicators(resolution, {
    ...(options.isHazardousEwc !== undefined && { isHazardousEwc: options.isHazardousEwc }),
    ...(options.substanceThreshold !== undefined && {
      substanceThreshold: options.substanceThreshold,
    }),
    ...params.hazards,
  });
  const completeness = completenessIndicators(resolution, params.completeness);

  const reasons = [
    ...(anyMass
      ? []
      : [
          {
            field: 'massKg.total',
            message: 'no material use has a mass (massKg, or volumeM3 with a density)',
          },
        ]),
    ...circularity.reasons,
    ...detachability.reasons,
    ...carbon.reasons,
    ...value.reasons,
    ...hazards.reasons,
    ...completeness.reasons,
  ];
  const missingMass = resolution.missing['massKg'];
  if (missingMass !== undefined) {
    reasons.push({
      field: 'massKg',
      message: `${missingMass} material use(s) have no mass and no volume with a density; they count in no indicator`,
    });
  }
  return {
    massKg,
    circularity: circularity.section,
    detachability: detachability.section,
    carbon: carbon.section,
    value: value.section,
    hazards: hazards.section,
    completeness: completeness.section,
    defaulted: resolution.defaulted,
    missing: resolution.missing,
    reasons,
  };
}
