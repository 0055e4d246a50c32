/**
 * The material matcher on names in four languages and on the real material names of the
 * shared IFC sample models. Expected ids are chosen by reading the names, not by running
 * the matcher.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { materialLibrary } from '../../src/core/materials.ts';
import {
  matchMaterial,
  normaliseMaterialName,
  parseStrengthClass,
} from '../../src/core/match/index.ts';
import { loadMaterialLibrary } from '../../src/reference/index.ts';

const lib = loadMaterialLibrary();
const idOf = (name: string, opts?: Parameters<typeof matchMaterial>[2]) =>
  matchMaterial(name, lib, opts).materialId;

describe('normaliseMaterialName', () => {
  it.each([
    ['Bê tông C30/37', 'be tong c30/37'],
    ['Gạch đất sét nung', 'gach dat set nung'],
    ['ĐÁ DĂM', 'da dam'],
    ['Nußholz', 'nussholz'],
    ['Kiefer, glänzend', 'kiefer glanzend'],
    ['CONCRETE/C45/55', 'concrete c45/55'],
    ['Beton C 25 / 30', 'beton c25/30'],
    ['Concrete (1)', 'concrete'],
    ['Gipskartonplatte 12,5 mm', 'gipskartonplatte'],
    ['Brick 200mm', 'brick'],
    ['Metal - Steel - 345 MPa', 'metal steel'],
    ['wood_mdf_plate', 'wood mdf plate'],
    [
      '  Insulation / Thermal Barriers - Rigid insulation ',
      'insulation thermal barriers rigid insulation',
    ],
  ])('%s → %s', (input, expected) => {
    expect(normaliseMaterialName(input)).toBe(expected);
  });

  it('decodes nothing else: an IFC escape stays literal', () => {
    expect(normaliseMaterialName('Fl\\X2\\00E4\\X0\\che')).toBe('fl x2 00e4 x0 che');
  });
});

describe('parseStrengthClass', () => {
  it('reads EN 206 classes and ignores non-classes', () => {
    expect(parseStrengthClass('CONCRETE/C45/55')).toEqual({
      lightweight: false,
      fckCylinderNPerMm2: 45,
      fckCubeNPerMm2: 55,
    });
    expect(parseStrengthClass('LC25/28')?.lightweight).toBe(true);
    expect(parseStrengthClass('C37/30')).toBeUndefined(); // cube below cylinder: not a class
    expect(parseStrengthClass('Steel S355')).toBeUndefined();
  });
});

describe('matchMaterial: languages', () => {
  it.each([
    // English
    ['Concrete C30/37', 'concrete-c30-37'],
    ['CONCRETE/C45/55', 'concrete-c45-55'],
    ['concrete - cast-in-place C20/25', 'concrete-c20-25'],
    ['Reinforcing steel', 'steel-reinforcing'],
    ['Glass wool 100 mm', 'glass-wool'],
    ['Calcium silicate', 'calcium-silicate'],
    // Dutch
    ['Beton C25/30', 'concrete-c25-30'],
    ['Kalkzandsteen', 'calcium-silicate'],
    ['Baksteen', 'brick-clay'],
    ['Wapeningsstaal B500B', 'steel-reinforcing'],
    ['Gipsplaat (gipskartonplaat)', 'gypsum-board'],
    ['Steenwol', 'stone-wool'],
    ['Betondakpan', 'roof-tile-concrete'],
    // German
    ['Stahlbeton C30/37 XC4', 'concrete-c30-37'],
    ['Mauerziegel', 'brick-clay'],
    ['Porenbetonsteinwand', 'aac'],
    ['Kalksandsteinmauerwerk', 'calcium-silicate'],
    ['Gipskartonplatte 12,5 mm (1)', 'gypsum-board'],
    ['Mineralwolle 160mm', 'stone-wool'],
    ['Brettschichtholz GL24h', 'timber-glulam'],
    // Vietnamese
    ['Bê tông B30', 'concrete-c25-30'],
    ['bê tông C30/37', 'concrete-c30-37'],
    ['Gạch đặc đất sét nung', 'brick-clay-solid-vn'],
    ['Gạch rỗng 2 lỗ', 'brick-clay-hollow-vn'],
    ['Cốt thép', 'steel-reinforcing'],
    ['Thép CB400-V', 'steel-reinforcing'],
    ['Kính hộp', 'glazing-double'],
    ['Tấm thạch cao 12.7mm', 'gypsum-board'],
    ['Gạch bê tông khí chưng áp (AAC)', 'aac'],
    ['Ngói đất sét nung', 'roof-tile-clay'],
    ['Đất đắp', 'earth-soil'],
    ['Cát vàng', 'sand'],
  ])('%s → %s', (name, expected) => {
    expect(idOf(name)).toBe(expected);
  });

  it('reports how it matched, with falling confidence', () => {
    expect(matchMaterial('concrete-c30-37', lib)).toEqual({
      materialId: 'concrete-c30-37',
      confidence: 1,
      via: 'id',
    });
    expect(matchMaterial('Beton C30/37', lib)).toEqual({
      materialId: 'concrete-c30-37',
      confidence: 0.95,
      via: 'name',
    });
    expect(matchMaterial('Stahlbeton', lib)).toMatchObject({
      materialId: 'concrete-unspecified',
      via: 'synonym',
      confidence: 0.9,
    });
    const token = matchMaterial('Kiefer, glänzend', lib);
    expect(token).toMatchObject({ materialId: 'timber-softwood', via: 'token' });
    if (token.materialId !== undefined) {
      expect(token.confidence).toBeLessThan(0.9);
      expect(token.confidence).toBeGreaterThanOrEqual(0.5);
    }
  });

  it('rejects names that are not materials, with a reason', () => {
    for (const name of [
      'Default',
      'virtual_black',
      'Misc. Air Layers - Air Space',
      'Solid 397409098',
      '',
      '(1)',
    ]) {
      const m = matchMaterial(name, lib);
      expect(m.materialId, name).toBeUndefined();
      if (m.materialId === undefined) expect(m.reason.length).toBeGreaterThan(0);
    }
  });
});

describe('matchMaterial: steel grades as models write them', () => {
  it.each([
    ['S355J2', 'steel-structural'],
    ['S235JR', 'steel-structural'],
    ['S355J2H', 'steel-structural'],
    ['STEEL/S275J0', 'steel-structural'],
    ['A500 GR.B', 'steel-structural'],
    ['A992', 'steel-structural'],
    ['Thép SS400', 'steel-structural'],
    ['BSt 500 S', 'steel-reinforcing'],
    ['B500C', 'steel-reinforcing'],
    ['Thép CB400-V', 'steel-reinforcing'],
    ['Thép SD390', 'steel-reinforcing'],
  ])('%s → %s', (name, id) => expect(idOf(name)).toBe(id));

  it('a grade suffix is letters after the code, not more digits', () => {
    // "S3550" is not S355 with a suffix; nothing else in the name says steel.
    expect(idOf('S3550')).toBeUndefined();
  });
});

describe('matchMaterial: overrides', () => {
  it('checks the mapping table first, with keys normalised', () => {
    const overrides = {
      'solid 397409098': 'timber-softwood',
      'Concrete - Cast In Situ': 'concrete-c35-45',
    };
    expect(matchMaterial('Solid 397409098', lib, { overrides })).toEqual({
      materialId: 'timber-softwood',
      confidence: 1,
      via: 'override',
    });
    expect(idOf('CONCRETE - CAST IN SITU', { overrides })).toBe('concrete-c35-45');
    const bad = matchMaterial('Solid 397409098', lib, {
      overrides: { 'solid 397409098': 'unobtainium' },
    });
    expect(bad.materialId).toBeUndefined();
    if (bad.materialId === undefined) expect(bad.reason).toMatch(/unobtainium/);
  });
});

describe('matchMaterial: density check', () => {
  it('ignores an unknown density (IFC placeholders of 0)', () => {
    expect(matchMaterial('Brick', lib, { densityKgPerM3: 0 })).toEqual(matchMaterial('Brick', lib));
  });

  it('keeps a plausible density at full confidence and lowers it for a doubtful one', () => {
    const ok = matchMaterial('Concrete C30/37', lib, { densityKgPerM3: 2400 });
    expect(ok).toMatchObject({ materialId: 'concrete-c30-37', confidence: 0.95 });
    const doubtful = matchMaterial('Concrete C30/37', lib, { densityKgPerM3: 1300 }); // 2300/1300 = 1.77
    expect(doubtful.materialId).toBe('concrete-c30-37');
    if (doubtful.materialId !== undefined) expect(doubtful.confidence).toBeLessThan(0.95);
  });

  it('rejects a density more than 2× off, naming both densities', () => {
    const m = matchMaterial('Steel', lib, { densityKgPerM3: 2400 });
    expect(m.materialId).toBeUndefined();
    if (m.materialId === undefined) expect(m.reason).toMatch(/2400 kg\/m³.*7850 kg\/m³/);
    expect(idOf('Glass wool', { densityKgPerM3: 2500 })).toBeUndefined();
  });

  it('picks the family member whose density fits (same category and waste code)', () => {
    // "Brick" is a solid brick (1 800 kg/m³); at 700 kg/m³ it is a perforated block (900).
    expect(idOf('Brick', { densityKgPerM3: 700 })).toBe('brick-clay-perforated');
  });

  it('keeps an override even with an implausible density, at lower confidence', () => {
    const m = matchMaterial('X', lib, {
      overrides: { x: 'steel-structural' },
      densityKgPerM3: 100,
    });
    expect(m).toMatchObject({ materialId: 'steel-structural', via: 'override' });
    if (m.materialId !== undefined) expect(m.confidence).toBeLessThan(1);
  });
});

describe('matchMaterial: pure and library-agnostic', () => {
  it('works on any library passed in', () => {
    const tiny = materialLibrary([
      { ...lib.get('timber-glulam')!, id: 'my-glulam', synonyms: ['BSH'] },
    ]);
    expect(matchMaterial('BSH', tiny).materialId).toBe('my-glulam');
    expect(matchMaterial('Beton C30/37', tiny).materialId).toBeUndefined();
  });
});

// ------------------------------------------------------------------------------------
// Real names from the shared IFC models. The IFC parser decodes \X2\ escapes, so the
// decoded forms are what the matcher sees; this test decodes them the same way.

/** Decodes ISO 10303-21 \X2\hhhh…\X0\ (UCS-2) escapes, as the IFC importer does. */
function decodeStepString(s: string): string {
  return s.replace(/\\X2\\((?:[0-9A-F]{4})+)\\X0\\/g, (_m, hex: string) =>
    String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16))),
  );
}

