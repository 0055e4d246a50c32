/**
 * The materials library (data/materials.csv): every row valid, and every factor
 * recomputed here from the KBOB 2022 table it cites.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { normaliseMaterialName } from '../../src/core/match/index.ts';
import { isMatbankError } from '../../src/core/errors.ts';
import {
  dataPath,
  findWasteCode,
  loadMaterialLibrary,
  loadMaterials,
  parseMaterialsCsv,
} from '../../src/reference/index.ts';

type Row = Record<string, string>;
const kbobRows: Row[] = parse(
  readFileSync(new URL('../../../shared/data/materials/kbob-2022-v4.csv', import.meta.url), 'utf8'),
  {
    columns: true,
  },
);
const kbob = new Map(kbobRows.map((r) => [r.kbob_id as string, r]));
const kbobRow = (id: string): Row => {
  const r = kbob.get(id);
  if (!r) throw new Error(`KBOB row ${id} not found`);
  return r;
};
const csvText = readFileSync(dataPath('materials.csv'), 'utf8');
const rawRows: Row[] = parse(csvText, { columns: true });
const materials = loadMaterials();
const byId = new Map(materials.map((m) => [m.id, m]));
const get = (id: string) => {
  const m = byId.get(id);
  if (!m) throw new Error(`material ${id} missing`);
  return m;
};

/**
 * Plausible bulk densities per category, kg/m³, from general building-physics knowledge
 * (e.g. insulation 10–200, metals 2 500–11 500): wide on purpose, they catch unit slips
 * such as kg/m² entered as kg/m³, not differences between products.
 */
const DENSITY_RANGE_KG_PER_M3: Record<string, [number, number]> = {
  concrete: [500, 2900],
  masonry: [300, 2200],
  mortar: [800, 2300],
  metal: [2500, 11500],
  timber: [300, 1000],
  glass: [700, 2600],
  gypsum: [600, 1400],
  insulation: [10, 200],
  membrane: [800, 1500],
  plastic: [850, 1600],
  sealant: [900, 1700],
  ceramic: [1800, 2700],
  stone: [2000, 3000],
  aggregate: [1400, 2600],
  earth: [1400, 2300],
  asphalt: [2000, 2600],
  roofing: [1500, 2500],
  'fibre-cement': [1200, 2000],
  finish: [200, 1700],
  coating: [900, 1800],
};

