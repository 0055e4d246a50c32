/**
 * importIfc on every model in ../shared/data/ifc, checked against values read from the
 * STEP text by the tests' own reader (test/ifc/step.ts) and the library's densities.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validatePassport } from '../../src/core/passport/validate.ts';
import type { Passport } from '../../src/core/passport/schema.ts';
import type { ImportReport } from '../../src/core/import-report.ts';
import { closeIfcImporter, formatImportReport, importIfc } from '../../src/ifc/index.ts';
import { loadMaterialLibrary } from '../../src/reference/index.ts';
import { numOf, refOf, refsOf, StepModel, strOf } from './step.ts';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const ifcDir = path.resolve(repoRoot, '../shared/data/ifc');
const models = readdirSync(ifcDir)
  .filter((f) => f.endsWith('.ifc'))
  .sort();
const library = loadMaterialLibrary();
const IMPORTED_AT = '2026-01-01T00:00:00.000Z';

/** Physical element classes (the test's own list, not the importer's). */
const PHYSICAL = new Set([
  'IFCWALL',
  'IFCWALLSTANDARDCASE',
  'IFCWALLELEMENTEDCASE',
  'IFCSLAB',
  'IFCSLABSTANDARDCASE',
  'IFCBEAM',
  'IFCCOLUMN',
  'IFCROOF',
  'IFCDOOR',
  'IFCWINDOW',
  'IFCSTAIR',
  'IFCSTAIRFLIGHT',
  'IFCRAILING',
  'IFCCOVERING',
  'IFCMEMBER',
  'IFCPLATE',
  'IFCFOOTING',
  'IFCPILE',
  'IFCCURTAINWALL',
  'IFCFURNISHINGELEMENT',
  'IFCFURNITURE',
  'IFCBUILDINGELEMENTPROXY',
  'IFCCHIMNEY',
  'IFCDISCRETEACCESSORY',
  'IFCRAMP',
  'IFCRAMPFLIGHT',
  'IFCFLOWSEGMENT',
  'IFCFLOWFITTING',
  'IFCFLOWTERMINAL',
  'IFCELEMENTASSEMBLY',
  'IFCSHADINGDEVICE',
  'IFCBUILDINGELEMENTPART',
]);

const results = new Map<
  string,
  { passport: Passport; report: ImportReport; step: StepModel; text: string }
>();

beforeAll(async () => {
  for (const f of models) {
    const file = path.join(ifcDir, f);
    const r = await importIfc(file, {
      library,
      importedAt: IMPORTED_AT,
    });
    const text = readFileSync(file, 'latin1');
    results.set(f, { ...r, step: new StepModel(text), text });
  }
}, 120_000);
afterAll(() => closeIfcImporter());

const get = (f: string) => results.get(f)!;
const close = (a: number | undefined, b: number, rel = 1e-6) => {
  expect(a).toBeDefined();
  expect(Math.abs(a! - b)).toBeLessThanOrEqual(Math.max(1e-9, Math.abs(b) * rel) + 1e-3);
};

/** NetVolume (m³ here: all five models declare CUBIC_METRE) from the element's standard quantity set. */
function standardNetVolume(
  step: StepModel,
  props: Map<number, number[]>,
  id: number,
): number | undefined {
  for (const q of props.get(id) ?? []) {
    const qs = step.get(q);
    if (
      qs?.type !== 'IFCELEMENTQUANTITY' ||
      !/^(Qto_|BaseQuantities$)/.test(strOf(qs.args[2]) ?? '')
    )
      continue;
    for (const qq of refsOf(qs.args[5])) {
      const e = step.get(qq);
      if (e?.type === 'IFCQUANTITYVOLUME' && strOf(e.args[0]) === 'NetVolume')
        return numOf(e.args[3]);
    }
  }
  return undefined;
}

