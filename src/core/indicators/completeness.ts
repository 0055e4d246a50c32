/**
 * Completeness of a passport and whether it is ready for the permit check.
 *
 * The default thresholds (0.9 of the elements with a material, a quantity and a
 * classification) follow the completeness Madaster expects of a tender-stage (bestek) model
 * before its passport is meaningful; the exact levels are policy, so the municipality
 * configures its own. See docs/methods.md §6.
 */
import type { Resolution } from './resolve.ts';
import type { CompletenessCriterion, CompletenessSection, Reason } from './schema.ts';

/** Minimum shares per criterion for `readyForPermit`; a criterion absent here is not checked. */
export const COMPLETENESS_DEFAULTS = {
  thresholds: {
    elementsWithMaterial: 0.9,
    elementsWithQuantity: 0.9,
    elementsClassified: 0.9,
  } as Partial<Record<CompletenessCriterion, number>>,
  /** Layers whose elements need no detachability data (as the index excludes them). */
  detachabilityExcludedLayers: ['stuff'] as string[],
};
export type CompletenessParams = typeof COMPLETENESS_DEFAULTS;

export interface CompletenessResult {
  section: CompletenessSection;
  reasons: Reason[];
}

/**
 * Shares 0–1:
 * - `elementsWithMaterial`: elements with at least one material use;
 * - `elementsWithQuantity`: elements with at least one material use, every one of which
 *   carries `massKg` or `volumeM3` (in the passport itself);
 * - `elementsClassified`: elements with a classification code;
 * - `elementsWithDetachability`: non-stuff elements with the four DGBC factors;
 * - `massWithCircularityData`: share of the resolved mass whose recycled feedstock and end
 *   of life are each given in the passport or resolved from the library — not the method's
 *   fully linear default.
 * Element shares are null with no elements; the mass share is null with no resolved mass.
 */
export function completenessIndicators(
  resolution: Resolution,
  params: Partial<CompletenessParams> = {},
): CompletenessResult {
  const thresholds = params.thresholds ?? COMPLETENESS_DEFAULTS.thresholds;
  const excluded = new Set(
    params.detachabilityExcludedLayers ?? COMPLETENESS_DEFAULTS.detachabilityExcludedLayers,
  );
  const reasons: Reason[] = [];
  const els = resolution.elements;
  const share = (n: number, d: number): number | null => (d > 0 ? n / d : null);
  const count = (pred: (e: (typeof els)[number]) => boolean, list = els): number =>
    list.filter(pred).length;

  const detachable = els.filter((e) => !excluded.has(e.layer));
  let massKg = 0;
  let withDataKg = 0;
  for (const m of resolution.materials) {
    if (m.massKg === null) continue;
    massKg += m.massKg;
    if (m.hasCircularityData) withDataKg += m.massKg;
  }
  const values: Record<CompletenessCriterion, number | null> = {
    elementsWithMaterial: share(
      count((e) => e.element.materials.length > 0),
      els.length,
    ),
    elementsWithQuantity: share(
      count(
        (e) =>
          e.element.materials.length > 0 &&
          e.element.materials.every((m) => m.massKg !== undefined || m.volumeM3 !== undefined),
      ),
      els.length,
    ),
    elementsClassified: share(
      count((e) => e.element.classification !== undefined),
      els.length,
    ),
    elementsWithDetachability: share(
      count((e) => e.element.detachability !== undefined, detachable),
      detachable.length,
    ),
    massWithCircularityData: share(withDataKg, massKg),
  };
  if (els.length === 0)
    reasons.push({ field: 'completeness', message: 'the passport has no elements' });
  if (detachable.length === 0 && els.length > 0) {
    reasons.push({
      field: 'completeness.elementsWithDetachability',
      message: 'no element outside the stuff layer',
    });
  }
  if (values.massWithCircularityData === null) {
    reasons.push({
      field: 'completeness.massWithCircularityData',
      message: 'no material use has a mass',
    });
  }
  const failing: CompletenessSection['failing'] = [];
  for (const [criterion, threshold] of Object.entries(thresholds) as [
    CompletenessCriterion,
    number | undefined,
  ][]) {
    if (threshold === undefined) continue;
    const value = values[criterion];
    if (value === null || value < threshold) failing.push({ criterion, value, threshold });
  }
  return { section: { ...values, readyForPermit: failing.length === 0, failing }, reasons };
}
