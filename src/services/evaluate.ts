/**
 * Indicators of a passport with the shipped reference data: the materials library for
 * fields a material use omits, the List of Waste for hazardous codes, the substances list
 * for thresholds. The core computes; this file only supplies the data.
 */
import {
  CIRCULARITY_METHODS,
  computeIndicators,
  type CircularityMethod,
  type Indicators,
} from '../core/indicators/index.ts';
import type { Passport } from '../core/passport/schema.ts';
import { isHazardousEwc, loadMaterialLibrary, loadSubstances } from '../reference/index.ts';

export const METHODS = CIRCULARITY_METHODS;
export type Method = CircularityMethod;

let thresholds: Map<string, number> | undefined;

function substanceThreshold(casOrEc: string): number | undefined {
  // Keyed by CAS and by EC number: the core looks a substance up by its CAS, else its EC.
  thresholds ??= new Map(
    loadSubstances().flatMap(({ cas, ec, thresholdMassFraction: t }) =>
      t === null ? [] : [cas, ...(ec === undefined ? [] : [ec])].map((id) => [id, t] as const),
    ),
  );
  return thresholds.get(casOrEc);
}

/** Computes every indicator of `passport` against the shipped reference data. */
export function evaluatePassport(
  passport: Passport,
  opts: { method?: Method; vndPerEur?: number } = {},
): Indicators {
  return computeIndicators(passport, {
    ...(opts.method ? { method: opts.method } : {}),
    ...(opts.vndPerEur !== undefined ? { params: { value: { vndPerEur: opts.vndPerEur } } } : {}),
    library: loadMaterialLibrary(),
    // The list decides for codes it knows; an unlisted code with `*` is still hazardous.
    isHazardousEwc: (code) => isHazardousEwc(code) || code.trim().endsWith('*'),
    substanceThreshold,
  });
}