describe.each(models)('%s', (f) => {
  it('passes validatePassport', () => {
    const v = validatePassport(get(f).passport);
    expect(v.ok ? [] : v.issues).toEqual([]);
  });

  it('has every physical element of the file, once, by GlobalId and class', () => {
    const { passport, step } = get(f);
    const expected = new Map<string, string>();
    for (const [type, ents] of step.byType) {
      if (!PHYSICAL.has(type)) continue;
      for (const e of ents) expected.set(strOf(e.args[0])!, type);
    }
    expect(expected.size).toBeGreaterThan(10);
    expect(passport.elements.length).toBe(expected.size);
    for (const e of passport.elements) {
      expect(e.id).toBe(e.ifcGlobalId);
      expect(e.ifcClass?.toUpperCase()).toBe(expected.get(e.ifcGlobalId!));
    }
    expect(get(f).report.counts.elements).toBe(expected.size);
  });

  it('keeps the model material names (decoded) and only those', () => {
    const { passport, step } = get(f);
    const names = new Set(step.all('IFCMATERIAL').map((m) => strOf(m.args[0])));
    const used = new Set(passport.elements.flatMap((e) => e.materials.map((m) => m.name)));
    expect(used.size).toBeGreaterThan(0);
    for (const n of used) expect(names.has(n)).toBe(true);
    for (const n of used) expect(n).not.toMatch(/\\X2\\/);
  });

  it('gives each element with a standard NetVolume and one material that volume × density', () => {
    const { passport, step } = get(f);
    const props = step.relation('IFCRELDEFINESBYPROPERTIES', 4, 5);
    const byGuid = new Map(passport.elements.map((e) => [e.ifcGlobalId, e]));
    let checked = 0;
    for (const [type, ents] of step.byType) {
      if (!PHYSICAL.has(type)) continue;
      for (const ent of ents) {
        const v = standardNetVolume(step, props, ent.id);
        const el = byGuid.get(strOf(ent.args[0]));
        if (v === undefined || !el || el.materials.length !== 1) continue;
        const use = el.materials[0]!;
        close(use.volumeM3, v);
        if (use.materialId !== undefined) {
          expect(use.massSource).toBe('netVolume');
          close(use.massKg, v * library.get(use.materialId)!.densityKgPerM3, 1e-5);
          checked++;
        }
      }
    }
    if (f.startsWith('Building-') || f.startsWith('AC20')) expect(checked).toBeGreaterThan(3);
  });

  it('reports totals that add up', () => {
    const { passport, report } = get(f);
    const sum = passport.elements
      .flatMap((e) => e.materials)
      .reduce((s, m) => s + (m.massKg ?? 0), 0);
    close(report.mass.totalKg, sum, 1e-6);
    const bySource = Object.values(report.mass.bySourceKg).reduce((s, x) => s + (x ?? 0), 0);
    close(bySource, sum, 1e-6);
    const text = formatImportReport(report);
    expect(text).toContain(`${passport.elements.length} elements`);
  });
});

