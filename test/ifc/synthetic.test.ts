/**
 * The generated model (scripts/gen-synthetic-ifc.ts) in m, mm and ft, and in IFC4X3, with a
 * test library whose densities are fixed here: every expected mass is computed in the test
 * from the generator's inputs (SYNTHETIC) and these densities.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { materialLibrary } from '../../src/core/materials.ts';
import type { Passport } from '../../src/core/passport/schema.ts';
import { validatePassport } from '../../src/core/passport/validate.ts';
import type { ImportReport } from '../../src/core/import-report.ts';
import { closeIfcImporter, importIfc } from '../../src/ifc/index.ts';
import { testMaterial } from './library.ts';
import {
  generateSyntheticIfc,
  SYNTHETIC,
  type SyntheticUnits,
} from '../../scripts/gen-synthetic-ifc.ts';

const DENSITY: Record<string, number> = {
  brick: 1750,
  wool: 60,
  gypsum: 900,
  concrete: 2350,
  timber: 480,
  steel: 7850,
};
const lm = (id: string, en: string, densityKgPerM3: number) =>
  testMaterial({ id, en, densityKgPerM3 });
const library = materialLibrary([
  lm('brick', 'Brick', DENSITY.brick!),
  lm('wool', 'Mineral wool', DENSITY.wool!),
  lm('gypsum', 'Gypsum plasterboard', DENSITY.gypsum!),
  lm('concrete', 'Concrete C30/37', DENSITY.concrete!),
  lm('timber', 'Timber', DENSITY.timber!),
  lm('steel', 'Steel', DENSITY.steel!),
]);
const idOf: Record<string, string> = {
  Brick: 'brick',
  'Mineral wool': 'wool',
  'Gypsum plasterboard': 'gypsum',
  'Concrete C30/37': 'concrete',
  Timber: 'timber',
  Steel: 'steel',
};

const N = 60; // 12 of each kind
const runs = new Map<string, { passport: Passport; report: ImportReport }>();
const key = (u: SyntheticUnits, s: 'IFC4' | 'IFC4X3') => `${u}/${s}`;

beforeAll(async () => {
  for (const [u, s] of [
    ['m', 'IFC4'],
    ['mm', 'IFC4'],
    ['ft', 'IFC4'],
    ['m', 'IFC4X3'],
  ] as const) {
    const text = generateSyntheticIfc({ elements: N, units: u, schema: s });
    runs.set(
      key(u, s),
      await importIfc(new TextEncoder().encode(text), { library, fileName: `synthetic-${u}.ifc` }),
    );
  }
}, 120_000);
afterAll(() => closeIfcImporter());

const close = (a: number | undefined, b: number, rel = 1e-6) => {
  expect(a).toBeDefined();
  expect(Math.abs(a! - b)).toBeLessThanOrEqual(Math.abs(b) * rel + 1e-6);
};

/** Expected material uses of the n-th element (kind = n % 5), from SYNTHETIC and DENSITY. */
function expected(
  n: number,
): { name: string; massKg: number; source: string; volumeM3?: number }[] {
  const kind = SYNTHETIC.kinds[n % 5]!;
  const i = Math.floor(n / 5);
  const d = (name: string) => DENSITY[idOf[name]!]!;
  switch (kind) {
    case 'wall':
      return SYNTHETIC.wall.layers.map((l) => ({
        name: l.material,
        volumeM3: l.thicknessM * SYNTHETIC.wall.areaM2(i),
        massKg: l.thicknessM * SYNTHETIC.wall.areaM2(i) * d(l.material),
        source: 'layerThickness',
      }));
    case 'slab': {
      const v = SYNTHETIC.slab.netVolumeM3(i);
      const own = i % SYNTHETIC.slab.overrideEvery === 0;
      // The model's own density (2400) wins over the library's for the concrete.
      const density = own
        ? d(SYNTHETIC.slab.overrideMaterial)
        : SYNTHETIC.slab.concreteDensityInModelKgPerM3;
      return [
        {
          name: own ? SYNTHETIC.slab.overrideMaterial : SYNTHETIC.slab.typeMaterial,
          volumeM3: v,
          massKg: v * density,
          source: 'netVolume',
        },
      ];
    }
    case 'beam': {
      const v = SYNTHETIC.beam.profileXM * SYNTHETIC.beam.profileYM * SYNTHETIC.beam.lengthM(i);
      return [
        {
          name: SYNTHETIC.beam.material,
          volumeM3: v,
          massKg: v * d(SYNTHETIC.beam.material),
          source: 'profileLength',
        },
      ];
    }
    case 'column':
      return [
        {
          name: SYNTHETIC.column.material,
          massKg: SYNTHETIC.column.netWeightKg(i),
          source: 'weight',
        },
      ];
    default: {
      const v = SYNTHETIC.covering.netVolumeM3(i);
      return SYNTHETIC.covering.constituents.map((c) => ({
        name: c.material,
        volumeM3: v * c.fraction,
        massKg: v * c.fraction * d(c.material),
        source: 'netVolume',
      }));
    }
  }
}