function ifcMaterialNames(file: string): string[] {
  const text = readFileSync(new URL(`../../../shared/data/ifc/${file}`, import.meta.url), 'latin1');
  return [
    ...new Set(
      [...text.matchAll(/IFCMATERIAL\('((?:[^']|'')*)'/g)].map((m) =>
        decodeStepString(m[1]!.replace(/''/g, "'")),
      ),
    ),
  ];
}

/** Expected mapping of every IfcMaterial name in the sample models; null = not a material. */
const IFC_EXPECTED: Record<string, string | null> = {
  // AC20-FZK-Haus.ifc (ArchiCAD, German)
  Holz: 'timber-softwood',
  'Leichtbeton 102890359': 'concrete-lightweight',
  'Stahlbeton 65690': 'concrete-unspecified',
  'Radial Gradient Fill 1515460218': null,
  'Solid 397409098': null,
  Solid: null,
  // Building-Architecture.ifc / Building-Structural.ifc
  Default: null,
  'bulk-material_sand-coarse_generic': 'sand',
  composite_element_roof: null,
  'concrete_reinforced_in-situ': 'concrete-unspecified',
  'gypsum_fiber-board_panel': 'gypsum-fibre-board',
  'stone_sand-lime': 'calcium-silicate',
  virtual_black: null,
  virtual_white: null,
  wood_mdf_plate: 'mdf',
  'metal_steel-galvanized': 'steel-sheet-galvanised',
  wood_spruce_beam: 'timber-softwood',
  // IfcOpenHouse_IFC4.ifc
  Brick: 'brick-clay',
  // duplex.ifc (Revit, English)
  'Ceramic Tile': 'ceramic-tile',
  'Concrete - Cast In Situ': 'concrete-unspecified',
  Concrete: 'concrete-unspecified',
  'Insulation / Thermal Barriers - Rigid insulation': 'xps',
  'Insulation / Thermal Barriers - Semi-rigid insulation': 'stone-wool',
  'Masonry - Brick': 'brick-clay',
  'Masonry - Concrete Block': 'concrete-block',
  'Masonry - Grout': 'mortar-cement',
  'Metal - Steel - 345 MPa': 'steel-structural',
  'Metal - Stud Layer': 'steel-sheet-galvanised',
  'Misc. Air Layers - Air Space': null,
  Plasterboard: 'gypsum-board',
  'Roofing - Barrier': 'bitumen-membrane',
  'Roofing - EPDM Membrane': 'epdm-membrane',
  'Site - Grass': 'earth-soil',
  'Wood - Dimensional Lumber': 'timber-softwood',
  'Wood - Flooring': 'parquet',
  'Wood - Sheathing - plywood': 'plywood',
};