describe('model specifics', () => {
  it('AC20-FZK-Haus: walls with layer set usage, MassDensity 0 warned as placeholder, German names decoded', () => {
    const { passport, report, step } = get('AC20-FZK-Haus.ifc');
    expect(
      report.warnings.some((w) => w.code === 'DENSITY_PLACEHOLDER' && w.element?.ifcGlobalId),
    ).toBe(true);
    expect(report.source.schema).toBe('IFC4');
    // No use may carry the placeholder as a density.
    for (const e of passport.elements)
      for (const m of e.materials) expect(m.densityKgPerM3 ?? 1).toBeGreaterThan(0);
    const walls = passport.elements.filter((e) => e.ifcClass === 'IfcWallStandardCase');
    expect(walls.length).toBe(step.all('IFCWALLSTANDARDCASE').length);
    const lb = walls.flatMap((w) => w.materials).find((m) => m.name === 'Leichtbeton 102890359');
    expect(lb?.thicknessM === 0.24 || lb?.thicknessM === 0.3).toBe(true);
    // The storey names come from IfcBuildingStorey.
    const storeys = new Set(step.all('IFCBUILDINGSTOREY').map((s) => strOf(s.args[2])));
    for (const e of passport.elements) if (e.storey) expect(storeys.has(e.storey)).toBe(true);
  });

  it('duplex (IFC2X3): one use per layer with the layer thicknesses, wall volumes from Revit properties', () => {
    const { passport, report, step } = get('duplex.ifc');
    expect(report.source.schema).toBe('IFC2X3');
    const assoc = step.relation('IFCRELASSOCIATESMATERIAL', 4, 5);
    const byGuid = new Map(passport.elements.map((e) => [e.ifcGlobalId, e]));
    let checked = 0;
    for (const w of [...step.all('IFCWALLSTANDARDCASE'), ...step.all('IFCWALL')]) {
      const usage = step.get(assoc.get(w.id)?.[0]);
      if (usage?.type !== 'IFCMATERIALLAYERSETUSAGE') continue;
      const layers = refsOf(step.get(refOf(usage.args[0]))!.args[0]).map((l) => step.get(l)!);
      const el = byGuid.get(strOf(w.args[0]))!;
      // Air-space layers are cavities: no material use (AIR_LAYER warning).
      const solid = layers.filter(
        (l) => !/air space/i.test(strOf(step.get(refOf(l.args[0]))!.args[0]) ?? ''),
      );
      expect(el.materials.map((m) => m.name)).toEqual(
        solid.map((l) => strOf(step.get(refOf(l.args[0]))!.args[0])),
      );
      el.materials.forEach((m, i) => close(m.thicknessM, numOf(solid[i]!.args[1])!));
      checked++;
    }
    expect(checked).toBeGreaterThan(20);
    // duplex has no quantity sets for its walls, but Revit wrote each wall's volume as the
    // typed property PSet_Revit_Dimensions.Volume: shared among the layers by thickness
    // (the air space's share is dropped, the studs' reduced to their steel).
    const psets = step.relation('IFCRELDEFINESBYPROPERTIES', 4, 5);
    const revitVolume = (id: number) => {
      for (const ps of psets.get(id) ?? []) {
        const set = step.get(ps)!;
        if (set.type !== 'IFCPROPERTYSET' || strOf(set.args[2]) !== 'PSet_Revit_Dimensions')
          continue;
        for (const pr of refsOf(set.args[4])) {
          const p = step.get(pr)!;
          if (strOf(p.args[0]) === 'Volume') return numOf(p.args[2]);
        }
      }
      return undefined;
    };
    let fromProperty = 0;
    for (const w of step.all('IFCWALLSTANDARDCASE')) {
      const usage = step.get(assoc.get(w.id)?.[0]);
      const volume = revitVolume(w.id);
      if (usage?.type !== 'IFCMATERIALLAYERSETUSAGE' || volume === undefined) continue;
      const layers = refsOf(step.get(refOf(usage.args[0]))!.args[0]).map((l) => step.get(l)!);
      const total = layers.reduce((t, l) => t + numOf(l.args[1])!, 0);
      const el = byGuid.get(strOf(w.args[0]))!;
      for (const m of el.materials) {
        expect(m.massSource).toBe('grossVolume');
        if (/stud/i.test(m.name ?? '')) continue;
        close(m.volumeM3, (volume * m.thicknessM!) / total, 1e-5);
      }
      fromProperty++;
    }
    expect(fromProperty).toBeGreaterThan(20);
    expect(passport.building.address).toContain('Chicago');
  });

  it('Building-Structural: mm lengths, beams from NetVolume, layers from class and Pset flags', () => {
    const { passport, step } = get('Building-Structural.ifc');
    const beams = passport.elements.filter((e) => e.ifcClass === 'IfcBeam');
    expect(beams.length).toBe(step.all('IFCBEAM').length);
    for (const b of beams) expect(b.layer).toBe('structure');
    const footing = passport.elements.find((e) => e.ifcClass === 'IfcFooting')!;
    expect(footing.layer).toBe('structure');
    expect(footing.materials[0]?.name).toBe('concrete_reinforced_in-situ');
  });

  it('Building-Architecture: furniture is stuff, classification kept from IfcClassificationReference', () => {
    const { passport, step } = get('Building-Architecture.ifc');
    expect(passport.elements.find((e) => e.ifcClass === 'IfcFurniture')?.layer).toBe('stuff');
    const cls = step.relation('IFCRELASSOCIATESCLASSIFICATION', 4, 5);
    for (const e of passport.elements) {
      const ent = [...step.byId.values()].find((x) => strOf(x.args[0]) === e.ifcGlobalId)!;
      const r = step.get(cls.get(ent.id)?.[0]);
      if (r) expect(e.classification?.code).toBe(strOf(r.args[1]));
    }
    expect(passport.building.name).toBeDefined();
  });

  it('IfcOpenHouse: no quantities at all, so with geometry on the walls get a mesh volume', () => {
    const { passport, report, step } = get('IfcOpenHouse_IFC4.ifc');
    const walls = passport.elements.filter((e) => e.ifcClass === 'IfcWallStandardCase');
    expect(walls.length).toBe(step.all('IFCWALLSTANDARDCASE').length);
    for (const w of walls) {
      const m = w.materials[0]!;
      expect(m.name).toBe('Brick');
      expect(m.massSource).toBe('geometry');
      // A wall of this house: 360 mm thick, a few metres long and high → roughly 1–15 m³.
      expect(m.volumeM3!).toBeGreaterThan(1);
      expect(m.volumeM3!).toBeLessThan(15);
      close(m.massKg, m.volumeM3! * library.get(m.materialId!)!.densityKgPerM3, 1e-5);
    }
    expect(report.mass.bySourceKg.geometry).toBeGreaterThan(0);
  });
});