describe.each([
  ['m', 'IFC4'],
  ['mm', 'IFC4'],
  ['ft', 'IFC4'],
  ['m', 'IFC4X3'],
] as const)('synthetic model in %s, %s', (u, s) => {
  it('validates and has every element with the expected uses and masses', () => {
    const { passport, report } = runs.get(key(u, s))!;
    const v = validatePassport(passport);
    expect(v.ok ? [] : v.issues).toEqual([]);
    expect(passport.elements.length).toBe(N);
    passport.elements.forEach((e, n) => {
      const exp = expected(n);
      expect(e.materials.map((m) => m.name)).toEqual(exp.map((x) => x.name));
      e.materials.forEach((m, j) => {
        close(m.massKg, exp[j]!.massKg);
        expect(m.massSource).toBe(exp[j]!.source);
        if (exp[j]!.volumeM3 !== undefined) close(m.volumeM3, exp[j]!.volumeM3!);
        expect(m.materialId).toBe(idOf[m.name!]);
      });
    });
    const total = Array.from({ length: N }, (_, n) =>
      expected(n).reduce((a, x) => a + x.massKg, 0),
    ).reduce((a, b) => a + b, 0);
    close(report.mass.totalKg, total);
    expect(report.source.schema).toBe(s === 'IFC4' ? 'IFC4' : 'IFC4X3_ADD2');
  });
});

describe('synthetic model semantics', () => {
  const p = () => runs.get(key('m', 'IFC4'))!;
  it('layer-set walls: one use per layer, thickness × NetSideArea', () => {
    const walls = p().passport.elements.filter((e) => e.ifcClass === 'IfcWall');
    expect(walls.length).toBe(N / 5);
    walls.forEach((w, i) => {
      expect(w.materials.length).toBe(SYNTHETIC.wall.layers.length);
      w.materials.forEach((m, j) => {
        const l = SYNTHETIC.wall.layers[j]!;
        close(m.thicknessM, l.thicknessM);
        close(m.volumeM3, l.thicknessM * SYNTHETIC.wall.areaM2(i));
      });
    });
  });

  it('inherits material and Pset flags from the type unless the occurrence overrides them', () => {
    const slabs = p().passport.elements.filter((e) => e.ifcClass === 'IfcSlab');
    slabs.forEach((s, i) => {
      const own = i % SYNTHETIC.slab.overrideEvery === 0;
      expect(s.materials[0]!.name).toBe(
        own ? SYNTHETIC.slab.overrideMaterial : SYNTHETIC.slab.typeMaterial,
      );
      // Type says LoadBearing TRUE (structure); the override says FALSE and internal → spacePlan.
      expect(s.layer).toBe(own ? 'spacePlan' : 'structure');
      expect(s.product?.name).toBe('Concrete slab type');
    });
    // Walls: type Pset_WallCommon LoadBearing FALSE, IsExternal TRUE → skin; detachability from CPset_Madaster on the type.
    for (const w of p().passport.elements.filter((e) => e.ifcClass === 'IfcWall')) {
      expect(w.layer).toBe('skin');
      expect(w.detachability).toEqual({
        connectionType: 'dry',
        accessibility: 'free',
        intersection: 'none',
        productEdge: 'open',
      });
    }
  });

  it('ignores MassDensity 0 as a placeholder and says so, naming the element', () => {
    const w = p().report.warnings.find((x) => x.code === 'DENSITY_PLACEHOLDER');
    expect(w?.message).toContain(SYNTHETIC.placeholderDensityMaterial);
    expect(w?.element?.ifcClass).toBe('IfcWall');
    expect(w?.element?.ifcGlobalId).toMatch(/^[0-9A-Za-z_$]{22}$/);
  });

  it('measured share = weight + net volume over the total', () => {
    const { report } = p();
    const all = Array.from({ length: N }, (_, n) => expected(n)).flat();
    const total = all.reduce((a, x) => a + x.massKg, 0);
    const measured = all
      .filter((x) => x.source === 'weight' || x.source === 'netVolume')
      .reduce((a, x) => a + x.massKg, 0);
    close(report.mass.measuredShare ?? undefined, measured / total, 1e-5);
    expect(p().passport.building).toMatchObject({
      name: 'Synthetic tower',
      city: 'Ha Noi',
      country: 'VN',
      storeys: 1,
    });
  });

  it('overrides map a model name to a library material before matching', async () => {
    const text = generateSyntheticIfc({ elements: 5, units: 'm' });
    const r = await importIfc(new TextEncoder().encode(text), {
      library,
      overrides: { brick: 'concrete' },
    });
    const wall = r.passport.elements[0]!;
    expect(wall.materials[0]!.materialId).toBe('concrete');
    close(
      wall.materials[0]!.massKg,
      SYNTHETIC.wall.layers[0]!.thicknessM * SYNTHETIC.wall.areaM2(0) * DENSITY.concrete!,
    );
  });

  it('reports unmatched material names with their mass share', async () => {
    const text = generateSyntheticIfc({ elements: 5, units: 'm' });
    const small = materialLibrary(library.all().filter((m) => m.id !== 'steel'));
    const r = await importIfc(new TextEncoder().encode(text), { library: small });
    const steel = r.report.unmatchedMaterials.find((x) => x.name === 'Steel');
    expect(steel).toBeDefined();
    // The column's NetWeight still counts: weight needs no density.
    close(steel!.massKg, SYNTHETIC.column.netWeightKg(0));
    close(steel!.massShare ?? undefined, SYNTHETIC.column.netWeightKg(0) / r.report.mass.totalKg);
  });
});
