/**
 * fast-check generators of valid passports (and a small library) for the property tests.
 * Fractions are built from small integer weights so that they sum to 1 (or ≤ 1) exactly
 * up to rounding, as the schema asks.
 */
import fc from 'fast-check';
import { materialLibrary, type LibraryMaterial } from '../../src/core/materials.ts';
import { passportSchema, type Passport } from '../../src/core/passport/schema.ts';
import {
  ACCESSIBILITIES,
  CONNECTION_TYPES,
  INTERSECTIONS,
  LAYERS,
  PRODUCT_EDGES,
} from '../../src/core/vocab.ts';

export const LIBRARY_MATERIALS: LibraryMaterial[] = [
  {
    id: 'lib-concrete',
    names: { en: 'Concrete', vi: 'Bê tông', nl: 'Beton' },
    category: 'concrete',
    densityKgPerM3: 2400,
    gwpA1A3KgCo2ePerKg: 0.1,
    gwpC3C4KgCo2ePerKg: 0.01,
    biogenicCarbonKgCPerKg: 0,
    kbobId: 't1',
    recycledFraction: 0.05,
    endOfLife: { reuse: 0, recycle: 0.8, energyRecovery: 0, landfill: 0.2 },
    recyclingEfficiency: 0.75,
    technicalLifespanYears: 100,
    ewcCode: '17 01 01',
    synonyms: [],
  },
  {
    id: 'lib-glass',
    names: { en: 'Glass', vi: 'Kính', nl: 'Glas' },
    category: 'glass',
    densityKgPerM3: 2500,
    gwpA1A3KgCo2ePerKg: 1.2,
    gwpC3C4KgCo2ePerKg: 0.02,
    biogenicCarbonKgCPerKg: 0,
    kbobId: 't2',
    recycledFraction: 0.3,
    endOfLife: { reuse: 0.1, recycle: 0.6, energyRecovery: 0, landfill: 0.3 },
    recyclingEfficiency: 0.9,
    technicalLifespanYears: 30,
    ewcCode: '17 02 02',
    synonyms: [],
  },
  {
    id: 'lib-asbestos-board',
    names: { en: 'Asbestos board', vi: 'Tấm amiăng', nl: 'Asbestplaat' },
    category: 'asbestos',
    densityKgPerM3: 1500,
    gwpA1A3KgCo2ePerKg: 0.5,
    gwpC3C4KgCo2ePerKg: 0.05,
    biogenicCarbonKgCPerKg: 0,
    kbobId: 't3',
    recycledFraction: 0,
    endOfLife: { reuse: 0, recycle: 0, energyRecovery: 0, landfill: 1 },
    recyclingEfficiency: 0.75,
    technicalLifespanYears: 40,
    ewcCode: '17 06 05*',
    synonyms: [],
  },
];
export const LIBRARY = materialLibrary(LIBRARY_MATERIALS);

const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
const weights = (n: number) =>
  fc.array(fc.integer({ min: 0, max: 10 }), { minLength: n, maxLength: n });

const feedstock = weights(4).map(([fr = 0, fu = 0, fs = 0, v = 0]) => {
  const s = fr + fu + fs + v;
  return s === 0
    ? { recycledFraction: 0, reusedFraction: 0, renewableFraction: 0 }
    : { recycledFraction: fr / s, reusedFraction: fu / s, renewableFraction: fs / s };
});

const endOfLife = weights(4).map(([reuse = 0, recycle = 0, energyRecovery = 0, landfill = 0]) => {
  const s = reuse + recycle + energyRecovery + landfill;
  if (s === 0) return { landfill: 1 };
  // Landfill takes the remainder so the sum is 1 up to one rounding.
  const r = { reuse: reuse / s, recycle: recycle / s, energyRecovery: energyRecovery / s };
  return { ...r, landfill: Math.max(0, 1 - r.reuse - r.recycle - r.energyRecovery) };
});

const quantity = fc.oneof(
  fc.integer({ min: 0, max: 200_000 }).map((d) => ({ massKg: d / 10 })),
  fc.record({
    volumeM3: fc.integer({ min: 0, max: 1000 }).map((d) => d / 100),
    densityKgPerM3: fc.integer({ min: 100, max: 8000 }),
  }),
  fc.integer({ min: 0, max: 1000 }).map((d) => ({ volumeM3: d / 100 })),
  fc.constant({}),
);