describe('unmatched materials in the report', () => {
  it.each(models)('%s: volume and uses without mass of each unmatched name', (f) => {
    const { passport, report } = get(f);
    for (const u of report.unmatchedMaterials) {
      const uses = passport.elements
        .flatMap((e) => e.materials)
        .filter((m) => m.materialId === undefined && (m.name ?? '') === u.name);
      expect(u.uses).toBe(uses.length);
      close(
        u.volumeM3,
        uses.reduce((s, m) => s + (m.volumeM3 ?? 0), 0),
      );
      expect(u.usesWithoutMass).toBe(uses.filter((m) => m.massKg === undefined).length);
    }
  });

  it('AC20-FZK-Haus: the slabs of "Solid 397409098" show their volume though they have no mass', () => {
    const { report, step } = get('AC20-FZK-Haus.ifc');
    const u = report.unmatchedMaterials.find((x) => x.name === 'Solid 397409098')!;
    expect(u.massKg).toBe(0);
    expect(u.usesWithoutMass).toBe(u.uses);
    expect(u.volumeM3!).toBeGreaterThan(10);
    expect(formatImportReport(report)).toContain('"Solid 397409098": no mass (no density), ');
    expect(step.all('IFCMATERIAL').some((m) => strOf(m.args[0]) === 'Solid 397409098')).toBe(true);
  });
});

