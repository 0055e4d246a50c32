import { describe, expect, it } from 'vitest';
import { importSpreadsheet } from '../../src/ifc/spreadsheet/index.ts';
import { csvText, xlsxWith } from './helpers.ts';
import { synonymMatch, testLibrary } from './fixtures.ts';

const opts = { library: testLibrary, match: synonymMatch, fileName: 'wall.xlsx' };

describe('mass from volume × density', () => {
  it('explicit density wins over the library; library density when none is given', async () => {
    const bytes = await xlsxWith({
      building: { 'building.ref': 'HN-3' },
      elements: [{ id: 'e-1', name: 'Cột', layer: 'structure' }],
      materials: [
        { elementId: 'e-1', materialId: 'concrete-c30-37', volumeM3: 0.25, densityKgPerM3: 2500 },
        { elementId: 'e-1', name: 'Thép', volumeM3: '0,1' },
        { elementId: 'e-1', name: 'Thép', massKg: 40, volumeM3: 0.01, densityKgPerM3: 7850 },
      ],
    });
    const { passport, report } = await importSpreadsheet(bytes, 'xlsx', opts);
    const [explicit, fromLibrary, declared] = passport.elements[0]!.materials;
    expect(explicit!.massKg).toBe(0.25 * 2500);
    expect(explicit!.massSource).toBe('netVolume');
    expect(explicit!.densityKgPerM3).toBe(2500);
    // "Thép" is matched to steel-s235 by name, and its library density 7850 kg/m³ is used.
    expect(fromLibrary!.materialId).toBe('steel-s235');
    expect(fromLibrary!.massKg).toBe(0.1 * 7850);
    expect(fromLibrary!.densityKgPerM3).toBeUndefined(); // the library's value is not copied in
    expect(declared!.massKg).toBe(40);
    expect(declared!.massSource).toBe('declared');

    const total = 0.25 * 2500 + 0.1 * 7850 + 40;
    expect(report.mass.totalKg).toBeCloseTo(total, 9);
    expect(report.mass.bySourceKg).toEqual({ netVolume: 0.25 * 2500 + 0.1 * 7850, declared: 40 });
    expect(report.mass.measuredShare).toBeCloseTo(40 / total, 12);
    expect(report.mass.derivedShare).toBeCloseTo((total - 40) / total, 12);
    const codes = report.warnings.map((w) => w.code);
    expect(codes).toContain('DENSITY_FROM_LIBRARY');
    // 40 kg declared vs 0.01 m³ × 7850 = 78.5 kg: more than 10 % apart.
    const mismatch = report.warnings.find((w) => w.code === 'MASS_VOLUME_MISMATCH');
    expect(mismatch?.message).toContain('Materials row 5');
    expect(mismatch?.element).toEqual({ id: 'e-1', name: 'Cột' });
  });

  it('csv: volume × density per row', async () => {
    const text = csvText(
      [
        'building.ref',
        'element.id',
        'element.layer',
        'material.name',
        'material.volumeM3',
        'material.densityKgPerM3',
      ],
      [['HN-4', 'e-1', 'skin', 'Gạch', '1,2', '1800']],
      ';',
    );
    const { passport } = await importSpreadsheet(text, 'csv', opts);
    expect(passport.elements[0]!.materials[0]!.massKg).toBe(1.2 * 1800);
  });
});