describe('matchMaterial: IFC sample models', () => {
  const files = [
    'AC20-FZK-Haus.ifc',
    'Building-Architecture.ifc',
    'Building-Structural.ifc',
    'IfcOpenHouse_IFC4.ifc',
    'duplex.ifc',
  ];
  const names = files.flatMap(ifcMaterialNames);

  it('the expectation table covers every IfcMaterial name in the models', () => {
    expect(names.length).toBeGreaterThan(30);
    expect(names.filter((n) => !(n in IFC_EXPECTED))).toEqual([]);
  });

  it.each(Object.entries(IFC_EXPECTED))('%s → %s', (name, expected) => {
    expect(idOf(name) ?? null).toBe(expected);
  });

  it('matches decoded German surface-material labels of FZK-Haus', () => {
    const text = readFileSync(
      new URL('../../../shared/data/ifc/AC20-FZK-Haus.ifc', import.meta.url),
      'latin1',
    );
    const label = decodeStepString(
      /IFCLABEL\('(Kiefer, gl\\X2\\00E4\\X0\\nzend)'\)/.exec(text)![1]!,
    );
    expect(label).toBe('Kiefer, glänzend');
    expect(idOf(label)).toBe('timber-softwood');
    expect(idOf(decodeStepString('Nu\\X2\\00DF\\X0\\holz'))).toBe('timber-hardwood');
    expect(idOf('Ziegel')).toBe('brick-clay');
    expect(idOf('Kupfer')).toBe('copper-sheet');
    expect(idOf('Leichtbeton 102890359 0.24')).toBe('concrete-lightweight'); // layer-set name with thickness
  });
});