describe('building facts from the model', () => {
  it.each(models)(
    '%s: storeys counted at elevation ≥ 0 (basements and foundations left out)',
    (f) => {
      const { passport, step } = get(f);
      const above = step
        .all('IFCBUILDINGSTOREY')
        .filter((s) => (numOf(s.args[9]) ?? 0) >= -1e-6).length;
      if (above === 0) expect(passport.building.storeys).toBeUndefined();
      else expect(passport.building.storeys).toBe(above);
    },
  );

  it.each(models)('%s: gross floor area is the building’s own GrossFloorArea quantity', (f) => {
    const { passport, step } = get(f);
    const building = step.all('IFCBUILDING')[0]!;
    const sets = step.relation('IFCRELDEFINESBYPROPERTIES', 4, 5).get(building.id) ?? [];
    const gfa = sets
      .map((id) => step.get(id)!)
      .filter((e) => e.type === 'IFCELEMENTQUANTITY')
      .flatMap((e) => refsOf(e.args[5]).map((q) => step.get(q)!))
      .find((q) => q.type === 'IFCQUANTITYAREA' && strOf(q.args[0]) === 'GrossFloorArea');
    const anyGfa = step.all('IFCQUANTITYAREA').some((q) => strOf(q.args[0]) === 'GrossFloorArea');
    if (gfa) close(passport.building.grossFloorAreaM2, numOf(gfa.args[3])!);
    else if (!anyGfa) expect(passport.building.grossFloorAreaM2).toBeUndefined();
  });

  it('AC20-FZK-Haus: 241.5 m² from ARCHICAD BaseQuantities, two storeys', () => {
    expect(get('AC20-FZK-Haus.ifc').passport.building.grossFloorAreaM2).toBeCloseTo(241.498, 3);
    expect(get('AC20-FZK-Haus.ifc').passport.building.storeys).toBe(2);
    // duplex: Level 1, Level 2 and Roof above ground; T/FDN at −1.25 m is the foundation.
    expect(get('duplex.ifc').passport.building.storeys).toBe(3);
  });
});

describe('.ifczip', () => {
  it('gives the same passport as the .ifc', async () => {
    const f = 'Building-Structural.ifc';
    const bytes = readFileSync(path.join(ifcDir, f));
    const zip = zipSync({ [f]: new Uint8Array(bytes) });
    const r = await importIfc(zip, {
      library,
      fileName: 'Building-Structural.ifczip',
      importedAt: IMPORTED_AT,
    });
    const base = get(f).passport;
    expect(r.passport.elements).toEqual(base.elements);
    expect(r.passport.building).toEqual(base.building);
    expect(r.report.mass.totalKg).toBe(get(f).report.mass.totalKg);
  });
});

describe('units on a real model', () => {
  it('Building-Structural with volumes in mm³ and lengths in m gives the same masses', async () => {
    const f = 'Building-Structural.ifc';
    const text = get(f).text;
    const changed = text
      .replace(
        'IFCSIUNIT(*,.VOLUMEUNIT.,$,.CUBIC_METRE.)',
        'IFCSIUNIT(*,.VOLUMEUNIT.,.MILLI.,.CUBIC_METRE.)',
      )
      .replace('IFCSIUNIT(*,.LENGTHUNIT.,.MILLI.,.METRE.)', 'IFCSIUNIT(*,.LENGTHUNIT.,$,.METRE.)')
      .replace(
        /(IFCQUANTITYVOLUME\('[^']*',\$,\$,)([-0-9.E]+)/g,
        (_, pre: string, v: string) => `${pre}${(Number(v) * 1e9).toExponential(12)}`,
      )
      .replace(
        /(IFCQUANTITYLENGTH\('[^']*',\$,\$,)([-0-9.E]+)/g,
        (_, pre: string, v: string) => `${pre}${(Number(v) / 1000).toExponential(12)}`,
      );
    expect(changed).not.toBe(text);
    // Geometry off: the edit rescales quantities, not the shape coordinates.
    const r = await importIfc(new TextEncoder().encode(changed), {
      library,
      fileName: 'mm3.ifc',
      importedAt: IMPORTED_AT,
      geometry: false,
    });
    const base = get(f).passport;
    const masses = (p: Passport) =>
      p.elements.map((e) =>
        e.materials.map((m) => (m.massSource === 'geometry' ? null : (m.massKg ?? null))),
      );
    const a = masses(r.passport).flat();
    const b = masses(base).flat();
    expect(a.length).toBe(b.length);
    expect(b.filter((x) => x !== null).length).toBeGreaterThanOrEqual(10);
    a.forEach((x, i) =>
      b[i] === null ? expect(x).toBeNull() : close(x ?? undefined, b[i]!, 1e-6),
    );
  });
});
