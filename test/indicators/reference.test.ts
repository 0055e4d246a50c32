/**
 * A second, independent and deliberately plain implementation of the indicators, written
 * from METHODS.md without reading the modules' code paths, compared with computeIndicators
 * on many random passports to 1e-9 (relative).
 *
 * Where it differs on purpose: MCI terms in absolute kg (V, W, WF, WC scaled by M) and
 * MCI = 1 − (0.9·Lav/L)·LFI; aggregation flat over material uses (not element → layer →
 * building); LI = 4/(1/TV + 1/TO + 1/DK + 1/IP) (the nested harmonic mean, expanded);
 * replacements by counting k ≥ 1 with k·lifespan < design life (integer years here).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeIndicators } from '../../src/core/indicators/index.ts';
import type { MaterialLibrary } from '../../src/core/materials.ts';
import type { Passport } from '../../src/core/passport/schema.ts';
import type { Layer } from '../../src/core/vocab.ts';
import { LIBRARY, passportArb } from './arbitraries.ts';

const LAV: Record<Layer, number> = {
  site: 500,
  structure: 100,
  skin: 20,
  services: 15,
  spacePlan: 10,
  stuff: 5,
};
const TV = { dry: 1, added: 0.8, direct: 0.6, softChemical: 0.2, hardChemical: 0.1 };
const TO = {
  free: 1,
  noDamage: 0.8,
  repairableDamage: 0.6,
  partialDamage: 0.4,
  notAccessible: 0.1,
};
const DK = { none: 1, incidental: 0.4, complete: 0.1 };
const IP = { open: 1, overlapping: 0.4, closed: 0.1 };
/** Keyed by CAS and EC number, as src/services keys data/substances.csv. */
const THRESHOLDS: Record<string, number> = {
  '1332-21-4': 0.001,
  '7439-92-1': 0.001,
  '231-100-4': 0.001,
};
const DEMOLITION_COST = 1000;
const PRICES: Record<string, { price: number; handling: number; km: number | undefined }> = {
  glass: { price: 0.19, handling: 0.2, km: 150 },
  concrete: { price: 0.0035, handling: 0.007, km: 20 },
  asbestos: { price: 0, handling: 0.23, km: undefined },
};

interface Row {
  layer: Layer;
  element: number;
  M: number;
  mci: (method: 'emf2015' | 'madaster2023') => number;
  fA: number | undefined;
  fC: number | undefined;
  fD: number | undefined;
  bio: number | undefined;
  replacements: number;
  hazardous: boolean;
  reuse: number;
  recycle: number;
  rest: number;
  category: string | undefined;
}

