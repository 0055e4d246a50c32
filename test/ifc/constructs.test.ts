/**
 * General IFC constructs absent from the sample models, each in a small hand-written STEP
 * file: material layer sets on types, constituent sets (with and without fractions, with
 * per-constituent complex quantities), IFC2X3 material lists and base quantities, quantities
 * with their own units, IFC4X3 infrastructure and reinforcement, aggregation, material
 * densities, elements without material. Every expected volume and mass is computed here
 * from the numbers written into the STEP text and the densities of the test library.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { ImportReport } from '../../src/core/import-report.ts';
import { materialLibrary } from '../../src/core/materials.ts';
import type { Element, Passport } from '../../src/core/passport/schema.ts';
import { validatePassport } from '../../src/core/passport/validate.ts';
import { closeIfcImporter, importIfc } from '../../src/ifc/index.ts';
import { testMaterial } from './library.ts';

afterAll(() => closeIfcImporter());

const DENSITY = {
  brick: 1800,
  wool: 30,
  concrete: 2400,
  steel: 7850,
  rebar: 7850,
  glass: 2500,
  aluminium: 2700,
  asphalt: 2300,
  gravel: 1800,
  timber: 500,
  elastomer: 1200,
} as const;
type Mat = keyof typeof DENSITY;
const lm = (id: Mat, en: string, synonyms: string[] = []) =>
  testMaterial({ id, en, densityKgPerM3: DENSITY[id], category: id, synonyms });
const library = materialLibrary([
  lm('brick', 'Brick'),
  lm('wool', 'Mineral wool'),
  lm('concrete', 'Concrete'),
  lm('steel', 'Steel'),
  lm('rebar', 'Reinforcing steel', ['rebar', 'reinforcing steel']),
  lm('glass', 'Glass'),
  lm('aluminium', 'Aluminium'),
  lm('asphalt', 'Asphalt'),
  lm('gravel', 'Gravel'),
  lm('timber', 'Timber'),
  lm('elastomer', 'Elastomer'),
]);

type Schema = 'IFC2X3' | 'IFC4' | 'IFC4X3_ADD2';
let guidN = 0;
/** A fresh 22-character GlobalId. */
const g = () => `'${String(++guidN).padStart(22, '0')}'`;

/**
 * A minimal valid IFC file around `body` (entity lines with ids ≥ 100): header, owner
 * history #5, units (metre, m², m³, kg unless `units` replaces #10–#14), project #20,
 * site #21, building #22, storey #23 ('Level 0'), and a containment of `contained` in it.
 */