describe('import report', () => {
  it('counts, missing materials and quantities, unmatched names with their mass share, warnings naming the element', async () => {
    const bytes = await xlsxWith({
      building: { 'building.ref': 'HN-5' },
      elements: [
        { id: 'e-1', name: 'Tường', layer: 'skin', ifcGlobalId: 'G1' },
        { id: 'e-2', name: 'Cửa', layer: 'skin' },
        { id: 'e-3', layer: 'structure' },
      ],
      materials: [
        { elementId: 'e-1', name: 'Gạch đặc', massKg: 300 },
        { elementId: 'e-1', name: 'Gạch đặc', massKg: 100 },
        { elementId: 'e-1', name: 'Thép', massKg: 600 },
        { elementId: 'e-3', name: 'Vữa lạ', volumeM3: 2 },
      ],
    });
    const { report } = await importSpreadsheet(bytes, 'xlsx', opts);
    expect(report.source).toEqual({ kind: 'xlsx', file: 'wall.xlsx' });
    // distinct materials: "gạch đặc" (by name), steel-s235 (matched), "vữa lạ" (by name)
    expect(report.counts).toEqual({ elements: 3, materialUses: 4, materials: 3 });
    expect(report.mass.totalKg).toBe(1000);
    expect(report.mass.measuredShare).toBe(1);
    expect(report.elementsWithoutMaterial).toEqual([{ id: 'e-2', name: 'Cửa' }]);
    expect(report.elementsWithoutQuantity).toEqual([{ id: 'e-3' }]);
    expect(report.unmatchedMaterials).toEqual([
      { name: 'Gạch đặc', massKg: 400, massShare: 0.4, uses: 2, reason: 'no synonym matches' },
      { name: 'Vữa lạ', massKg: 0, massShare: 0, uses: 1, reason: 'no synonym matches' },
    ]);
    const noQty = report.warnings.find((w) => w.code === 'NO_QUANTITY');
    expect(noQty?.element).toEqual({ id: 'e-3' });
    expect(noQty?.message).toContain('a volume but no density');
    const noMat = report.warnings.find((w) => w.code === 'NO_MATERIAL');
    expect(noMat?.message).toBe('element "e-2" (Cửa) has no material');
    const unmatched = report.warnings.filter((w) => w.code === 'UNMATCHED_MATERIAL');
    expect(unmatched).toHaveLength(3);
    expect(unmatched[0]?.message).toMatch(
      /^Materials row 3: element "e-1" \(Tường\): material "Gạch đặc"/,
    );
    expect(unmatched[0]?.element).toEqual({ id: 'e-1', name: 'Tường', ifcGlobalId: 'G1' });
    expect(report.durationMs).toBeGreaterThan(0);
  });

  it('a low-confidence match is kept and flagged; an override is passed to the matcher', async () => {
    const seen: unknown[] = [];
    const fuzzy = (name: string, _lib: unknown, o?: { overrides?: Record<string, string> }) => {
      seen.push(o?.overrides);
      return { materialId: 'concrete-c30-37', confidence: 0.55, via: 'fuzzy' };
    };
    const bytes = await xlsxWith({
      building: { 'building.ref': 'HN-6' },
      elements: [{ id: 'e-1', layer: 'structure' }],
      materials: [{ elementId: 'e-1', name: 'betong', massKg: 1 }],
    });
    const overrides = { betong: 'concrete-c30-37' };
    const { passport, report } = await importSpreadsheet(bytes, 'xlsx', {
      library: testLibrary,
      match: fuzzy,
      overrides,
    });
    expect(passport.elements[0]!.materials[0]!.materialId).toBe('concrete-c30-37');
    expect(report.warnings.map((w) => w.code)).toContain('LOW_CONFIDENCE_MATCH');
    expect(seen).toEqual([overrides]);
  });

  it('a materialId the library does not know is kept, warned about and listed as unmatched', async () => {
    const bytes = await xlsxWith({
      building: { 'building.ref': 'HN-7' },
      elements: [{ id: 'e-1', layer: 'structure' }],
      materials: [{ elementId: 'e-1', materialId: 'unobtainium', massKg: 5 }],
    });
    const { passport, report } = await importSpreadsheet(bytes, 'xlsx', opts);
    expect(passport.elements[0]!.materials[0]!.materialId).toBe('unobtainium');
    expect(report.warnings.map((w) => w.code)).toContain('UNKNOWN_MATERIAL_ID');
    expect(report.unmatchedMaterials[0]).toMatchObject({
      name: 'unobtainium',
      massKg: 5,
      massShare: 1,
    });
  });
});

describe('with the shipped materials library and matcher (the defaults)', () => {
  it('a Vietnamese name is matched and its library density gives the mass', async () => {
    // The density is read here from the data file itself, not from the library loader.
    const { readFileSync } = await import('node:fs');
    const rows = readFileSync(new URL('../../data/materials.csv', import.meta.url), 'utf8').split(
      '\n',
    );
    const header = rows[0]!.split(',');
    const concrete = rows.find((r) => r.startsWith('concrete-c30-37,'))!.split(',');
    const densityKgPerM3 = Number(concrete[header.indexOf('density_kg_per_m3')]);
    const text = csvText(
      ['building.ref', 'element.id', 'element.layer', 'material.name', 'material.volumeM3'],
      [['HN-8', 'e-1', 'structure', 'Bê tông C30/37', '2,5']],
      ';',
    );
    const { passport, report } = await importSpreadsheet(text, 'csv');
    const m = passport.elements[0]!.materials[0]!;
    expect(m.materialId).toBe('concrete-c30-37');
    expect(m.massKg).toBe(2.5 * densityKgPerM3);
    expect(report.mass.derivedShare).toBe(1);
    expect(report.unmatchedMaterials).toEqual([]);
  });
});