const substance = fc.oneof(
  fc.record({
    cas: fc.constant('1332-21-4'),
    name: fc.constant('asbestos'),
    massFraction: opt(fc.integer({ min: 0, max: 100 }).map((d) => d / 100)),
  }),
  fc.record({
    cas: fc.constant('7439-92-1'),
    ec: fc.constant('231-100-4'),
    name: fc.constant('lead'),
    massFraction: opt(fc.integer({ min: 0, max: 100 }).map((d) => d / 1000)),
  }),
  // Listed, but declared by its EC number only (the passport allows either identifier).
  fc.record({
    ec: fc.constant('231-100-4'),
    name: fc.constant('lead'),
    massFraction: opt(fc.integer({ min: 0, max: 100 }).map((d) => d / 1000)),
  }),
  fc.record({
    name: fc.constant('unlisted additive'),
    massFraction: opt(fc.integer({ min: 0, max: 100 }).map((d) => d / 100)),
  }),
);

export const materialUse = fc
  .record({
    materialId: opt(
      fc.constantFrom('lib-concrete', 'lib-glass', 'lib-asbestos-board', 'not-in-library'),
    ),
    quantity,
    feedstock: opt(feedstock),
    endOfLife: opt(endOfLife),
    recyclingEfficiencyIn: opt(fc.integer({ min: 5, max: 100 }).map((d) => d / 100)),
    recyclingEfficiencyOut: opt(fc.integer({ min: 0, max: 100 }).map((d) => d / 100)),
    gwp: opt(
      fc.record({
        A1A3: opt(fc.integer({ min: 0, max: 5000 }).map((d) => d / 1000)),
        C3C4: opt(fc.integer({ min: 0, max: 500 }).map((d) => d / 1000)),
        D: opt(fc.integer({ min: -500, max: 0 }).map((d) => d / 1000)),
      }),
    ),
    biogenic: opt(fc.integer({ min: 0, max: 500 }).map((d) => d / 1000)),
    ewcCode: opt(fc.constantFrom('17 01 01', '17 02 01', '17 06 05*', '17 09 03*')),
    substances: opt(fc.array(substance, { maxLength: 2 })),
  })
  .map((r) => ({
    name: 'material',
    ...(r.materialId !== undefined && { materialId: r.materialId }),
    ...r.quantity,
    ...r.feedstock,
    ...(r.endOfLife !== undefined && { endOfLife: r.endOfLife }),
    ...(r.recyclingEfficiencyIn !== undefined && {
      recyclingEfficiencyIn: r.recyclingEfficiencyIn,
    }),
    ...(r.recyclingEfficiencyOut !== undefined && {
      recyclingEfficiencyOut: r.recyclingEfficiencyOut,
    }),
    ...(r.gwp !== undefined && { gwpKgCo2ePerKg: r.gwp }),
    ...(r.biogenic !== undefined && { biogenicCarbonKgCPerKg: r.biogenic }),
    ...(r.ewcCode !== undefined && { ewcCode: r.ewcCode }),
    ...(r.substances !== undefined && { substances: r.substances }),
  }));

const detachability = fc.record({
  connectionType: fc.constantFrom(...CONNECTION_TYPES),
  accessibility: fc.constantFrom(...ACCESSIBILITIES),
  intersection: fc.constantFrom(...INTERSECTIONS),
  productEdge: fc.constantFrom(...PRODUCT_EDGES),
});

const element = fc.record({
  layer: fc.constantFrom(...LAYERS),
  lifespanYears: opt(fc.integer({ min: 1, max: 200 })),
  industryAverageLifespanYears: opt(fc.integer({ min: 1, max: 500 })),
  detachability: opt(detachability),
  classification: opt(fc.constant({ system: 'NL-SfB', code: '21.12' })),
  materials: fc.array(materialUse, { maxLength: 4 }),
});

/** A valid passport of 0–8 elements (ids e0, e1, …). */
export const passportArb: fc.Arbitrary<Passport> = fc
  .record({
    designLifeYears: opt(fc.integer({ min: 1, max: 120 })),
    grossFloorAreaM2: opt(fc.integer({ min: 1, max: 100_000 })),
    elements: fc.array(element, { maxLength: 8 }),
  })
  .map((r) =>
    passportSchema.parse(
      JSON.parse(
        JSON.stringify({
          format: 'matbank/passport@1',
          building: {
            ref: 'PROP-1',
            designLifeYears: r.designLifeYears,
            grossFloorAreaM2: r.grossFloorAreaM2,
          },
          elements: r.elements.map((e, i) => ({ id: `e${i}`, ...e })),
        }),
      ),
    ),
  );
