/**
 * Air-space and metal-stud layers of a layer set: names recognised in the languages models
 * use, the framing's steel fraction from the stated stud section (computed here by hand), and
 * the importer applying both to a synthetic model whose walls get two such layers.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { closeIfcImporter, importIfc } from '../../src/ifc/index.ts';
import {
  framingSteelFraction,
  isAirLayer,
  isMetalFramingLayer,
} from '../../src/ifc/layer-roles.ts';
import { loadMaterialLibrary } from '../../src/reference/index.ts';
import { generateSyntheticIfc, SYNTHETIC } from '../../scripts/gen-synthetic-ifc.ts';

afterAll(() => closeIfcImporter());

describe('layer names', () => {
  it.each([
    'Misc. Air Layers - Air Space',
    'Luftschicht',
    'air',
    'Spouw',
    'cavity 50 mm',
    'Lớp không khí',
  ])('%s is an air layer', (n) => expect(isAirLayer(n)).toBe(true));
  it.each(['Air barrier', 'Luftdichtheitsfolie', 'Cavity insulation', 'Brick', 'Chair'])(
    '%s is not an air layer',
    (n) => expect(isAirLayer(n)).toBe(false),
  );
  it.each(['Metal - Stud Layer', 'metal stud', 'Metallständerwerk', 'Steel studs 92 mm'])(
    '%s is a metal framing layer',
    (n) => expect(isMetalFramingLayer(n)).toBe(true),
  );
  it.each(['Wood - Stud Layer', 'Steel', 'Metal deck', 'Student housing wall'])(
    '%s is not a metal framing layer',
    (n) => expect(isMetalFramingLayer(n)).toBe(false),
  );
});

describe('framingSteelFraction', () => {
  it('for a 92.1 mm stud: 0.838 mm C-stud (31.75 flange, 4.76 lip) at 406.4 mm + two tracks per 2.7 m', () => {
    // Stud perimeter 92.1 + 2·31.75 + 2·4.76 = 165.12 mm → 0.838 × 165.12 = 138.37 mm² of steel,
    // one per 406.4 mm of wall: 3.4048e-4 m³ per m² of wall.
    // Tracks: 92.1 + 2·31.75 = 155.6 mm → 130.39 mm², two per 2.7 m of height: 9.6587e-5 m³/m².
    // Sum 4.3707e-4 m³/m² over a 0.0921 m layer: 0.0047456.
    expect(framingSteelFraction(0.0921)).toBeCloseTo(0.0047456, 6);
    // At 7850 kg/m³ that is 3.43 kg of steel per m² of wall.
    expect(framingSteelFraction(0.0921) * 0.0921 * 7850).toBeCloseTo(3.431, 2);
  });
  it('is 0 for no thickness and never over 1', () => {
    expect(framingSteelFraction(0)).toBe(0);
    expect(framingSteelFraction(1e-6)).toBe(1);
  });
});

describe('import of walls with an air space and a stud layer', () => {
  it('drops the air, keeps the studs as their steel only, and warns once for each', async () => {
    const N = 10; // two walls
    const text = generateSyntheticIfc({ elements: N, units: 'm', schema: 'IFC4' });
    const airT = 0.05;
    const studT = 0.0921;
    const extra = [
      `#900001=IFCMATERIAL('Misc. Air Layers - Air Space',$,$);`,
      `#900002=IFCMATERIALLAYER(#900001,${airT},$,$,$,$,$);`,
      `#900003=IFCMATERIAL('Metal - Stud Layer',$,$);`,
      `#900004=IFCMATERIALLAYER(#900003,${studT},$,$,$,$,$);`,
    ].join('\n');
    const changed = text
      .replace(/IFCMATERIALLAYERSET\(\(([^)]*)\)/, 'IFCMATERIALLAYERSET(($1,#900002,#900004)')
      .replace(/\nENDSEC;\s*\nEND-ISO-10303-21;/, `\n${extra}\nENDSEC;\nEND-ISO-10303-21;`);
    expect(changed).toContain('#900004)');
    expect(changed).toContain('#900004=');
    const { passport, report } = await importIfc(new TextEncoder().encode(changed), {
      library: loadMaterialLibrary(),
      fileName: 'walls.ifc',
    });
    const walls = passport.elements.filter((e) => e.ifcClass === 'IfcWall');
    expect(walls.length).toBe(2);
    walls.forEach((w, i) => {
      const names = w.materials.map((m) => m.name);
      expect(names).toEqual([
        ...SYNTHETIC.wall.layers.map((l) => l.material),
        'Metal - Stud Layer',
      ]);
      const stud = w.materials[3]!;
      const expectedM3 = studT * SYNTHETIC.wall.areaM2(i) * 0.0047456;
      expect(stud.volumeM3!).toBeCloseTo(expectedM3, 5);
      expect(Math.abs(stud.volumeM3! - expectedM3) / expectedM3).toBeLessThan(1e-4);
    });
    const codes = report.warnings.map((w) => w.code);
    expect(codes.filter((c) => c === 'AIR_LAYER').length).toBe(1);
    expect(codes.filter((c) => c === 'FRAMING_LAYER').length).toBe(1);
  });
});
