/**
 * Unit tests of behaviour the fixtures do not isolate: resolution order and its report,
 * option plumbing, empty passports, the formatter.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  computeIndicators,
  formatIndicatorsTable,
  indicatorsSchema,
  INDICATOR_DEFAULTS,
  resolvePassport,
} from '../../src/core/indicators/index.ts';
import { passportSchema, type Passport } from '../../src/core/passport/schema.ts';
import { LIBRARY } from './arbitraries.ts';

const passport = (elements: unknown[], building: Record<string, unknown> = {}): Passport =>
  passportSchema.parse({
    format: 'matbank/passport@1',
    building: { ref: 'U-1', ...building },
    elements,
  });

describe('resolvePassport', () => {
  it('takes a field from the passport, then the library, then the method default, and counts each fallback', () => {
    const p = passport([
      {
        id: 'e',
        layer: 'skin',
        materials: [
          { materialId: 'lib-glass', massKg: 10, recycledFraction: 0.9 }, // own FR, library EOL/EF/EC
          { materialId: 'lib-glass', massKg: 10 }, // library everything
          { name: 'unmapped', massKg: 10 }, // method defaults
        ],
      },
    ]);
    const r = resolvePassport(p, LIBRARY);
    const [own, lib, none] = r.materials;
    expect(own!.recycledFraction).toBe(0.9);
    expect(lib!.recycledFraction).toBe(0.3);
    expect(none!.recycledFraction).toBe(0);
    expect(lib!.endOfLife).toEqual({ reuse: 0.1, recycle: 0.6, energyRecovery: 0, landfill: 0.3 });
    expect(none!.endOfLife).toEqual({ reuse: 0, recycle: 0, energyRecovery: 0, landfill: 1 });
    expect(lib!.recyclingEfficiencyOut).toBe(0.9);
    expect(none!.recyclingEfficiencyOut).toBe(0.75);
    expect(r.defaulted['recycledFraction']).toEqual({ library: 1, method: 1 });
    expect(r.defaulted['recyclingEfficiencyOut']).toEqual({ library: 2, method: 1 });
    expect(r.defaulted['endOfLife']).toEqual({ library: 2, method: 1 });
    expect(none!.hasCircularityData).toBe(false);
    expect(own!.hasCircularityData).toBe(true);
    // GWP has no method default: the unmapped use's factor is unknown, not 0.
    expect(none!.gwpKgCo2ePerKg.A1A3).toBeNull();
    expect(r.missing['gwpKgCo2ePerKg.A1A3']).toBe(1);
  });

  it('computes mass from volume × density, preferring the use’s own density to the library’s', () => {
    const p = passport([
      {
        id: 'e',
        layer: 'structure',
        materials: [
          { materialId: 'lib-concrete', volumeM3: 2 },
          { materialId: 'lib-concrete', volumeM3: 2, densityKgPerM3: 2000 },
          { materialId: 'lib-concrete', volumeM3: 2, massKg: 1 },
        ],
      },
    ]);
    const r = resolvePassport(p, LIBRARY);
    expect(r.materials.map((m) => m.massKg)).toEqual([4800, 4000, 1]);
    expect(r.materials.map((m) => m.massSource)).toEqual(['volume', 'volume', 'passport']);
    expect(r.defaulted['massKg']).toEqual({ volume: 2 });
    expect(r.defaulted['densityKgPerM3']).toEqual({ library: 1 });
  });

  it('a materialId absent from the library is reported as missing', () => {
    const r = resolvePassport(
      passport([{ id: 'e', layer: 'skin', materials: [{ materialId: 'nope', massKg: 1 }] }]),
      LIBRARY,
    );
    expect(r.missing['libraryMaterial']).toBe(1);
  });
});

describe('computeIndicators', () => {
  it('an empty passport gives nulls with reasons, never zeros', () => {
    const ind = computeIndicators(passport([]));
    indicatorsSchema.parse(ind);
    expect(ind.massKg.total).toBeNull();
    expect(ind.circularity.building).toBeNull();
    expect(ind.detachability.building).toBeNull();
    expect(ind.carbon.A1A3).toBeNull();
    expect(ind.carbon.perM2).toBeNull();
    expect(ind.value.residual).toBeNull();
    expect(ind.hazards.hazardousMassKg).toBeNull();
    expect(ind.completeness.elementsWithMaterial).toBeNull();
    expect(ind.completeness.readyForPermit).toBe(false);
    const fields = ind.reasons.map((r) => r.field);
    for (const f of [
      'massKg.total',
      'circularity.building',
      'detachability.building',
      'carbon.A1A3',
      'value.residual',
    ]) {
      expect(fields).toContain(f);
    }
  });

  it('the method option wins over params.circularity.method', () => {
    const p = passport([
      { id: 'e', layer: 'skin', lifespanYears: 40, materials: [{ name: 'x', massKg: 1 }] },
    ]);
    // X = 40/20 = 2 → emf2015 0.55; madaster2023 ignores X → 0.1.
    expect(
      computeIndicators(p, { params: { circularity: { method: 'madaster2023' } } }).circularity
        .building,
    ).toBeCloseTo(0.1, 12);
    expect(
      computeIndicators(p, {
        method: 'emf2015',
        params: { circularity: { method: 'madaster2023' } },
      }).circularity.building,
    ).toBeCloseTo(0.55, 12);
  });

  it('overridden Lav and EF/EC defaults reach the MCI', () => {
    const p = passport([
      {
        id: 'e',
        layer: 'skin',
        lifespanYears: 40,
        materials: [{ name: 'x', massKg: 1, recycledFraction: 1 }],
      },
    ]);
    // Lav 40 → X 1. EF default 1 → WF 0, V 0, W0 1 → LFI 1/2 → MCI 1 − 0.45 = 0.55.
    const ind = computeIndicators(p, {
      params: {
        circularity: { averageLifespanYearsByLayer: { skin: 40 }, recyclingEfficiencyIn: 1 },
      },
    });
    expect(ind.circularity.building).toBeCloseTo(0.55, 12);
    expect(INDICATOR_DEFAULTS.circularity.recyclingEfficiencyIn).toBe(0.75);
  });

  it('uses the isHazardousEwc predicate given, not only the asterisk', () => {
    // 17 06 05 written without its asterisk: only the waste list knows it is hazardous.
    const p = passport([
      { id: 'e', layer: 'skin', materials: [{ name: 'x', massKg: 5, ewcCode: '17 06 05' }] },
    ]);
    expect(computeIndicators(p).hazards.hazardousMassKg).toBe(0);
    const ind = computeIndicators(p, { isHazardousEwc: (c) => c.replace('*', '') === '17 06 05' });
    expect(ind.hazards.hazardousMassKg).toBe(5);
    expect(ind.hazards.ewcCodes).toEqual(['17 06 05']);
    expect(ind.hazards.wasteClasses.hazardous).toBe(5);
    expect(ind.hazards.wasteClasses.landfill).toBe(0);
  });

  it('a substance exactly at its threshold is not hazardous; just above it is', () => {
    const mk = (f: number) =>
      passport([
        {
          id: 'e',
          layer: 'skin',
          materials: [
            {
              name: 'x',
              massKg: 100,
              substances: [{ cas: '7439-92-1', name: 'lead', massFraction: f }],
            },
          ],
        },
      ]);
    const opts = { substanceThreshold: (cas: string) => (cas === '7439-92-1' ? 0.001 : undefined) };
    expect(computeIndicators(mk(0.001), opts).hazards.hazardousMassKg).toBe(0);
    expect(computeIndicators(mk(0.0011), opts).hazards.hazardousMassKg).toBe(100);
  });

  it('custom detachability scores are used', () => {
    const p = passport([
      {
        id: 'e',
        layer: 'skin',
        detachability: {
          connectionType: 'added',
          accessibility: 'free',
          intersection: 'none',
          productEdge: 'open',
        },
        materials: [{ name: 'x', massKg: 1 }],
      },
    ]);
    const base = INDICATOR_DEFAULTS.detachability.scores;
    const ind = computeIndicators(p, {
      params: {
        detachability: {
          scores: { ...base, connectionType: { ...base.connectionType, added: 0.5 } },
        },
      },
    });
    // 4/(1/0.5 + 1 + 1 + 1) = 0.8
    expect(ind.detachability.building).toBeCloseTo(0.8, 12);
  });

  it('converts the residual value to VND through vndPerEur, and discounts it', () => {
    const p = passport(
      [{ id: 'g', layer: 'skin', materials: [{ materialId: 'lib-glass', massKg: 1000 }] }],
      { designLifeYears: 25 },
    );
    const ind = computeIndicators(p, {
      library: LIBRARY,
      params: { value: { vndPerEur: 27_000, discountRate: 0.04 } },
    });
    expect(ind.value.residual).toBeCloseTo(-82, 9);
    expect(ind.value.residualVnd).toBeCloseTo(-82 * 27_000, 6);
    expect(ind.value.residualPresentValue).toBeCloseTo(-82 * 0.3751168, 5);
  });
});

describe('residual value with a price table in VND', () => {
  const glass = (vnd: number | null) => {
    const p = passport([
      { id: 'g', layer: 'skin', materials: [{ materialId: 'lib-glass', massKg: 1000 }] },
    ]);
    // METHODS.md §4 flat glass (0.19 and 0.20 EUR/kg) restated in VND at 27 000 VND/EUR.
    return computeIndicators(p, {
      library: LIBRARY,
      params: {
        value: {
          vndPerEur: vnd,
          prices: {
            currency: 'VND',
            byMaterialId: {},
            byCategory: { glass: { pricePerKg: 0.19 * 27_000, handlingCostPerKg: 0.2 * 27_000 } },
          },
        },
      },
    });
  };

  it('converts the EUR transport rate through vndPerEur: CNV = −82 EUR × 27 000', () => {
    const ind = glass(27_000);
    expect(ind.value.currency).toBe('VND');
    // FC2 = 1000 kg × 150 km × 0.00048 EUR/(kg·km) × 27 000 VND/EUR
    expect(ind.value.transportCost).toBeCloseTo(1000 * 150 * 0.00048 * 27_000, 6);
    expect(ind.value.residual).toBeCloseTo(-82 * 27_000, 6);
    expect(ind.value.residualVnd).toBeCloseTo(-82 * 27_000, 6);
  });

  it('without a rate the residual is null with a reason, never EUR added to VND', () => {
    const ind = glass(null);
    expect(ind.value.residual).toBeNull();
    expect(ind.value.transportCost).toBeNull();
    expect(ind.value.materialValue).toBeCloseTo(0.19 * 27_000 * 1000, 6);
    expect(JSON.stringify(ind.reasons)).toContain('transportCostPerKgKm is in EUR');
  });
});

describe('hazards: one substance named two ways', () => {
  it('a substance with CAS and EC in one use and EC only in another is one entry', () => {
    const lead = { name: 'lead carbonate', cas: '598-63-0', ec: '209-943-4' };
    const p = passport([
      {
        id: 'a',
        layer: 'skin',
        materials: [{ name: 'paint', massKg: 200, substances: [{ ...lead, massFraction: 0.01 }] }],
      },
      {
        id: 'b',
        layer: 'skin',
        materials: [
          {
            name: 'old paint',
            massKg: 50,
            substances: [{ name: 'basic lead carbonate', ec: lead.ec, massFraction: 0.02 }],
          },
        ],
      },
    ]);
    const ind = computeIndicators(p, { library: LIBRARY });
    const found = ind.hazards.substances.filter((x) => x.ec === lead.ec || x.cas === lead.cas);
    expect(found.length).toBe(1);
    expect(found[0]!.cas).toBe(lead.cas);
    expect(found[0]!.massKg).toBeCloseTo(200 * 0.01 + 50 * 0.02, 12);
  });
});

describe('formatIndicatorsTable', () => {
  const p = passport(
    [
      {
        id: 'e',
        layer: 'structure',
        lifespanYears: 100,
        materials: [{ name: 'x', massKg: 1234, gwpKgCo2ePerKg: { A1A3: 0.1, C3C4: 0.01 } }],
      },
    ],
    { grossFloorAreaM2: 10, designLifeYears: 50 },
  );
  const ind = computeIndicators(p);

  it('prints English labels, aligned values and n/a for nulls', () => {
    const text = formatIndicatorsTable(ind);
    expect(text).toContain('Circularity (MCI) — method emf2015');
    expect(text).toMatch(/Total mass\s+1,234 {2}kg/);
    expect(text).toMatch(/Building\s+0\.10 {2}0–1/);
    expect(text).toMatch(/D\s+— \(n\/a\) {2}kgCO2e/);
    expect(text.endsWith('\n')).toBe(true);
    // Aligned: every value column ends at the same offset.
    const rows = text.split('\n').filter((l) => l.startsWith('  ') && /\S\s{2}\S/.test(l.trim()));
    expect(rows.length).toBeGreaterThan(15);
    const ends = new Set(
      rows.map((l) => l.replace(/\s{2}(kg|0–1|kgCO2e|kgCO2e\/m²|kg C|EUR|VND)$/, '').length),
    );
    expect(ends.size).toBe(1);
  });

  it('prints Vietnamese labels with Vietnamese number format', () => {
    const text = formatIndicatorsTable(ind, 'vi');
    expect(text).toContain('Chỉ số tuần hoàn (MCI)');
    expect(text).toMatch(/Tổng khối lượng\s+1\.234 {2}kg/);
    expect(text).toContain('không có dữ liệu');
  });
});

describe('indicatorsSchema', () => {
  it('converts to JSON Schema (for OpenAPI) with the DESIGN.md sections', () => {
    const json = z.toJSONSchema(indicatorsSchema) as {
      properties: Record<string, unknown>;
      required: string[];
    };
    for (const k of [
      'massKg',
      'circularity',
      'detachability',
      'carbon',
      'value',
      'hazards',
      'completeness',
    ]) {
      expect(json.required).toContain(k);
    }
  });
});
