/**
 * Material Circularity Indicator (MCI), METHODS.md §1.
 *
 * Source: Ellen MacArthur Foundation & Granta Design, *Circularity Indicators — An Approach
 * to Measuring Circularity, Methodology* (2015), as applied to buildings in *Madaster
 * Circularity Indicator Explained* v1.0 (25 Feb 2021), §5.4. Variant `madaster2023`:
 * Madaster release 2023.7 fixes the utility factor F(X) = 0.9 (L = Lav).
 *
 * Errata in other copies that this module deliberately does NOT reproduce: the live
 * Madaster pages print WC twice and omit WF (English) or invert WF (German); a popular Revit
 * tool drops (WF − WC)/2 from the LFI denominator. The formulas below are EMF 2015's.
 */
import type { Layer } from '../vocab.ts';
import type { Resolution } from './resolve.ts';
import { RESOLVE_DEFAULTS } from './resolve.ts';
import type { CircularityMethod, CircularitySection, Reason } from './schema.ts';

/**
 * Overridable defaults. `method`: EMF 2015 (METHODS.md default). EF, EC and Lav: METHODS.md
 * §1 (shared with field resolution, which applies them per material use).
 */
export const CIRCULARITY_DEFAULTS = {
  method: 'emf2015' as CircularityMethod,
  recyclingEfficiencyIn: RESOLVE_DEFAULTS.recyclingEfficiencyIn,
  recyclingEfficiencyOut: RESOLVE_DEFAULTS.recyclingEfficiencyOut,
  averageLifespanYearsByLayer: RESOLVE_DEFAULTS.averageLifespanYearsByLayer,
};
export type CircularityParams = typeof CIRCULARITY_DEFAULTS;

/**
 * The constant of the utility factor F(X) = 0.9 / X (EMF 2015): chosen so that a fully
 * linear product of average life scores MCI = 0.1. Part of the formula, not a parameter.
 */
export const UTILITY_CONSTANT = 0.9;
/** MCI of a fully linear product of average utility: 1 − {@link UTILITY_CONSTANT} = 0.1. */
export const LINEAR_MCI = 0.1;

/** Inputs of one material use, as fractions of its mass M (METHODS.md §1 symbols). */
export interface MciInputs {
  /** FR, recycled feedstock. */
  recycledFraction: number;
  /** FU, reused feedstock. */
  reusedFraction: number;
  /** FS, renewable feedstock (sustainably produced). */
  renewableFraction: number;
  /** CR, collected for recycling at end of life. */
  collectedForRecycling: number;
  /** CU, collected for reuse at end of life. */
  collectedForReuse: number;
  /** EF, efficiency of the recycling that produced the recycled feedstock. */
  recyclingEfficiencyIn: number;
  /** EC, efficiency of recycling the collected part. */
  recyclingEfficiencyOut: number;
  /** L, years. */
  lifespanYears: number;
  /** Lav, years. */
  averageLifespanYears: number;
}

/** The terms of the MCI per unit mass (M = 1; every term scales with M and LFI does not). */
export interface MciTerms {
  V: number;
  W0: number;
  WF: number;
  WC: number;
  W: number;
  LFI: number;
  /** Utility X actually used: L/Lav for emf2015, 1 for madaster2023. */
  X: number;
  F: number;
  MCI: number;
}

/**
 * MCI of one material use (EMF 2015 formulas, per unit mass):
 * V = 1 − FR − FU − FS; W0 = 1 − CR − CU; WF = (1 − EF)·FR/EF; WC = (1 − EC)·CR;
 * W = W0 + (WF + WC)/2; LFI = (V + W) / (2 + (WF − WC)/2); X = L/Lav; F = 0.9/X;
 * MCI = max(0, 1 − LFI·F). At EF = 0 with FR > 0 (WF infinite) LFI is its limit, 1.
 */