describe('materials library', () => {
  it('has at least 60 materials with unique kebab-case ids', () => {
    expect(materials.length).toBeGreaterThanOrEqual(60);
    expect(new Set(materials.map((m) => m.id)).size).toBe(materials.length);
    for (const m of materials) expect(m.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('library lookup returns the same objects as the list', () => {
    const lib = loadMaterialLibrary();
    expect(lib.get('concrete-c30-37')?.names.en).toBe('Concrete C30/37');
    expect(lib.get('no-such-material')).toBeUndefined();
    expect(lib.all().length).toBe(materials.length);
    expect(loadMaterialLibrary()).toBe(lib); // cached
  });

  it.each(materials.map((m) => [m.id, m] as const))('%s is a valid row', (_id, m) => {
    const eol = m.endOfLife;
    expect(Math.abs(eol.reuse + eol.recycle + eol.energyRecovery + eol.landfill - 1)).toBeLessThan(
      1e-9,
    );
    for (const f of [
      eol.reuse,
      eol.recycle,
      eol.energyRecovery,
      eol.landfill,
      m.recycledFraction,
      m.recyclingEfficiency,
    ]) {
      expect(f).toBeGreaterThanOrEqual(0);
      expect(f).toBeLessThanOrEqual(1);
    }
    const range = DENSITY_RANGE_KG_PER_M3[m.category];
    expect(range, `category ${m.category} has a density range`).toBeDefined();
    expect(m.densityKgPerM3).toBeGreaterThanOrEqual(range![0]);
    expect(m.densityKgPerM3).toBeLessThanOrEqual(range![1]);
    expect(Number.isFinite(m.gwpA1A3KgCo2ePerKg)).toBe(true);
    expect(Number.isFinite(m.gwpC3C4KgCo2ePerKg)).toBe(true);
    expect(m.gwpA1A3KgCo2ePerKg).toBeGreaterThan(0);
    // No building material's production emits 60 kgCO2e/kg (aerogel, the worst in KBOB, is 48).
    expect(m.gwpA1A3KgCo2ePerKg).toBeLessThan(60);
    expect(m.gwpC3C4KgCo2ePerKg).toBeGreaterThanOrEqual(0);
    // Biogenic carbon cannot exceed the carbon share of dry wood (~0.5 kgC/kg, EN 16449).
    expect(m.biogenicCarbonKgCPerKg).toBeGreaterThanOrEqual(0);
    expect(m.biogenicCarbonKgCPerKg).toBeLessThanOrEqual(0.52);
    expect(m.technicalLifespanYears).toBeGreaterThanOrEqual(5);
    expect(m.technicalLifespanYears).toBeLessThanOrEqual(150);
    const waste = findWasteCode(m.ewcCode);
    expect(waste, `EWC ${m.ewcCode} exists`).toBeDefined();
    expect(waste!.code.startsWith('17 ')).toBe(true);
    // Library defaults describe uncontaminated material: hazardous codes come from substances.
    expect(waste!.hazardous).toBe(false);
    expect(m.names.vi.trim()).not.toBe('');
    expect(m.names.nl.trim()).not.toBe('');
    expect(m.synonyms.length).toBeGreaterThan(0);
    expect(kbob.has(m.kbobId), `KBOB row ${m.kbobId} exists`).toBe(true);
  });

  it('every factor equals its KBOB row divided by the kg per KBOB unit', () => {
    for (const raw of rawRows) {
      const k = kbobRow(raw.kbob_id!);
      expect(raw.kbob_unit, raw.id).toBe(k.unit);
      const kgPerUnit = k.unit === 'kg' ? 1 : Number(raw.kbob_kg_per_unit);
      expect(kgPerUnit, raw.id).toBeGreaterThan(0);
      // Where KBOB states kg per unit (m2 rows), the conversion must use KBOB's own figure.
      if (k.unit !== 'kg' && Number(k.density_kg_per_unit) > 0)
        expect(kgPerUnit, raw.id).toBe(Number(k.density_kg_per_unit));
      const m = get(raw.id!);
      expect(m.gwpA1A3KgCo2ePerKg).toBeCloseTo(Number(k.gwp_production_kgco2e) / kgPerUnit, 3);
      expect(m.gwpC3C4KgCo2ePerKg).toBeCloseTo(Number(k.gwp_disposal_kgco2e) / kgPerUnit, 4);
      const source = raw.biogenic_source!;
      if (source === 'kbob') {
        expect(m.biogenicCarbonKgCPerKg, raw.id).toBeCloseTo(
          Number(k.biogenic_carbon_kgc || 0) / kgPerUnit,
          3,
        );
      } else if (source.startsWith('kbob:')) {
        expect(m.biogenicCarbonKgCPerKg, raw.id).toBeCloseTo(
          Number(kbobRow(source.slice(5)).biogenic_carbon_kgc),
          3,
        );
      } else {
        expect(source, raw.id).toBe('en16449');
        expect(raw.notes, raw.id).toMatch(/EN 16449/);
      }
      // KBOB's density is kept unless the row's note says why not.
      if (
        k.unit === 'kg' &&
        /^\d+(\.\d+)?$/.test(k.density_kg_per_unit!) &&
        m.densityKgPerM3 !== Number(k.density_kg_per_unit)
      ) {
        expect(raw.notes, `${raw.id} departs from KBOB density`).toMatch(/density/);
      }
    }
  });

  // Spot checks with the conversion written out by hand.
  it('concrete C30/37 is KBOB 01.002 Hochbaubeton per kg (DESIGN.md example 0.089 / 0.013)', () => {
    const k = kbobRow('01.002');
    expect(k.name_de).toMatch(/Hochbaubeton/);
    const m = get('concrete-c30-37');
    expect(m.gwpA1A3KgCo2ePerKg).toBe(Number(k.gwp_production_kgco2e));
    expect(m.gwpA1A3KgCo2ePerKg).toBeCloseTo(0.089, 3);
    expect(m.gwpC3C4KgCo2ePerKg).toBeCloseTo(0.013, 3);
    expect(m.densityKgPerM3).toBe(2300);
  });

  it('linoleum: KBOB gives kgCO2e per m² of 2.5 mm at 2.9 kg/m²', () => {
    const k = kbobRow('11.014');
    expect(k.unit).toBe('m2');
    const m = get('linoleum');
    expect(m.gwpA1A3KgCo2ePerKg).toBeCloseTo(Number(k.gwp_production_kgco2e) / 2.9, 3); // 5.84 / 2.9
    expect(m.gwpA1A3KgCo2ePerKg).toBeCloseTo(2.014, 2);
    expect(m.biogenicCarbonKgCPerKg).toBeCloseTo(1 / 2.9, 3);
    expect(m.densityKgPerM3).toBeCloseTo(2.9 / 0.0025, -1);
  });

  it('double glazing: KBOB per m², converted with 2 panes × 4 mm × 2 500 kg/m³', () => {
    const kgPerM2 = 2 * 0.004 * 2500;
    const k = kbobRow('05.001');
    const m = get('glazing-double');
    expect(m.gwpA1A3KgCo2ePerKg).toBeCloseTo(Number(k.gwp_production_kgco2e) / kgPerM2, 3);
    expect(m.gwpC3C4KgCo2ePerKg).toBeCloseTo(Number(k.gwp_disposal_kgco2e) / kgPerM2, 3);
    expect(m.densityKgPerM3).toBeCloseTo(kgPerM2 / 0.024, -1);
  });

  it('granite and PVC flooring: per-m² KBOB rows divided by their kg/m²', () => {
    const g = kbobRow('11.015');
    expect(get('stone-granite').gwpA1A3KgCo2ePerKg).toBeCloseTo(
      Number(g.gwp_production_kgco2e) / Number(g.density_kg_per_unit),
      3,
    );
    expect(get('stone-granite').gwpA1A3KgCo2ePerKg).toBeCloseTo(16.3 / 40.5, 3);
    const p = kbobRow('11.021');
    expect(get('pvc-flooring').gwpC3C4KgCo2ePerKg).toBeCloseTo(6.22 / 3.1, 3);
    expect(Number(p.gwp_disposal_kgco2e)).toBe(6.22);
  });

  it('timber carries biogenic carbon; glulam and CLT straight from KBOB', () => {
    expect(get('timber-glulam').biogenicCarbonKgCPerKg).toBe(
      Number(kbobRow('07.002').biogenic_carbon_kgc),
    );
    expect(get('timber-clt').biogenicCarbonKgCPerKg).toBe(0.449);
    // EN 16449: 0.5 kgC per kg of oven-dry wood; at 12 % moisture 0.5 / 1.12.
    expect(get('timber-structural-kvh').biogenicCarbonKgCPerKg).toBeCloseTo(0.5 / 1.12, 3);
    expect(get('steel-reinforcing').biogenicCarbonKgCPerKg).toBe(0);
    expect(get('steel-reinforcing').gwpA1A3KgCo2ePerKg).toBe(0.773);
  });

  it('strength classes map to KBOB concrete rows in cement-content order', () => {
    const a = (id: string) => get(id).gwpA1A3KgCo2ePerKg;
    expect(a('concrete-c12-15')).toBeLessThan(a('concrete-c25-30'));
    expect(a('concrete-c25-30')).toBeLessThan(a('concrete-c40-50'));
    for (const c of [
      'c12-15',
      'c16-20',
      'c20-25',
      'c25-30',
      'c30-37',
      'c35-45',
      'c40-50',
      'c45-55',
      'c50-60',
    ]) {
      expect(byId.has(`concrete-${c}`)).toBe(true);
    }
  });

  it('no normalised name or synonym points to two materials', () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const m of materials) {
      for (const s of new Set(
        [m.names.en, m.names.vi, m.names.nl, ...m.synonyms].map(normaliseMaterialName),
      )) {
        const prev = owner.get(s);
        if (prev !== undefined && prev !== m.id) clashes.push(`${s}: ${prev} / ${m.id}`);
        owner.set(s, m.id);
      }
    }
    expect(clashes).toEqual([]);
  });

  it('Vietnamese names use Vietnamese letters', () => {
    expect(get('brick-clay').names.vi).toBe('Gạch đất sét nung');
    expect(get('concrete-c30-37').names.vi).toBe('Bê tông C30/37');
    expect(get('steel-reinforcing').names.vi).toBe('Thép cốt bê tông');
  });
});

describe('parseMaterialsCsv errors', () => {
  const lines = csvText.trimEnd().split('\n');
  const header = lines[0]!;
  const firstRow = lines[1]!.split(',');
  const col = (name: string) => header.split(',').indexOf(name);
  const withCell = (name: string, value: string) => {
    const cells = [...firstRow];
    cells[col(name)] = value;
    return `${header}\n${lines[2]}\n${cells.join(',')}\n`;
  };
  const errorOf = (text: string) => {
    try {
      parseMaterialsCsv(text, 'data/materials.csv');
    } catch (e) {
      if (isMatbankError(e)) return e;
      throw e;
    }
    throw new Error('expected an error');
  };

  it('names file, line and column of a bad density', () => {
    const e = errorOf(withCell('density_kg_per_m3', 'heavy'));
    expect(e.message).toMatch(/^data\/materials\.csv line 3, column density_kg_per_m3: /);
    expect(e.details[0]?.path).toBe('data/materials.csv:3:density_kg_per_m3');
  });

  it('rejects end-of-life fractions that do not sum to 1', () => {
    const e = errorOf(withCell('eol_landfill', '0.5'));
    expect(e.message).toMatch(/line 3, column eol_landfill: end-of-life fractions sum to 1\.4/);
  });

  it('rejects a malformed EWC code and a duplicate id', () => {
    expect(errorOf(withCell('ewc_code', '17-01-01')).message).toMatch(/column ewc_code/);
    expect(errorOf(`${header}\n${lines[1]}\n${lines[1]}\n`).message).toMatch(
      /line 3, column id: duplicate id/,
    );
  });
});