function ifcFile(
  schema: Schema,
  body: string[],
  contained: number[],
  units: string[] = [
    `#10=IFCSIUNIT(*,.LENGTHUNIT.,$,.METRE.);`,
    `#11=IFCSIUNIT(*,.AREAUNIT.,$,.SQUARE_METRE.);`,
    `#12=IFCSIUNIT(*,.VOLUMEUNIT.,$,.CUBIC_METRE.);`,
    `#13=IFCSIUNIT(*,.MASSUNIT.,.KILO.,.GRAM.);`,
  ],
): string {
  const unitIds = units.map((u) => /^#(\d+)=/.exec(u)![1]).map((i) => `#${i}`);
  const head = [
    'ISO-10303-21;',
    'HEADER;',
    "FILE_DESCRIPTION(('ViewDefinition [CoordinationView]'),'2;1');",
    "FILE_NAME('t.ifc','2026-01-01T00:00:00',('t'),('t'),'t','t','');",
    `FILE_SCHEMA(('${schema}'));`,
    'ENDSEC;',
    'DATA;',
    `#1=IFCPERSON($,'Tester',$,$,$,$,$,$);`,
    `#2=IFCORGANIZATION($,'matbank',$,$,$);`,
    `#3=IFCPERSONANDORGANIZATION(#1,#2,$);`,
    `#4=IFCAPPLICATION(#2,'1','constructs test','ct');`,
    `#5=IFCOWNERHISTORY(#3,#4,$,.ADDED.,$,$,$,1767225600);`,
    `#6=IFCCARTESIANPOINT((0.,0.,0.));`,
    `#7=IFCAXIS2PLACEMENT3D(#6,$,$);`,
    `#8=IFCGEOMETRICREPRESENTATIONCONTEXT($,'Model',3,1.E-05,#7,$);`,
    `#9=IFCLOCALPLACEMENT($,#7);`,
    ...units,
    `#19=IFCUNITASSIGNMENT((${unitIds.join(',')}));`,
    `#20=IFCPROJECT(${g()},#5,'Project',$,$,$,$,(#8),#19);`,
    `#21=IFCSITE(${g()},#5,'Site',$,$,#9,$,$,.ELEMENT.,$,$,$,$,$);`,
    `#22=IFCBUILDING(${g()},#5,'Building',$,$,#9,$,$,.ELEMENT.,$,$,$);`,
    `#23=IFCBUILDINGSTOREY(${g()},#5,'Level 0',$,$,#9,$,$,.ELEMENT.,0.);`,
    `#24=IFCRELAGGREGATES(${g()},#5,$,$,#20,(#21));`,
    `#25=IFCRELAGGREGATES(${g()},#5,$,$,#21,(#22));`,
    `#26=IFCRELAGGREGATES(${g()},#5,$,$,#22,(#23));`,
  ];
  const tail = [
    `#99=IFCRELCONTAINEDINSPATIALSTRUCTURE(${g()},#5,$,$,(${contained.map((c) => `#${c}`).join(',')}),#23);`,
    'ENDSEC;',
    'END-ISO-10303-21;',
  ];
  return [...head, ...body, ...tail].join('\n') + '\n';
}

async function run(text: string): Promise<{ passport: Passport; report: ImportReport }> {
  const out = await importIfc(new TextEncoder().encode(text), {
    library,
    fileName: 'constructs.ifc',
    geometry: false,
    importedAt: '2026-01-01T00:00:00.000Z',
  });
  expect(validatePassport(out.passport).ok).toBe(true);
  return out;
}

const byName = (p: Passport, name: string): Element => {
  const e = p.elements.find((x) => x.name === name);
  if (!e) throw new Error(`no element ${name} in ${p.elements.map((x) => x.name).join(', ')}`);
  return e;
};
/** Equal within `rel` and the importer's rounding of volumes (to 1 mm³, 1e-9 m³). */
const close = (a: number | undefined, b: number, rel = 1e-6, abs = 1e-9) => {
  expect(a).toBeDefined();
  expect(Math.abs(a! - b)).toBeLessThanOrEqual(Math.abs(b) * rel + abs);
};
/** Masses are rounded to 1 g. */
const closeKg = (a: number | undefined, b: number) => close(a, b, 1e-6, 5e-4);
const codesFor = (r: ImportReport, name: string) =>
  r.warnings.filter((w) => w.element?.name === name).map((w) => w.code);
/** One-quantity helpers: an IfcElementQuantity `qset` with the given quantity lines. */
const q = {
  area: (id: number, name: string, v: number, unit = '$') =>
    `#${id}=IFCQUANTITYAREA('${name}',$,${unit},${v},$);`,
  vol: (id: number, name: string, v: number, unit = '$') =>
    `#${id}=IFCQUANTITYVOLUME('${name}',$,${unit},${v},$);`,
  len: (id: number, name: string, v: number, unit = '$') =>
    `#${id}=IFCQUANTITYLENGTH('${name}',$,${unit},${v},$);`,
  wt: (id: number, name: string, v: number, unit = '$') =>
    `#${id}=IFCQUANTITYWEIGHT('${name}',$,${unit},${v},$);`,
};
const qset = (id: number, name: string, quantities: number[], method = '$') =>
  `#${id}=IFCELEMENTQUANTITY(${g()},#5,'${name}',$,${method},(${quantities.map((x) => `#${x}`).join(',')}));`;
const defines = (id: number, objects: number[], def: number) =>
  `#${id}=IFCRELDEFINESBYPROPERTIES(${g()},#5,$,$,(${objects.map((x) => `#${x}`).join(',')}),#${def});`;
const associates = (id: number, objects: number[], mat: number) =>
  `#${id}=IFCRELASSOCIATESMATERIAL(${g()},#5,$,$,(${objects.map((x) => `#${x}`).join(',')}),#${mat});`;

// ---------------------------------------------------------------------------------------

describe('1. layer set on the type, usage on the occurrence', () => {
  it('an occurrence with a usage and one without any association both get layer × NetSideArea', async () => {
    const brickT = 0.1;
    const woolT = 0.08;
    const areaA = 12.5;
    const areaB = 7;
    const { passport, report } = await run(
      ifcFile(
        'IFC4',
        [
          `#100=IFCMATERIAL('Brick',$,$);`,
          `#101=IFCMATERIAL('Mineral wool',$,$);`,
          `#102=IFCMATERIALLAYER(#100,${brickT},.F.,'Outer leaf',$,$,$);`,
          `#103=IFCMATERIALLAYER(#101,${woolT},.F.,'Insulation',$,$,$);`,
          `#104=IFCMATERIALLAYERSET((#102,#103),'Cavity wall',$);`,
          `#105=IFCMATERIALLAYERSETUSAGE(#104,.AXIS2.,.POSITIVE.,0.,$);`,
          `#110=IFCWALLTYPE(${g()},#5,'Cavity wall 180',$,$,$,$,$,$,.STANDARD.);`,
          associates(111, [110], 104),
          `#120=IFCWALL(${g()},#5,'Wall A',$,$,$,$,$,.STANDARD.);`,
          `#121=IFCWALL(${g()},#5,'Wall B',$,$,$,$,$,.STANDARD.);`,
          `#122=IFCRELDEFINESBYTYPE(${g()},#5,$,$,(#120,#121),#110);`,
          associates(123, [120], 105),
          q.area(130, 'NetSideArea', areaA),
          q.area(131, 'GrossSideArea', areaA + 2),
          qset(132, 'Qto_WallBaseQuantities', [130, 131]),
          defines(133, [120], 132),
          q.area(134, 'NetSideArea', areaB),
          qset(135, 'Qto_WallBaseQuantities', [134]),
          defines(136, [121], 135),
        ],
        [120, 121],
      ),
    );
    for (const [name, area] of [
      ['Wall A', areaA],
      ['Wall B', areaB],
    ] as const) {
      const w = byName(passport, name);
      expect(w.product?.name).toBe('Cavity wall 180');
      expect(w.storey).toBe('Level 0');
      expect(w.materials.map((m) => m.name)).toEqual(['Brick', 'Mineral wool']);
      const [brick, wool] = w.materials;
      close(brick!.volumeM3, brickT * area);
      closeKg(brick!.massKg, brickT * area * DENSITY.brick);
      close(wool!.volumeM3, woolT * area);
      closeKg(wool!.massKg, woolT * area * DENSITY.wool);
      expect(brick!.massSource).toBe('layerThickness');
      expect(brick!.thicknessM).toBe(brickT);
    }
    expect(report.elementsWithoutMaterial).toEqual([]);
  });
});

describe('8. a layer set usage whose layers include a NULL material', () => {
  it('keeps the unspecified layer (no mass), drops a ventilated one as air, splits by thickness', async () => {
    const concreteT = 0.2;
    const unknownT = 0.05;
    const airT = 0.04;
    const area = 10;
    const { passport, report } = await run(
      ifcFile(
        'IFC4',
        [
          `#100=IFCMATERIAL('Concrete',$,$);`,
          `#101=IFCMATERIALLAYER(#100,${concreteT},.F.,'Core',$,$,$);`,
          `#102=IFCMATERIALLAYER($,${unknownT},.F.,$,$,$,$);`,
          `#103=IFCMATERIALLAYER($,${airT},.T.,$,$,$,$);`,
          `#104=IFCMATERIALLAYERSET((#101,#102,#103),'Wall with gap',$);`,
          `#105=IFCMATERIALLAYERSETUSAGE(#104,.AXIS2.,.POSITIVE.,0.,$);`,
          `#120=IFCWALL(${g()},#5,'Gap wall',$,$,$,$,$,.STANDARD.);`,
          associates(121, [120], 105),
          q.area(130, 'NetSideArea', area),
          qset(131, 'Qto_WallBaseQuantities', [130]),
          defines(132, [120], 131),
          // Same set, but the element has a volume: shares by thickness over all three layers.
          `#140=IFCWALL(${g()},#5,'Gap wall by volume',$,$,$,$,$,.STANDARD.);`,
          associates(141, [140], 105),
          q.vol(142, 'NetVolume', 2.9),
          qset(143, 'Qto_WallBaseQuantities', [142]),
          defines(144, [140], 143),
        ],
        [120, 140],
      ),
    );
    const w = byName(passport, 'Gap wall');
    expect(w.materials.length).toBe(2);
    const [concrete, unknown] = w.materials;
    expect(concrete!.name).toBe('Concrete');
    closeKg(concrete!.massKg, concreteT * area * DENSITY.concrete);
    expect(unknown!.name).toMatch(/unspecified/i);
    close(unknown!.volumeM3, unknownT * area);
    expect(unknown!.massKg).toBeUndefined();
    expect(unknown!.materialId).toBeUndefined();
    const codes = report.warnings.map((x) => x.code);
    expect(codes).toContain('AIR_LAYER');

    const v = byName(passport, 'Gap wall by volume');
    const total = concreteT + unknownT + airT;
    close(v.materials[0]!.volumeM3, (2.9 * concreteT) / total);
    closeKg(v.materials[0]!.massKg, ((2.9 * concreteT) / total) * DENSITY.concrete);
    close(v.materials[1]!.volumeM3, (2.9 * unknownT) / total);
    expect(v.materials.length).toBe(2);
  });
});

describe('2. constituent sets', () => {
  const frameM = `#100=IFCMATERIAL('Aluminium',$,$);`;
  const glassM = `#101=IFCMATERIAL('Glass',$,$);`;
  const win = (id: number, name: string) =>
    `#${id}=IFCWINDOW(${g()},#5,'${name}',$,$,$,$,$,1.2,1.0,.WINDOW.,.SINGLE_PANEL.,$);`;

  it('without fractions: materials listed, no split, no mass; with fractions: split by fraction', async () => {
    const vol2 = 0.05;
    const vol3 = 0.05;
    const { passport, report } = await run(
      ifcFile(
        'IFC4',
        [
          frameM,
          glassM,
          `#102=IFCMATERIALCONSTITUENT('Frame',$,#100,$,$);`,
          `#103=IFCMATERIALCONSTITUENT('Glazing',$,#101,$,$);`,
          `#104=IFCMATERIALCONSTITUENTSET('Window',$,(#102,#103));`,
          `#105=IFCMATERIALCONSTITUENT('Frame',$,#100,0.4,$);`,
          `#106=IFCMATERIALCONSTITUENT('Glazing',$,#101,0.6,$);`,
          `#107=IFCMATERIALCONSTITUENTSET('Window with fractions',$,(#105,#106));`,
          win(110, 'W area only'),
          win(111, 'W volume no fractions'),
          win(112, 'W fractions'),
          associates(113, [110, 111], 104),
          associates(114, [112], 107),
          q.area(120, 'Area', 1.2),
          qset(121, 'Qto_WindowBaseQuantities', [120]),
          defines(122, [110], 121),
          q.vol(123, 'NetVolume', vol2),
          qset(124, 'Qto_WindowBaseQuantities', [123]),
          defines(125, [111], 124),
          q.vol(126, 'GrossVolume', vol3),
          qset(127, 'Qto_WindowBaseQuantities', [126]),
          defines(128, [112], 127),
        ],
        [110, 111, 112],
      ),
    );
    const a = byName(passport, 'W area only');
    expect(a.materials.map((m) => m.name)).toEqual(['Aluminium', 'Glass']);
    expect(a.materials.every((m) => m.massKg === undefined && m.volumeM3 === undefined)).toBe(true);
    expect(report.elementsWithoutQuantity.map((e) => e.name)).toContain('W area only');

    const b = byName(passport, 'W volume no fractions');
    expect(b.materials.map((m) => m.name)).toEqual(['Aluminium', 'Glass']);
    expect(b.materials.every((m) => m.massKg === undefined)).toBe(true);
    expect(codesFor(report, 'W volume no fractions')).toContain('MATERIAL_SPLIT_UNKNOWN');

    const c = byName(passport, 'W fractions');
    close(c.materials[0]!.volumeM3, vol3 * 0.4);
    closeKg(c.materials[0]!.massKg, vol3 * 0.4 * DENSITY.aluminium);
    closeKg(c.materials[1]!.massKg, vol3 * 0.6 * DENSITY.glass);
    expect(c.materials[0]!.massSource).toBe('grossVolume');
    expect(c.layer).toBe('skin');
  });

  it('per-constituent IfcPhysicalComplexQuantity (named after the constituent) gives each its volume', async () => {
    const frameV = 0.012;
    const glassV = 0.02;
    const { passport, report } = await run(
      ifcFile(
        'IFC4',
        [
          frameM,
          glassM,
          `#102=IFCMATERIALCONSTITUENT('Frame',$,#100,$,$);`,
          `#103=IFCMATERIALCONSTITUENT('Glazing',$,#101,$,$);`,
          `#104=IFCMATERIALCONSTITUENTSET('Window',$,(#102,#103));`,
          win(110, 'W complex'),
          associates(113, [110], 104),
          q.area(120, 'Area', 1.2),
          q.vol(121, 'NetVolume', frameV),
          `#122=IFCPHYSICALCOMPLEXQUANTITY('Frame',$,(#121),'Constituent',$,$);`,
          q.vol(123, 'NetVolume', glassV),
          `#124=IFCPHYSICALCOMPLEXQUANTITY('Glazing',$,(#123),'Constituent',$,$);`,
          // The element's total volume (what the split must not use instead).
          q.vol(125, 'NetVolume', 1),
          qset(126, 'Qto_WindowBaseQuantities', [120, 122, 124, 125]),
          defines(127, [110], 126),
        ],
        [110],
      ),
    );
    const w = byName(passport, 'W complex');
    expect(w.materials.map((m) => m.name)).toEqual(['Aluminium', 'Glass']);
    close(w.materials[0]!.volumeM3, frameV);
    closeKg(w.materials[0]!.massKg, frameV * DENSITY.aluminium);
    close(w.materials[1]!.volumeM3, glassV);
    closeKg(w.materials[1]!.massKg, glassV * DENSITY.glass);
    expect(w.materials[0]!.massSource).toBe('netVolume');
    expect(codesFor(report, 'W complex')).not.toContain('MATERIAL_SPLIT_UNKNOWN');
  });
});

describe('3. IFC2X3: material lists, layer set usage, BaseQuantities', () => {
  it('reads them', async () => {
    const concreteT = 0.2;
    const woolT = 0.1;
    const wallV = 3.0;
    const { passport, report } = await run(
      ifcFile(
        'IFC2X3',
        [
          `#100=IFCMATERIAL('Concrete');`,
          `#101=IFCMATERIAL('Mineral wool');`,
          `#102=IFCMATERIAL('Steel');`,
          `#103=IFCMATERIALLAYER(#100,${concreteT},$);`,
          `#104=IFCMATERIALLAYER(#101,${woolT},$);`,
          `#105=IFCMATERIALLAYERSET((#103,#104),'Insulated concrete');`,
          `#106=IFCMATERIALLAYERSETUSAGE(#105,.AXIS2.,.POSITIVE.,0.);`,
          `#107=IFCMATERIALLIST((#100,#102));`,
          `#108=IFCMATERIALLIST((#102));`,
          `#110=IFCWALLSTANDARDCASE(${g()},#5,'Wall 2x3',$,$,$,$,$);`,
          associates(111, [110], 106),
          q.vol(112, 'NetVolume', wallV),
          qset(113, 'BaseQuantities', [112], `'BaseQuantities'`),
          defines(114, [110], 113),
          // A custom set written later with another NetVolume: the standard set wins.
          q.vol(115, 'NetVolume', 99),
          qset(116, 'ArchiCADQuantities', [115]),
          defines(117, [110], 116),
          `#120=IFCBEAM(${g()},#5,'Composite beam',$,$,$,$,$);`,
          associates(121, [120], 107),
          q.vol(122, 'NetVolume', 0.5),
          qset(123, 'BaseQuantities', [122]),
          defines(124, [120], 123),
          `#130=IFCCOLUMN(${g()},#5,'Steel column',$,$,$,$,$);`,
          associates(131, [130], 108),
          q.vol(132, 'GrossVolume', 0.04),
          // MethodOfMeasurement says it is the base quantities, the name does not.
          qset(133, 'Quantities', [132], `'BaseQuantities'`),
          defines(134, [130], 133),
          q.vol(135, 'GrossVolume', 7),
          qset(136, 'Other', [135]),
          defines(137, [130], 136),
        ],
        [110, 120, 130],
      ),
    );
    const w = byName(passport, 'Wall 2x3');
    expect(w.materials.map((m) => m.name)).toEqual(['Concrete', 'Mineral wool']);
    const share = concreteT / (concreteT + woolT);
    close(w.materials[0]!.volumeM3, wallV * share);
    closeKg(w.materials[0]!.massKg, wallV * share * DENSITY.concrete);
    closeKg(w.materials[1]!.massKg, wallV * (1 - share) * DENSITY.wool);
    expect(w.materials[0]!.massSource).toBe('netVolume');

    const b = byName(passport, 'Composite beam');
    expect(b.materials.map((m) => m.name)).toEqual(['Concrete', 'Steel']);
    expect(b.materials.every((m) => m.massKg === undefined)).toBe(true);
    expect(codesFor(report, 'Composite beam')).toContain('MATERIAL_SPLIT_UNKNOWN');

    const c = byName(passport, 'Steel column');
    close(c.materials[0]!.volumeM3, 0.04);
    closeKg(c.materials[0]!.massKg, 0.04 * DENSITY.steel);
    expect(c.layer).toBe('structure');
  });
});

describe('4. quantities with their own unit', () => {
  it('mm³ volume, weight in tonnes (TONNE and a measure-with-unit factor), GrossWeight only', async () => {
    const { passport } = await run(
      ifcFile(
        'IFC4',
        [
          `#100=IFCMATERIAL('Concrete',$,$);`,
          `#101=IFCSIUNIT(*,.VOLUMEUNIT.,.MILLI.,.CUBIC_METRE.);`,
          `#102=IFCDIMENSIONALEXPONENTS(0,1,0,0,0,0,0);`,
          `#103=IFCMEASUREWITHUNIT(IFCMASSMEASURE(1000.),#13);`,
          `#104=IFCCONVERSIONBASEDUNIT(#102,.MASSUNIT.,'TONNE',#103);`,
          `#105=IFCCONVERSIONBASEDUNIT(#102,.MASSUNIT.,'metric ton',#103);`,
          `#110=IFCSLAB(${g()},#5,'Slab mm3',$,$,$,$,$,.FLOOR.);`,
          `#111=IFCSLAB(${g()},#5,'Slab tonne',$,$,$,$,$,.FLOOR.);`,
          `#112=IFCSLAB(${g()},#5,'Slab metric ton',$,$,$,$,$,.FLOOR.);`,
          associates(113, [110, 111, 112], 100),
          q.vol(120, 'NetVolume', 2.5e8, '#101'),
          qset(121, 'Qto_SlabBaseQuantities', [120]),
          defines(122, [110], 121),
          q.wt(123, 'GrossWeight', 1.5, '#104'),
          qset(124, 'Qto_SlabBaseQuantities', [123]),
          defines(125, [111], 124),
          q.wt(126, 'GrossWeight', 2.25, '#105'),
          q.vol(127, 'GrossVolume', 1.0),
          qset(128, 'Qto_SlabBaseQuantities', [126, 127]),
          defines(129, [112], 128),
        ],
        [110, 111, 112],
      ),
    );
    const a = byName(passport, 'Slab mm3');
    close(a.materials[0]!.volumeM3, 2.5e8 * 1e-9);
    closeKg(a.materials[0]!.massKg, 0.25 * DENSITY.concrete);
    const b = byName(passport, 'Slab tonne');
    closeKg(b.materials[0]!.massKg, 1500);
    expect(b.materials[0]!.massSource).toBe('weight');
    const c = byName(passport, 'Slab metric ton');
    closeKg(c.materials[0]!.massKg, 2250);
    close(c.materials[0]!.volumeM3, 1.0);
  });
});

describe('zero quantities', () => {
  it('a NetVolume of 0 (not computed) does not hide the GrossVolume', async () => {
    const { passport } = await run(
      ifcFile(
        'IFC4',
        [
          `#100=IFCMATERIAL('Concrete',$,$);`,
          `#110=IFCSLAB(${g()},#5,'Slab zero net',$,$,$,$,$,.FLOOR.);`,
          associates(111, [110], 100),
          q.vol(112, 'NetVolume', 0),
          q.vol(113, 'GrossVolume', 1.2),
          qset(114, 'Qto_SlabBaseQuantities', [112, 113]),
          defines(115, [110], 114),
        ],
        [110],
      ),
    );
    const m = byName(passport, 'Slab zero net').materials[0]!;
    close(m.volumeM3, 1.2);
    closeKg(m.massKg, 1.2 * DENSITY.concrete);
    expect(m.massSource).toBe('grossVolume');
  });
});

describe('volumes and weights as typed properties', () => {
  it('Revit PSet_Revit_Dimensions.Volume, a Tekla-style Weight in tonnes; a quantity set wins', async () => {
    const { passport } = await run(
      ifcFile(
        'IFC2X3',
        [
          `#100=IFCMATERIAL('Concrete');`,
          `#101=IFCMATERIAL('Steel');`,
          // A Revit wall: no quantity set, the volume as an IfcVolumeMeasure property.
          `#110=IFCWALLSTANDARDCASE(${g()},#5,'Revit wall',$,$,$,$,$);`,
          associates(111, [110], 100),
          `#112=IFCPROPERTYSINGLEVALUE('Area',$,IFCAREAMEASURE(20.5),$);`,
          `#113=IFCPROPERTYSINGLEVALUE('Volume',$,IFCVOLUMEMEASURE(4.1),$);`,
          `#114=IFCPROPERTYSET(${g()},#5,'PSet_Revit_Dimensions',$,(#112,#113));`,
          defines(115, [110], 114),
          // A Tekla-style beam: Weight 1.25 t (the property's own unit), no volume.
          `#120=IFCBEAM(${g()},#5,'Steel beam',$,$,$,$,$);`,
          associates(121, [120], 101),
          `#122=IFCSIUNIT(*,.MASSUNIT.,.MEGA.,.GRAM.);`,
          `#123=IFCPROPERTYSINGLEVALUE('Weight',$,IFCMASSMEASURE(1.25),#122);`,
          `#124=IFCPROPERTYSINGLEVALUE('Profile',$,IFCLABEL('HEA200'),$);`,
          `#125=IFCPROPERTYSET(${g()},#5,'Tekla Quantity',$,(#123,#124));`,
          defines(126, [120], 125),
          // A slab with both: the quantity set's NetVolume wins over the property.
          `#130=IFCSLAB(${g()},#5,'Slab both',$,$,$,$,$,.FLOOR.);`,
          associates(131, [130], 100),
          `#132=IFCPROPERTYSINGLEVALUE('Volume',$,IFCVOLUMEMEASURE(9.9),$);`,
          `#133=IFCPROPERTYSET(${g()},#5,'PSet_Revit_Dimensions',$,(#132));`,
          defines(134, [130], 133),
          q.vol(135, 'NetVolume', 3),
          qset(136, 'BaseQuantities', [135]),
          defines(137, [130], 136),
        ],
        [110, 120, 130],
      ),
    );
    const wall = byName(passport, 'Revit wall').materials[0]!;
    close(wall.volumeM3, 4.1);
    closeKg(wall.massKg, 4.1 * DENSITY.concrete);
    expect(wall.massSource).toBe('grossVolume');
    const beam = byName(passport, 'Steel beam').materials[0]!;
    closeKg(beam.massKg, 1250);
    expect(beam.massSource).toBe('weight');
    const slab = byName(passport, 'Slab both').materials[0]!;
    close(slab.volumeM3, 3);
    expect(slab.massSource).toBe('netVolume');
  });
});

describe('5. IFC4X3 infrastructure and reinforcement', () => {
  it('courses, pavement, fill, bearing, rebar and mesh are elements with their layer and mass', async () => {
    const courseV = 12;
    const fillV = 30;
    const bearingKg = 120;
    const d1 = 0.016;
    const len1 = 6;
    const d2 = 0.012;
    const len2 = 4;
    const rebarKg = 55.5;
    const d3 = 0.01;
    const len3 = 3;
    const { passport, report } = await run(
      ifcFile(
        'IFC4X3_ADD2',
        [
          `#100=IFCMATERIAL('Asphalt',$,$);`,
          `#101=IFCMATERIAL('Gravel',$,$);`,
          `#102=IFCMATERIAL('Steel',$,$);`,
          `#103=IFCMATERIAL('Reinforcing steel',$,$);`,
          `#110=IFCPAVEMENT(${g()},#5,'Pavement',$,$,$,$,$,.RIGID.);`,
          `#111=IFCCOURSE(${g()},#5,'Wearing course',$,$,$,$,$,.PAVEMENT.);`,
          `#112=IFCRELAGGREGATES(${g()},#5,$,$,#110,(#111));`,
          associates(113, [111], 100),
          q.vol(114, 'NetVolume', courseV),
          qset(115, 'Qto_CourseBaseQuantities', [114]),
          defines(116, [111], 115),
          `#120=IFCEARTHWORKSFILL(${g()},#5,'Embankment',$,$,$,$,$,.EMBANKMENT.);`,
          associates(121, [120], 101),
          q.vol(122, 'GrossVolume', fillV),
          qset(123, 'Qto_EarthworksFillBaseQuantities', [122]),
          defines(124, [120], 123),
          `#130=IFCBEARING(${g()},#5,'Bearing',$,$,$,$,$,.ELASTOMERIC.);`,
          associates(131, [130], 102),
          q.wt(132, 'NetWeight', bearingKg),
          qset(133, 'Qto_BearingBaseQuantities', [132]),
          defines(134, [130], 133),
          // Rebar with a material, a Qto length and the nominal diameter on the occurrence.
          `#140=IFCREINFORCINGBAR(${g()},#5,'Bar 16',$,$,$,$,$,$,${d1},$,$,.MAIN.,.TEXTURED.);`,
          associates(141, [140], 103),
          q.len(142, 'Length', len1),
          qset(143, 'Qto_ReinforcingElementBaseQuantities', [142]),
          defines(144, [140], 143),
          // Rebar with bar length and diameter only, and no material association at all.
          `#150=IFCREINFORCINGBAR(${g()},#5,'Bar 12',$,$,$,$,$,'B500B',${d2},$,${len2},.LIGATURE.,$);`,
          // Rebar whose diameter and length are on its IfcReinforcingBarType only.
          `#170=IFCREINFORCINGBARTYPE(${g()},#5,'T10',$,$,$,$,$,$,.MAIN.,${d3},$,${len3},.TEXTURED.,$,$);`,
          `#171=IFCREINFORCINGBAR(${g()},#5,'Bar 10',$,$,$,$,$,$,$,$,$,.MAIN.,$);`,
          `#172=IFCRELDEFINESBYTYPE(${g()},#5,$,$,(#171),#170);`,
          associates(173, [170], 103),
          // A geotechnical stratum: site, whatever its material.
          `#180=IFCGEOTECHNICALSTRATUM(${g()},#5,'Clay stratum',$,$,$,$,$,.SOLID.);`,
          // Rebar with a weight in its Qto.
          `#160=IFCREINFORCINGBAR(${g()},#5,'Bar cage',$,$,$,$,$,$,$,$,$,.MAIN.,$);`,
          associates(161, [160], 103),
          q.wt(162, 'Weight', rebarKg),
          qset(163, 'Qto_ReinforcingElementBaseQuantities', [162]),
          defines(164, [160], 163),
        ],
        [110, 120, 130, 140, 150, 160, 171, 180],
      ),
    );
    const course = byName(passport, 'Wearing course');
    expect(course.layer).toBe('site');
    closeKg(course.materials[0]!.massKg, courseV * DENSITY.asphalt);
    const pavement = byName(passport, 'Pavement');
    expect(pavement.layer).toBe('site');
    expect(report.elementsWithoutMaterial.map((e) => e.name)).not.toContain('Pavement');
    expect(course.storey).toBe('Level 0');
    const fill = byName(passport, 'Embankment');
    expect(fill.layer).toBe('site');
    closeKg(fill.materials[0]!.massKg, fillV * DENSITY.gravel);
    const bearing = byName(passport, 'Bearing');
    expect(bearing.layer).toBe('structure');
    closeKg(bearing.materials[0]!.massKg, bearingKg);

    const bar16 = byName(passport, 'Bar 16');
    expect(bar16.layer).toBe('structure');
    const v1 = (Math.PI * d1 * d1 * len1) / 4;
    close(bar16.materials[0]!.volumeM3, v1);
    closeKg(bar16.materials[0]!.massKg, v1 * DENSITY.rebar);

    const bar12 = byName(passport, 'Bar 12');
    expect(bar12.layer).toBe('structure');
    expect(bar12.materials.length).toBe(1);
    expect(bar12.materials[0]!.name).toMatch(/B500B/);
    expect(bar12.materials[0]!.materialId).toBe('rebar');
    const v2 = (Math.PI * d2 * d2 * len2) / 4;
    close(bar12.materials[0]!.volumeM3, v2);
    closeKg(bar12.materials[0]!.massKg, v2 * DENSITY.rebar);

    const bar10 = byName(passport, 'Bar 10');
    const v3 = (Math.PI * d3 * d3 * len3) / 4;
    expect(bar10.product?.name).toBe('T10');
    close(bar10.materials[0]!.volumeM3, v3);
    closeKg(bar10.materials[0]!.massKg, v3 * DENSITY.rebar);
    expect(byName(passport, 'Clay stratum').layer).toBe('site');

    const cage = byName(passport, 'Bar cage');
    closeKg(cage.materials[0]!.massKg, rebarKg);
  });

  it('IFC2X3 rebar (cross-section area × bar length) and mesh (bars per spacing) get a volume', async () => {
    const area = 2.01e-4;
    const len = 5;
    const L = 4,
      W = 2,
      al = 5.03e-5,
      at = 3.14e-5,
      sl = 0.15,
      st = 0.2;
    const { passport } = await run(
      ifcFile(
        'IFC2X3',
        [
          `#100=IFCMATERIAL('Reinforcing steel');`,
          `#110=IFCREINFORCINGBAR(${g()},#5,'Bar 2x3',$,$,$,$,$,'B500B',0.016,${area},${len},.MAIN.,.TEXTURED.);`,
          `#111=IFCREINFORCINGMESH(${g()},#5,'Mesh 2x3',$,$,$,$,$,'B500A',${L},${W},0.008,0.0063,${al},${at},${sl},${st});`,
          associates(112, [110, 111], 100),
        ],
        [110, 111],
      ),
    );
    const bar = byName(passport, 'Bar 2x3');
    close(bar.materials[0]!.volumeM3, area * len);
    closeKg(bar.materials[0]!.massKg, area * len * DENSITY.rebar);
    const mesh = byName(passport, 'Mesh 2x3');
    // Longitudinal bars: W / sl of them, each L long; transverse: L / st, each W long.
    const vMesh = (W / sl) * L * al + (L / st) * W * at;
    close(mesh.materials[0]!.volumeM3, vMesh);
    closeKg(mesh.materials[0]!.massKg, vMesh * DENSITY.rebar);
    expect(mesh.layer).toBe('structure');
  });
});

describe('5b. rebar sets', () => {
  it('Qto Count × Length (each bar) × bar section; a Weight stays the total', async () => {
    const d = 0.016;
    const each = 3.5;
    const count = 12;
    const { passport } = await run(
      ifcFile(
        'IFC4',
        [
          `#100=IFCMATERIAL('Reinforcing steel',$,$);`,
          `#110=IFCREINFORCINGBAR(${g()},#5,'Set of 12',$,$,$,$,$,$,${d},$,$,.MAIN.,.TEXTURED.);`,
          `#111=IFCQUANTITYCOUNT('Count',$,$,${count},$);`,
          q.len(112, 'Length', each),
          qset(113, 'Qto_ReinforcingElementBaseQuantities', [111, 112]),
          defines(114, [110], 113),
          `#120=IFCREINFORCINGBAR(${g()},#5,'Weighed set',$,$,$,$,$,$,${d},$,$,.MAIN.,.TEXTURED.);`,
          `#121=IFCQUANTITYCOUNT('Count',$,$,${count},$);`,
          q.len(122, 'Length', each),
          q.wt(123, 'Weight', 75.5),
          qset(124, 'Qto_ReinforcingElementBaseQuantities', [121, 122, 123]),
          defines(125, [120], 124),
          associates(130, [110, 120], 100),
        ],
        [110, 120],
      ),
    );
    const v = ((Math.PI * d * d) / 4) * each * count;
    const set = byName(passport, 'Set of 12').materials[0]!;
    close(set.volumeM3, v);
    closeKg(set.massKg, v * DENSITY.rebar);
    const weighed = byName(passport, 'Weighed set').materials[0]!;
    closeKg(weighed.massKg, 75.5);
    expect(weighed.massSource).toBe('weight');
  });
});

describe('6. aggregation', () => {
  it('an assembly of assemblies: mass on the parts only, at every depth', async () => {
    const plateV = 0.05;
    const beamKg = 300;
    const { passport, report } = await run(
      ifcFile(
        'IFC4',
        [
          `#100=IFCMATERIAL('Steel',$,$);`,
          // The top assembly is written first, the sub-assembly after it, the parts last.
          `#110=IFCELEMENTASSEMBLY(${g()},#5,'Truss',$,$,$,$,$,.FACTORY.,.TRUSS.);`,
          `#111=IFCELEMENTASSEMBLY(${g()},#5,'Panel',$,$,$,$,$,.FACTORY.,.USERDEFINED.);`,
          `#112=IFCPLATE(${g()},#5,'Gusset',$,$,$,$,$,.SHEET.);`,
          `#113=IFCBEAM(${g()},#5,'Chord',$,$,$,$,$,.BEAM.);`,
          `#114=IFCRELAGGREGATES(${g()},#5,$,$,#110,(#111,#113));`,
          `#115=IFCRELAGGREGATES(${g()},#5,$,$,#111,(#112));`,
          associates(116, [110, 111, 112, 113], 100),
          // Every level says how much it weighs: the wholes must not count it again.
          q.wt(120, 'NetWeight', 5000),
          qset(121, 'Qto_ElementAssemblyBaseQuantities', [120]),
          defines(122, [110], 121),
          q.wt(123, 'NetWeight', 800),
          qset(124, 'Qto_ElementAssemblyBaseQuantities', [123]),
          defines(125, [111], 124),
          q.vol(126, 'NetVolume', plateV),
          qset(127, 'Qto_PlateBaseQuantities', [126]),
          defines(128, [112], 127),
          q.wt(129, 'NetWeight', beamKg),
          qset(130, 'Qto_BeamBaseQuantities', [129]),
          defines(131, [113], 130),
        ],
        [110],
      ),
    );
    const total = plateV * DENSITY.steel + beamKg;
    closeKg(report.mass.totalKg, total);
    expect(byName(passport, 'Truss').materials.every((m) => m.massKg === undefined)).toBe(true);
    expect(byName(passport, 'Panel').materials.every((m) => m.massKg === undefined)).toBe(true);
    expect(byName(passport, 'Gusset').storey).toBe('Level 0');
  });

  it('a sub-assembly written before its whole: the whole still drops its own mass', async () => {
    const plateV = 0.05;
    const { passport, report } = await run(
      ifcFile(
        'IFC4',
        [
          `#100=IFCMATERIAL('Steel',$,$);`,
          `#110=IFCPLATE(${g()},#5,'Plate',$,$,$,$,$,.SHEET.);`,
          `#111=IFCELEMENTASSEMBLY(${g()},#5,'Sub',$,$,$,$,$,.FACTORY.,.USERDEFINED.);`,
          `#112=IFCELEMENTASSEMBLY(${g()},#5,'Top',$,$,$,$,$,.FACTORY.,.USERDEFINED.);`,
          `#113=IFCRELAGGREGATES(${g()},#5,$,$,#111,(#110));`,
          `#114=IFCRELAGGREGATES(${g()},#5,$,$,#112,(#111));`,
          associates(115, [110, 111, 112], 100),
          q.vol(116, 'NetVolume', plateV),
          qset(117, 'Qto_PlateBaseQuantities', [116]),
          defines(118, [110], 117),
          q.wt(119, 'NetWeight', 2000),
          qset(120, 'Qto_ElementAssemblyBaseQuantities', [119]),
          defines(121, [111, 112], 120),
        ],
        [112],
      ),
    );
    closeKg(report.mass.totalKg, plateV * DENSITY.steel);
    expect(byName(passport, 'Top').materials.every((m) => m.massKg === undefined)).toBe(true);
    expect(report.warnings.filter((w) => w.code === 'MASS_ON_PARTS').length).toBe(2);
  });

  it('a curtain wall of plates and members: parts are skin and carry the mass', async () => {
    const glassV = 0.06;
    const mullionV = 0.01;
    const { passport, report } = await run(
      ifcFile(
        'IFC4',
        [
          `#100=IFCMATERIAL('Glass',$,$);`,
          `#101=IFCMATERIAL('Aluminium',$,$);`,
          `#110=IFCCURTAINWALL(${g()},#5,'Facade',$,$,$,$,$,.USERDEFINED.);`,
          `#111=IFCPLATE(${g()},#5,'Panel 1',$,$,$,$,$,.CURTAIN_PANEL.);`,
          `#112=IFCMEMBER(${g()},#5,'Mullion 1',$,$,$,$,$,.MULLION.);`,
          `#113=IFCRELAGGREGATES(${g()},#5,$,$,#110,(#111,#112));`,
          associates(114, [111], 100),
          associates(115, [112], 101),
          q.vol(116, 'NetVolume', glassV),
          qset(117, 'Qto_PlateBaseQuantities', [116]),
          defines(118, [111], 117),
          q.vol(119, 'NetVolume', mullionV),
          qset(120, 'Qto_MemberBaseQuantities', [119]),
          defines(121, [112], 120),
        ],
        [110],
      ),
    );
    const panel = byName(passport, 'Panel 1');
    const mullion = byName(passport, 'Mullion 1');
    expect(panel.layer).toBe('skin');
    expect(mullion.layer).toBe('skin');
    closeKg(panel.materials[0]!.massKg, glassV * DENSITY.glass);
    closeKg(mullion.materials[0]!.massKg, mullionV * DENSITY.aluminium);
    closeKg(report.mass.totalKg, glassV * DENSITY.glass + mullionV * DENSITY.aluminium);
    expect(report.elementsWithoutMaterial.map((e) => e.name)).not.toContain('Facade');
  });
});

describe('7. densities from the model', () => {
  it('IFC4 Pset_MaterialCommon, a 0 placeholder, and a density with its own unit', async () => {
    const { passport, report } = await run(
      ifcFile(
        'IFC4',
        [
          `#100=IFCMATERIAL('Concrete',$,$);`,
          `#101=IFCPROPERTYSINGLEVALUE('MassDensity',$,IFCMASSDENSITYMEASURE(2200.),$);`,
          `#102=IFCMATERIALPROPERTIES('Pset_MaterialCommon',$,(#101),#100);`,
          `#103=IFCMATERIAL('Timber',$,$);`,
          `#104=IFCPROPERTYSINGLEVALUE('MassDensity',$,IFCMASSDENSITYMEASURE(0.),$);`,
          `#105=IFCMATERIALPROPERTIES('Pset_MaterialCommon',$,(#104),#103);`,
          // 0.45 g/cm³ written with the property's own unit.
          `#106=IFCMATERIAL('Cork board',$,$);`,
          `#107=IFCSIUNIT(*,.MASSUNIT.,$,.GRAM.);`,
          `#108=IFCSIUNIT(*,.LENGTHUNIT.,.CENTI.,.METRE.);`,
          `#109=IFCDERIVEDUNITELEMENT(#107,1);`,
          `#110=IFCDERIVEDUNITELEMENT(#108,-3);`,
          `#111=IFCDERIVEDUNIT((#109,#110),.MASSDENSITYUNIT.,$);`,
          `#112=IFCPROPERTYSINGLEVALUE('MassDensity',$,IFCMASSDENSITYMEASURE(0.45),#111);`,
          `#113=IFCMATERIALPROPERTIES('Pset_MaterialCommon',$,(#112),#106);`,
          `#120=IFCSLAB(${g()},#5,'Concrete slab',$,$,$,$,$,.FLOOR.);`,
          `#121=IFCSLAB(${g()},#5,'Timber slab',$,$,$,$,$,.FLOOR.);`,
          `#122=IFCCOVERING(${g()},#5,'Cork',$,$,$,$,$,.FLOORING.);`,
          associates(123, [120], 100),
          associates(124, [121], 103),
          associates(125, [122], 106),
          q.vol(126, 'NetVolume', 2),
          qset(127, 'Qto_SlabBaseQuantities', [126]),
          defines(128, [120, 121, 122], 127),
        ],
        [120, 121, 122],
      ),
    );
    closeKg(byName(passport, 'Concrete slab').materials[0]!.massKg, 2 * 2200);
    closeKg(byName(passport, 'Timber slab').materials[0]!.massKg, 2 * DENSITY.timber);
    expect(codesFor(report, 'Timber slab')).toContain('DENSITY_PLACEHOLDER');
    const cork = byName(passport, 'Cork').materials[0]!;
    close(cork.densityKgPerM3, 450);
    closeKg(cork.massKg, 2 * 450);
  });

  it('IFC2X3 IfcExtendedMaterialProperties and IfcGeneralMaterialProperties', async () => {
    const { passport, report } = await run(
      ifcFile(
        'IFC2X3',
        [
          `#100=IFCMATERIAL('Concrete');`,
          `#101=IFCPROPERTYSINGLEVALUE('MassDensity',$,IFCMASSDENSITYMEASURE(2350.),$);`,
          `#102=IFCEXTENDEDMATERIALPROPERTIES(#100,(#101),$,'Pset_MaterialCommon');`,
          `#103=IFCMATERIAL('Brick');`,
          `#104=IFCGENERALMATERIALPROPERTIES(#103,$,$,1650.);`,
          `#105=IFCMATERIAL('Timber');`,
          `#106=IFCGENERALMATERIALPROPERTIES(#105,$,$,0.);`,
          `#110=IFCSLAB(${g()},#5,'Slab',$,$,$,$,$,.FLOOR.);`,
          `#111=IFCWALL(${g()},#5,'Brick wall',$,$,$,$,$);`,
          `#112=IFCBEAM(${g()},#5,'Timber beam',$,$,$,$,$);`,
          associates(113, [110], 100),
          associates(114, [111], 103),
          associates(115, [112], 105),
          q.vol(116, 'NetVolume', 1.5),
          qset(117, 'BaseQuantities', [116]),
          defines(118, [110, 111, 112], 117),
        ],
        [110, 111, 112],
      ),
    );
    closeKg(byName(passport, 'Slab').materials[0]!.massKg, 1.5 * 2350);
    closeKg(byName(passport, 'Brick wall').materials[0]!.massKg, 1.5 * 1650);
    closeKg(byName(passport, 'Timber beam').materials[0]!.massKg, 1.5 * DENSITY.timber);
    expect(codesFor(report, 'Timber beam')).toContain('DENSITY_PLACEHOLDER');
  });
});

describe('8. elements without material', () => {
  it('are listed in the report and keep no uses', async () => {
    const { passport, report } = await run(
      ifcFile(
        'IFC4',
        [
          `#110=IFCBUILDINGELEMENTPROXY(${g()},#5,'Mystery box',$,$,$,$,$,.NOTDEFINED.);`,
          q.vol(111, 'NetVolume', 1),
          qset(112, 'Qto_BuildingElementProxyQuantities', [111]),
          defines(113, [110], 112),
          `#114=IFCDOOR(${g()},#5,'Door',$,$,$,$,$,2.1,0.9,.DOOR.,.SINGLE_SWING_LEFT.,$);`,
          `#115=IFCOPENINGELEMENT(${g()},#5,'Opening',$,$,$,$,$,.OPENING.);`,
        ],
        [110, 114],
      ),
    );
    expect(passport.elements.map((e) => e.name).sort()).toEqual(['Door', 'Mystery box']);
    expect(passport.elements.every((e) => e.materials.length === 0)).toBe(true);
    expect(report.elementsWithoutMaterial.map((e) => e.name).sort()).toEqual([
      'Door',
      'Mystery box',
    ]);
    expect(report.mass.totalKg).toBe(0);
  });
});