export function materialCircularity(i: MciInputs, method: CircularityMethod = 'emf2015'): MciTerms {
  const FR = i.recycledFraction;
  const V = 1 - FR - i.reusedFraction - i.renewableFraction;
  const W0 = 1 - i.collectedForRecycling - i.collectedForReuse;
  // FR = 0 gives no recycling waste whatever EF is (avoids 0/0 when EF = 0).
  const WF = FR === 0 ? 0 : ((1 - i.recyclingEfficiencyIn) * FR) / i.recyclingEfficiencyIn;
  const WC = (1 - i.recyclingEfficiencyOut) * i.collectedForRecycling;
  const W = W0 + (WF + WC) / 2;
  // EF = 0 with FR > 0 makes WF infinite and the quotient ∞/∞ (NaN in floating point). Its
  // limit is 1: WF/2 dominates numerator and denominator alike as EF → 0. The passport
  // schema refuses EF = 0 with its own FR > 0, but FR or EF may still come from the library
  // or a configured default, and an indicator must never be NaN (JSON prints it as null with
  // no reason).
  const LFI = WF === Infinity ? 1 : (V + W) / (2 + (WF - WC) / 2);
  const X = method === 'madaster2023' ? 1 : i.lifespanYears / i.averageLifespanYears;
  const F = UTILITY_CONSTANT / X;
  // 1 − LFI·F written as (1 − 0.9) + 0.9·(1 − LFI/X): the same number algebraically, but in
  // binary floating point 1 − 0.9 is 0.09999999999999998, and the published vectors (fully
  // linear → 0.1, double life → 0.55, reused → 1) should come out exactly.
  const MCI = Math.max(0, LINEAR_MCI + (1 - LINEAR_MCI) * (1 - LFI / X));
  return { V, W0, WF, WC, W, LFI, X, F, MCI };
}

/** Circularity section plus the reasons for its nulls. */
export interface CircularityResult {
  section: CircularitySection;
  reasons: Reason[];
}

/**
 * MCI mass-weighted at every level (METHODS.md §1): element = Σ(MCI·M)/ΣM over its material
 * uses, layer over its elements, building over its layers. Because each level weights by
 * the mass of the level below, all three equal the mass-weighted mean over the material
 * uses they contain. Uses without a resolved mass carry no weight (and are listed in
 * `missing.massKg`); a level with no mass is null.
 */
export function circularityIndicators(
  resolution: Resolution,
  params: Partial<Pick<CircularityParams, 'method'>> = {},
): CircularityResult {
  const method = params.method ?? CIRCULARITY_DEFAULTS.method;
  const reasons: Reason[] = [];
  const byElement: Record<string, number | null> = {};
  const layerSums = new Map<Layer, { weighted: number; massKg: number }>();
  let buildingWeighted = 0;
  let buildingMassKg = 0;
  for (const el of resolution.elements) {
    let weighted = 0;
    let massKg = 0;
    for (const m of el.materials) {
      if (m.massKg === null) continue;
      const { MCI } = materialCircularity(
        {
          recycledFraction: m.recycledFraction,
          reusedFraction: m.reusedFraction,
          renewableFraction: m.renewableFraction,
          collectedForRecycling: m.endOfLife.recycle,
          collectedForReuse: m.endOfLife.reuse,
          recyclingEfficiencyIn: m.recyclingEfficiencyIn,
          recyclingEfficiencyOut: m.recyclingEfficiencyOut,
          lifespanYears: el.lifespanYears,
          averageLifespanYears: el.averageLifespanYears,
        },
        method,
      );
      weighted += MCI * m.massKg;
      massKg += m.massKg;
    }
    const elementMci = massKg > 0 ? weighted / massKg : null;
    byElement[el.element.id] = elementMci;
    const layer = layerSums.get(el.layer) ?? { weighted: 0, massKg: 0 };
    if (elementMci !== null) {
      layer.weighted += elementMci * massKg;
      layer.massKg += massKg;
    }
    layerSums.set(el.layer, layer);
  }
  const byLayer: CircularitySection['byLayer'] = {};
  for (const [layer, s] of layerSums) {
    byLayer[layer] = s.massKg > 0 ? s.weighted / s.massKg : null;
    if (s.massKg > 0) {
      buildingWeighted += (s.weighted / s.massKg) * s.massKg;
      buildingMassKg += s.massKg;
    } else {
      reasons.push({
        field: `circularity.byLayer.${layer}`,
        message: `no material use in layer ${layer} has a mass`,
      });
    }
  }
  const building = buildingMassKg > 0 ? buildingWeighted / buildingMassKg : null;
  if (building === null)
    reasons.push({
      field: 'circularity.building',
      message: 'no material use has a mass (massKg, or volumeM3 with a density)',
    });
  return { section: { method, building, byLayer, byElement }, reasons };
}