function reference(p: Passport, library: MaterialLibrary, method: 'emf2015' | 'madaster2023') {
  const designLife = p.building.designLifeYears ?? 50;
  const rows: Row[] = [];
  const elementMass: number[] = [];
  p.elements.forEach((e, ei) => {
    const Lav = e.industryAverageLifespanYears ?? LAV[e.layer];
    const L = e.lifespanYears ?? Lav;
    let n = 0;
    while ((n + 1) * L < designLife) n++;
    let mass = 0;
    for (const m of e.materials) {
      const lib = m.materialId === undefined ? undefined : library.get(m.materialId);
      const density = m.densityKgPerM3 ?? lib?.densityKgPerM3;
      const M =
        m.massKg ??
        (m.volumeM3 !== undefined && density !== undefined ? m.volumeM3 * density : undefined);
      if (M === undefined) continue;
      mass += M;
      const FR = m.recycledFraction ?? lib?.recycledFraction ?? 0;
      const FU = m.reusedFraction ?? 0;
      const FS = m.renewableFraction ?? 0;
      const eol = m.endOfLife ?? lib?.endOfLife ?? { landfill: 1 };
      const CR = eol.recycle ?? 0;
      const CU = eol.reuse ?? 0;
      const EF = m.recyclingEfficiencyIn ?? lib?.recyclingEfficiency ?? 0.75;
      const EC = m.recyclingEfficiencyOut ?? lib?.recyclingEfficiency ?? 0.75;
      const ewc = m.ewcCode ?? lib?.ewcCode;
      const hazardous =
        (ewc !== undefined && ewc.endsWith('*')) ||
        (m.substances ?? []).some((s) => {
          const t = THRESHOLDS[s.cas ?? ''] ?? THRESHOLDS[s.ec ?? ''];
          return t !== undefined && (s.massFraction === undefined || s.massFraction > t);
        });
      rows.push({
        layer: e.layer,
        element: ei,
        M,
        mci: (meth) => {
          const V = M * (1 - FR - FU - FS);
          const W0 = M * (1 - CR - CU);
          const WF = FR > 0 ? (M * (1 - EF) * FR) / EF : 0;
          const WC = M * (1 - EC) * CR;
          const lfi = (V + W0 + (WF + WC) / 2) / (2 * M + (WF - WC) / 2);
          const utility = meth === 'madaster2023' ? 1 : L / Lav;
          return Math.max(0, 1 - ((0.9 * 1) / utility) * lfi);
        },
        fA: m.gwpKgCo2ePerKg?.A1A3 ?? lib?.gwpA1A3KgCo2ePerKg,
        fC: m.gwpKgCo2ePerKg?.C3C4 ?? lib?.gwpC3C4KgCo2ePerKg,
        fD: m.gwpKgCo2ePerKg?.D,
        bio: m.biogenicCarbonKgCPerKg ?? lib?.biogenicCarbonKgCPerKg,
        replacements: n,
        hazardous,
        reuse: eol.reuse ?? 0,
        recycle: eol.recycle ?? 0,
        rest: (eol.landfill ?? 0) + (eol.energyRecovery ?? 0),
        category: lib?.category,
      });
    }
    elementMass.push(mass);
  });

  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const totalM = sum(rows.map((r) => r.M));
  const weightedMci = (rs: Row[]) => {
    const m = sum(rs.map((r) => r.M));
    return m > 0 ? sum(rs.map((r) => (r.M > 0 ? r.mci(method) * r.M : 0))) / m : null;
  };
  const layers = [...new Set(p.elements.map((e) => e.layer))];

  // Detachability over non-stuff elements with data.
  let detW = 0;
  let detM = 0;
  let consideredM = 0;
  p.elements.forEach((e, i) => {
    if (e.layer === 'stuff') return;
    consideredM += elementMass[i]!;
    const d = e.detachability;
    if (d === undefined) return;
    const LI =
      4 /
      (1 / TV[d.connectionType] +
        1 / TO[d.accessibility] +
        1 / DK[d.intersection] +
        1 / IP[d.productEdge]);
    detW += LI * elementMass[i]!;
    detM += elementMass[i]!;
  });

  const moduleSum = (f: (r: Row) => number | undefined) => {
    const with_ = rows.filter((r) => f(r) !== undefined);
    return sum(with_.map((r) => r.M)) > 0 ? sum(with_.map((r) => r.M * f(r)!)) : null;
  };
  const A1A3 = moduleSum((r) => r.fA);
  const C3C4 = moduleSum((r) => r.fC);
  const B4raw = sum(rows.map((r) => r.replacements * r.M * ((r.fA ?? 0) + (r.fC ?? 0))));
  const B4 = A1A3 === null && C3C4 === null ? null : B4raw;
  const gfa = p.building.grossFloorAreaM2;
  const perM2 =
    gfa !== undefined && A1A3 !== null && B4 !== null && C3C4 !== null
      ? (A1A3 + B4 + C3C4) / gfa
      : null;

  const priced = rows.filter(
    (r) => r.category !== undefined && PRICES[r.category]?.km !== undefined,
  );
  const pricedM = sum(priced.map((r) => r.M));
  const residual =
    priced.length === 0
      ? null
      : sum(
          priced.map((r) => {
            const q = PRICES[r.category!]!;
            return r.M * q.price - r.M * q.km! * 0.00048 - r.M * q.handling;
          }),
        ) - (totalM > 0 ? (DEMOLITION_COST * pricedM) / totalM : 0);

  const any = rows.length > 0;
  const haz = rows.filter((r) => r.hazardous);
  const safe = rows.filter((r) => !r.hazardous);
  return {
    total: any ? totalM : null,
    mciBuilding: weightedMci(rows),
    mciByLayer: Object.fromEntries(
      layers.map((l) => [l, weightedMci(rows.filter((r) => r.layer === l))]),
    ),
    mciByElement: Object.fromEntries(
      p.elements.map((e, i) => [e.id, weightedMci(rows.filter((r) => r.element === i))]),
    ),
    detachability: detM > 0 ? detW / detM : null,
    massShareWithData: consideredM > 0 ? detM / consideredM : null,
    A1A3,
    C3C4,
    B4,
    D: moduleSum((r) => r.fD),
    biogenicKgC: moduleSum((r) => r.bio),
    perM2,
    residual,
    hazardousMassKg: any ? sum(haz.map((r) => r.M)) : null,
    wasteClasses: any
      ? {
          recyclable: sum(safe.map((r) => r.M * r.recycle)),
          reusable: sum(safe.map((r) => r.M * r.reuse)),
          landfill: sum(safe.map((r) => r.M * r.rest)),
          hazardous: sum(haz.map((r) => r.M)),
        }
      : { recyclable: null, reusable: null, landfill: null, hazardous: null },
  };
}

function close(a: unknown, b: unknown, path = ''): string[] {
  if (typeof a === 'number' && typeof b === 'number') {
    return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b))
      ? []
      : [`${path}: ${a} ≠ ${b}`];
  }
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') {
    return a === b ? [] : [`${path}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`];
  }
  const keys = [...new Set([...Object.keys(a as object), ...Object.keys(b as object)])].sort();
  return keys.flatMap((k) =>
    close((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`),
  );
}

describe('computeIndicators agrees with an independent implementation', () => {
  for (const method of ['emf2015', 'madaster2023'] as const) {
    it(`on random passports (${method})`, () => {
      fc.assert(
        fc.property(passportArb, (p) => {
          const ind = computeIndicators(p, {
            method,
            library: LIBRARY,
            substanceThreshold: (cas) => THRESHOLDS[cas],
            params: { value: { demolitionCost: DEMOLITION_COST } },
          });
          const actual = {
            total: ind.massKg.total,
            mciBuilding: ind.circularity.building,
            mciByLayer: ind.circularity.byLayer,
            mciByElement: ind.circularity.byElement,
            detachability: ind.detachability.building,
            massShareWithData: ind.detachability.massShareWithData,
            A1A3: ind.carbon.A1A3,
            C3C4: ind.carbon.C3C4,
            B4: ind.carbon.B4,
            D: ind.carbon.D,
            biogenicKgC: ind.carbon.biogenicKgC,
            perM2: ind.carbon.perM2,
            residual: ind.value.residual,
            hazardousMassKg: ind.hazards.hazardousMassKg,
            wasteClasses: ind.hazards.wasteClasses,
          };
          expect(close(actual, reference(p, LIBRARY, method))).toEqual([]);
        }),
        { numRuns: 1000 },
      );
    });
  }
});
