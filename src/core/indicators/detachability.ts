/**
 * Detachability index (disassembly potential), METHODS.md §2.
 *
 * Source: DGBC / Alba Concepts, *Circular Buildings — een meetmethodiek voor
 * losmaakbaarheid* v2.0 (2021) and *Disassembly Potential Measurement Methodology* (2022).
 * Factor names and enumerations follow Madaster's CPset_Madaster property set. The factor
 * scores in {@link DETACHABILITY_DEFAULTS} are the commonly implemented v2 values.
 *
 * Project choice: layers and the building are weighted by mass, not by environmental cost
 * (MKI) as in the Netherlands — as Madaster does outside the Netherlands, and because MKI is
 * not available for Vietnamese materials. The stuff layer (furniture, loose fittings) is
 * excluded, as in DGBC.
 */
import type { Detachability } from '../passport/schema.ts';
import type { Accessibility, ConnectionType, Intersection, Layer, ProductEdge } from '../vocab.ts';
import type { Resolution } from './resolve.ts';
import type { DetachabilitySection, Reason } from './schema.ts';

/** DGBC v2 factor scores (commonly implemented values) and the excluded layers. */
export const DETACHABILITY_DEFAULTS = {
  scores: {
    /** TV, type of connection. */
    connectionType: {
      dry: 1.0,
      added: 0.8,
      direct: 0.6,
      softChemical: 0.2,
      hardChemical: 0.1,
    } as Record<ConnectionType, number>,
    /** TO, accessibility of the connection. */
    accessibility: {
      free: 1.0,
      noDamage: 0.8,
      repairableDamage: 0.6,
      partialDamage: 0.4,
      notAccessible: 0.1,
    } as Record<Accessibility, number>,
    /** DK, intersection. */
    intersection: { none: 1.0, incidental: 0.4, complete: 0.1 } as Record<Intersection, number>,
    /** IP, product edge. */
    productEdge: { open: 1.0, overlapping: 0.4, closed: 0.1 } as Record<ProductEdge, number>,
  },
  /** Layers left out of the index (DGBC: stuff is not part of the building). */
  excludedLayers: ['stuff'] as Layer[],
};
export type DetachabilityParams = typeof DETACHABILITY_DEFAULTS;

/** 2/(1/a + 1/b): the harmonic mean, which lets the weaker factor dominate. */
export function harmonicMean2(a: number, b: number): number {
  return 2 / (1 / a + 1 / b);
}

/** The DGBC indices from the four factor scores. */
export interface DetachabilityFactors {
  /** LV, connection: harmonic mean of TV and TO. */
  LV: number;
  /** LS, composition: harmonic mean of DK and IP. */
  LS: number;
  /** LI, element: harmonic mean of LV and LS ("the weakest link counts most"). */
  LI: number;
}

/** LV = 2/(1/TV + 1/TO), LS = 2/(1/DK + 1/IP), LI = 2/(1/LV + 1/LS). Scores must be > 0. */
export function detachabilityFromScores(
  TV: number,
  TO: number,
  DK: number,
  IP: number,
): DetachabilityFactors {
  const LV = harmonicMean2(TV, TO);
  const LS = harmonicMean2(DK, IP);
  return { LV, LS, LI: harmonicMean2(LV, LS) };
}

/** The indices of an element from its four passport factors. */
export function elementDetachability(
  d: Detachability,
  scores: DetachabilityParams['scores'] = DETACHABILITY_DEFAULTS.scores,
): DetachabilityFactors {
  return detachabilityFromScores(
    scores.connectionType[d.connectionType],
    scores.accessibility[d.accessibility],
    scores.intersection[d.intersection],
    scores.productEdge[d.productEdge],
  );
}

export interface DetachabilityResult {
  section: DetachabilitySection;
  reasons: Reason[];
}

/**
 * Mass-weighted mean of LI over the elements (outside the excluded layers) that carry
 * detachability data and a resolved mass, per layer and for the building.
 * `massShareWithData` = mass of those elements / resolved mass of all non-excluded elements.
 */
export function detachabilityIndicators(
  resolution: Resolution,
  params: Partial<DetachabilityParams> = {},
): DetachabilityResult {
  const scores = params.scores ?? DETACHABILITY_DEFAULTS.scores;
  const excluded = new Set(params.excludedLayers ?? DETACHABILITY_DEFAULTS.excludedLayers);
  const reasons: Reason[] = [];
  const byElement: Record<string, number> = {};
  const layers = new Map<Layer, { weighted: number; massKg: number }>();
  let consideredMassKg = 0;
  let withDataMassKg = 0;
  let weighted = 0;
  for (const el of resolution.elements) {
    if (excluded.has(el.layer)) continue;
    const massKg = el.massKg ?? 0;
    consideredMassKg += massKg;
    const d = el.element.detachability;
    const layer = layers.get(el.layer) ?? { weighted: 0, massKg: 0 };
    layers.set(el.layer, layer);
    if (d === undefined) continue;
    const { LI } = elementDetachability(d, scores);
    byElement[el.element.id] = LI;
    layer.weighted += LI * massKg;
    layer.massKg += massKg;
    weighted += LI * massKg;
    withDataMassKg += massKg;
  }
  const byLayer: DetachabilitySection['byLayer'] = {};
  for (const [layer, s] of layers) {
    byLayer[layer] = s.massKg > 0 ? s.weighted / s.massKg : null;
    if (s.massKg === 0) {
      reasons.push({
        field: `detachability.byLayer.${layer}`,
        message: `no element with detachability data and a mass in layer ${layer}`,
      });
    }
  }
  const building = withDataMassKg > 0 ? weighted / withDataMassKg : null;
  if (building === null) {
    reasons.push({
      field: 'detachability.building',
      message: 'no element (outside the stuff layer) has detachability data and a mass',
    });
  }
  const massShareWithData = consideredMassKg > 0 ? withDataMassKg / consideredMassKg : null;
  if (massShareWithData === null) {
    reasons.push({
      field: 'detachability.massShareWithData',
      message: 'no resolved mass outside the excluded layers',
    });
  }
  return { section: { building, byLayer, massShareWithData, byElement }, reasons };
}
