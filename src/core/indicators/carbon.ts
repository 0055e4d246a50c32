/**
 * Embodied carbon by EN 15978 / EN 15804+A2 module, METHODS.md §3.
 *
 * GWP_module = Σ massKg · factor_module (kgCO2e/kg) for A1–A3 (product) and C3–C4 (end of
 * life); module D (beyond the system boundary) is reported apart and never summed.
 * B4 (replacement) follows Madaster's rule outside NL/DE: an element replaced
 * max(0, ⌈designLife / lifespan⌉ − 1) times emits its A1–A3 + C3–C4 again each time.
 * Biogenic carbon (kg C stored) is reported apart, as EN 15804+A2 asks.
 * Factors: KBOB 2022 v4 via the materials library (GWP production ≈ A1–A3, disposal ≈ C3–C4),
 * or the passport's own `gwpKgCo2ePerKg`.
 */
import type { Building } from '../passport/schema.ts';
import type { Resolution } from './resolve.ts';
import type { CarbonElement, CarbonSection, Reason } from './schema.ts';

/**
 * `designLifeYears`: used when the building does not state one. 50 years is the reference
 * study period for buildings in common LCA practice (e.g. the EU Level(s) framework) and
 * the design working life of ordinary buildings in EN 1990.
 * `ceilToleranceYears`: ⌈designLife/lifespan⌉ is taken on the quotient minus this much, so
 * that a floating-point quotient of 3.0000000000000004 counts as 3, not 4.
 */
export const CARBON_DEFAULTS = {
  designLifeYears: 50,
  ceilTolerance: 1e-9,
};
export type CarbonParams = typeof CARBON_DEFAULTS;

/** Number of replacements over the design life: max(0, ⌈designLife/lifespan⌉ − 1). */
export function replacements(
  designLifeYears: number,
  lifespanYears: number,
  ceilTolerance: number = CARBON_DEFAULTS.ceilTolerance,
): number {
  return Math.max(0, Math.ceil(designLifeYears / lifespanYears - ceilTolerance) - 1);
}

export interface CarbonResult {
  section: CarbonSection;
  reasons: Reason[];
}

/**
 * Carbon per module for the building, per element and per m² of gross floor area.
 * A module's total sums the material uses that have both a mass and that factor; it is null
 * when none has. The mass share with each factor is reported so a partial sum is visible.
 * Element lifespans come from resolution (L, else Lav of the layer).
 */
export function carbonIndicators(
  resolution: Resolution,
  building: Pick<Building, 'designLifeYears' | 'grossFloorAreaM2'>,
  params: Partial<CarbonParams> = {},
): CarbonResult {
  const p = { ...CARBON_DEFAULTS, ...params };
  const reasons: Reason[] = [];
  const designLifeYears = building.designLifeYears ?? p.designLifeYears;
  if (building.designLifeYears === undefined) {
    reasons.push({
      field: 'carbon.B4',
      message: `building has no designLifeYears; the default ${p.designLifeYears} years is used`,
    });
  }
  const totals = { A1A3: 0, B4: 0, C3C4: 0, D: 0, biogenic: 0 };
  const withFactorKg = { A1A3: 0, C3C4: 0, D: 0, biogenic: 0 };
  let totalMassKg = 0;
  const byElement: Record<string, CarbonElement> = {};
  for (const el of resolution.elements) {
    const e = { A1A3: 0, B4: 0, C3C4: 0, D: 0 };
    const has = { A1A3: false, C3C4: false, D: false };
    for (const m of el.materials) {
      if (m.massKg === null) continue;
      totalMassKg += m.massKg;
      const f = m.gwpKgCo2ePerKg;
      if (f.A1A3 !== null) {
        e.A1A3 += m.massKg * f.A1A3;
        has.A1A3 = true;
        withFactorKg.A1A3 += m.massKg;
      }
      if (f.C3C4 !== null) {
        e.C3C4 += m.massKg * f.C3C4;
        has.C3C4 = true;
        withFactorKg.C3C4 += m.massKg;
      }
      if (f.D !== null) {
        e.D += m.massKg * f.D;
        has.D = true;
        withFactorKg.D += m.massKg;
      }
      if (m.biogenicCarbonKgCPerKg !== null) {
        totals.biogenic += m.massKg * m.biogenicCarbonKgCPerKg;
        withFactorKg.biogenic += m.massKg;
      }
    }
    const n = replacements(designLifeYears, el.lifespanYears, p.ceilTolerance);
    e.B4 = n * (e.A1A3 + e.C3C4);
    byElement[el.element.id] = {
      A1A3: has.A1A3 ? e.A1A3 : null,
      B4: has.A1A3 || has.C3C4 ? e.B4 : null,
      C3C4: has.C3C4 ? e.C3C4 : null,
      D: has.D ? e.D : null,
      replacements: n,
      lifespanYears: el.lifespanYears,
    };
    totals.A1A3 += e.A1A3;
    totals.C3C4 += e.C3C4;
    totals.D += e.D;
    totals.B4 += e.B4;
  }

  const share = (kg: number): number | null => (totalMassKg > 0 ? kg / totalMassKg : null);
  const moduleTotal = (field: string, value: number, kg: number): number | null => {
    if (kg === 0) {
      reasons.push({
        field,
        message:
          totalMassKg > 0
            ? 'no material use with a mass has this factor'
            : 'no material use has a mass',
      });
      return null;
    }
    if (kg < totalMassKg) {
      reasons.push({
        field,
        message: `partial: ${formatShare(kg / totalMassKg)} of the mass has this factor; the rest is not counted`,
      });
    }
    return value;
  };
  const A1A3 = moduleTotal('carbon.A1A3', totals.A1A3, withFactorKg.A1A3);
  const C3C4 = moduleTotal('carbon.C3C4', totals.C3C4, withFactorKg.C3C4);
  const D = moduleTotal('carbon.D', totals.D, withFactorKg.D);
  const biogenicKgC = moduleTotal('carbon.biogenicKgC', totals.biogenic, withFactorKg.biogenic);
  // B4 repeats A1–A3 and C3–C4: unknown only when both are.
  const B4 = A1A3 === null && C3C4 === null ? null : totals.B4;
  if (B4 === null)
    reasons.push({ field: 'carbon.B4', message: 'neither A1A3 nor C3C4 factors are known' });

  let perM2: number | null = null;
  if (building.grossFloorAreaM2 === undefined) {
    reasons.push({ field: 'carbon.perM2', message: 'building has no grossFloorAreaM2' });
  } else if (A1A3 === null || B4 === null || C3C4 === null) {
    reasons.push({ field: 'carbon.perM2', message: 'A1A3, B4 or C3C4 is unknown' });
  } else {
    perM2 = (A1A3 + B4 + C3C4) / building.grossFloorAreaM2;
  }
  return {
    section: {
      A1A3,
      B4,
      C3C4,
      D,
      perM2,
      biogenicKgC,
      designLifeYears,
      massShareWithFactor: {
        A1A3: share(withFactorKg.A1A3),
        C3C4: share(withFactorKg.C3C4),
        D: share(withFactorKg.D),
        biogenic: share(withFactorKg.biogenic),
      },
      byElement,
    },
    reasons,
  };
}

function formatShare(x: number): string {
  return `${Math.round(x * 1000) / 10} %`;
}
