/**
 * Generates a synthetic IFC model (IFC4 or IFC4X3 STEP) with N physical elements, each
 * with materials, quantities and a simple extruded body, for the benchmark and the unit
 * tests. Five kinds of element repeat in turn (see SYNTHETIC):
 *   0 wall    — IfcMaterialLayerSetUsage (3 layers), Qto NetSideArea only → layerThickness
 *   1 slab    — IfcMaterial on the *type*, Qto NetVolume → netVolume; every 10th slab has its
 *               own material and Pset_SlabCommon.LoadBearing = FALSE overriding the type's
 *   2 beam    — IfcMaterialProfileSetUsage (rectangle profile), Qto Length only → profileLength
 *   3 column  — Qto NetWeight → weight
 *   4 covering— IfcMaterialConstituentSet (fractions), Qto NetVolume → split by fraction
 * Units: `m` (SI), `mm` (MILLI METRE / MILLI SQUARE_METRE / MILLI CUBIC_METRE / GRAM) or
 * `ft` (conversion-based FOOT, SQUARE FOOT, CUBIC FOOT, POUND): the same building in each.
 *
 * CLI: `node --import tsx scripts/gen-synthetic-ifc.ts [elements=200000] [out=bench/out/synthetic-200k.ifc] [units=m]`
 */
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The building the generator writes, in SI units; tests compute expected masses from it. */
export const SYNTHETIC = {
  kinds: ['wall', 'slab', 'beam', 'column', 'covering'] as const,
  wall: {
    layers: [
      { material: 'Brick', thicknessM: 0.1 },
      { material: 'Mineral wool', thicknessM: 0.08 },
      { material: 'Gypsum plasterboard', thicknessM: 0.0125 },
    ],
    /** NetSideArea of the i-th wall (i counts walls only), m². */
    areaM2: (i: number) => 8 + (i % 7),
  },
  slab: {
    typeMaterial: 'Concrete C30/37',
    overrideMaterial: 'Timber',
    /** Every n-th slab (i % n === 0) overrides the type's material and LoadBearing. */
    overrideEvery: 10,
    netVolumeM3: (i: number) => 2 + (i % 5) * 0.5,
    /** The model gives this density for the concrete (Pset_MaterialCommon.MassDensity). */
    concreteDensityInModelKgPerM3: 2400,
  },
  beam: { material: 'Timber', profileXM: 0.2, profileYM: 0.4, lengthM: (i: number) => 3 + (i % 4) },
  column: { material: 'Steel', netWeightKg: (i: number) => 500 + (i % 3) * 100 },
  covering: {
    constituents: [
      { material: 'Gypsum plasterboard', fraction: 0.75 },
      { material: 'Mineral wool', fraction: 0.25 },
    ],
    netVolumeM3: (i: number) => 0.5 + (i % 2) * 0.25,
  },
  /** Brick has MassDensity 0 in the model (a placeholder the importer must ignore). */
  placeholderDensityMaterial: 'Brick',
};

export type SyntheticUnits = 'm' | 'mm' | 'ft';
export interface SyntheticOptions {
  elements: number;
  units?: SyntheticUnits;
  schema?: 'IFC4' | 'IFC4X3';
}

const FT = 0.3048;
const LB = 0.45359237;

/** Writes the model through `write` (chunks of STEP text); returns the number of lines. */
export function writeSyntheticIfc(opts: SyntheticOptions, write: (chunk: string) => void): number {
  const units = opts.units ?? 'm';
  const schema = opts.schema ?? 'IFC4';
  const L = units === 'm' ? 1 : units === 'mm' ? 1000 : 1 / FT; // metres → file length unit
  const A = L * L;
  const V = L * L * L;
  const M = units === 'm' ? 1 : units === 'mm' ? 1000 : 1 / LB; // kg → file mass unit
  const f = (x: number) => {
    const s = String(x);
    return /[.eE]/.test(s) ? s : `${s}.`;
  };
  let id = 0;
  let buf: string[] = [];
  const flush = () => {
    if (buf.length) write(buf.join(''));
    buf = [];
  };
  const add = (entity: string): number => {
    id++;
    buf.push(`#${id}=${entity};\n`);
    if (buf.length >= 4096) flush();
    return id;
  };
  let guidN = 0;
  const guid = () => {
    // 22 characters of the IFC base64 alphabet, unique per call.
    const chars = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_$';
    let n = ++guidN;
    let s = '';
    for (let i = 0; i < 22; i++) {
      s = chars[n % 64] + s;
      n = Math.floor(n / 64);
    }
    return s;
  };
  write(
    `ISO-10303-21;\nHEADER;\nFILE_DESCRIPTION(('ViewDefinition [DesignTransferView]'),'2;1');\n` +
      `FILE_NAME('synthetic.ifc','2026-01-01T00:00:00',('matbank'),('matbank'),'matbank gen-synthetic-ifc','matbank','');\n` +
      `FILE_SCHEMA(('${schema === 'IFC4' ? 'IFC4' : 'IFC4X3_ADD2'}'));\nENDSEC;\nDATA;\n`,
  );
  const person = add(`IFCPERSON($,'Synthetic',$,$,$,$,$,$)`);
  const org = add(`IFCORGANIZATION($,'matbank',$,$,$)`);
  const po = add(`IFCPERSONANDORGANIZATION(#${person},#${org},$)`);
  const app = add(`IFCAPPLICATION(#${org},'1','gen-synthetic-ifc','gen')`);
  const oh = add(`IFCOWNERHISTORY(#${po},#${app},$,.ADDED.,1767225600,$,$,1767225600)`);
  const origin = add(`IFCCARTESIANPOINT((0.,0.,0.))`);
  const zAxis = add(`IFCDIRECTION((0.,0.,1.))`);
  const xAxis = add(`IFCDIRECTION((1.,0.,0.))`);
  const world = add(`IFCAXIS2PLACEMENT3D(#${origin},#${zAxis},#${xAxis})`);
  const ctx = add(`IFCGEOMETRICREPRESENTATIONCONTEXT($,'Model',3,1.E-05,#${world},$)`);
  const body = add(
    `IFCGEOMETRICREPRESENTATIONSUBCONTEXT('Body','Model',*,*,*,*,#${ctx},$,.MODEL_VIEW.,$)`,
  );
  let unitIds: number[];
  if (units === 'm') {
    unitIds = [
      add(`IFCSIUNIT(*,.LENGTHUNIT.,$,.METRE.)`),
      add(`IFCSIUNIT(*,.AREAUNIT.,$,.SQUARE_METRE.)`),
      add(`IFCSIUNIT(*,.VOLUMEUNIT.,$,.CUBIC_METRE.)`),
      add(`IFCSIUNIT(*,.MASSUNIT.,.KILO.,.GRAM.)`),
    ];
  } else if (units === 'mm') {
    unitIds = [
      add(`IFCSIUNIT(*,.LENGTHUNIT.,.MILLI.,.METRE.)`),
      add(`IFCSIUNIT(*,.AREAUNIT.,.MILLI.,.SQUARE_METRE.)`),
      add(`IFCSIUNIT(*,.VOLUMEUNIT.,.MILLI.,.CUBIC_METRE.)`),
      add(`IFCSIUNIT(*,.MASSUNIT.,$,.GRAM.)`),
    ];
  } else {
    const m = add(`IFCSIUNIT(*,.LENGTHUNIT.,$,.METRE.)`);
    const m2 = add(`IFCSIUNIT(*,.AREAUNIT.,$,.SQUARE_METRE.)`);
    const m3 = add(`IFCSIUNIT(*,.VOLUMEUNIT.,$,.CUBIC_METRE.)`);
    const kg = add(`IFCSIUNIT(*,.MASSUNIT.,.KILO.,.GRAM.)`);
    const dl = add(`IFCDIMENSIONALEXPONENTS(1,0,0,0,0,0,0)`);
    const da = add(`IFCDIMENSIONALEXPONENTS(2,0,0,0,0,0,0)`);
    const dv = add(`IFCDIMENSIONALEXPONENTS(3,0,0,0,0,0,0)`);
    const dm = add(`IFCDIMENSIONALEXPONENTS(0,1,0,0,0,0,0)`);
    const wl = add(`IFCMEASUREWITHUNIT(IFCLENGTHMEASURE(0.3048),#${m})`);
    const wa = add(`IFCMEASUREWITHUNIT(IFCAREAMEASURE(0.09290304),#${m2})`);
    const wv = add(`IFCMEASUREWITHUNIT(IFCVOLUMEMEASURE(0.028316846592),#${m3})`);
    const wm = add(`IFCMEASUREWITHUNIT(IFCMASSMEASURE(0.45359237),#${kg})`);
    unitIds = [
      add(`IFCCONVERSIONBASEDUNIT(#${dl},.LENGTHUNIT.,'FOOT',#${wl})`),
      add(`IFCCONVERSIONBASEDUNIT(#${da},.AREAUNIT.,'SQUARE FOOT',#${wa})`),
      add(`IFCCONVERSIONBASEDUNIT(#${dv},.VOLUMEUNIT.,'CUBIC FOOT',#${wv})`),
      add(`IFCCONVERSIONBASEDUNIT(#${dm},.MASSUNIT.,'POUND',#${wm})`),
    ];
  }
  // Density is declared in kg/m³ whatever the other units (as exporters do).
  const kgD = add(`IFCSIUNIT(*,.MASSUNIT.,.KILO.,.GRAM.)`);
  const m3D = add(`IFCSIUNIT(*,.VOLUMEUNIT.,$,.CUBIC_METRE.)`);
  const de1 = add(`IFCDERIVEDUNITELEMENT(#${kgD},1)`);
  const de2 = add(`IFCDERIVEDUNITELEMENT(#${m3D},-1)`);
  const density = add(`IFCDERIVEDUNIT((#${de1},#${de2}),.MASSDENSITYUNIT.,$)`);
  const ua = add(`IFCUNITASSIGNMENT((${[...unitIds, density].map((u) => `#${u}`).join(',')}))`);
  const project = add(
    `IFCPROJECT('${guid()}',#${oh},'Synthetic project',$,$,$,$,(#${ctx}),#${ua})`,
  );
  const sitePl = add(`IFCLOCALPLACEMENT($,#${world})`);
  const site = add(`IFCSITE('${guid()}',#${oh},'Site',$,$,#${sitePl},$,$,.ELEMENT.,$,$,$,$,$)`);
  const addr = add(`IFCPOSTALADDRESS($,$,$,$,('1 Trang Tien'),$,'Ha Noi',$,'100000','VN')`);
  const bldPl = add(`IFCLOCALPLACEMENT(#${sitePl},#${world})`);
  const building = add(
    `IFCBUILDING('${guid()}',#${oh},'Synthetic building',$,$,#${bldPl},$,'Synthetic tower',.ELEMENT.,$,$,#${addr})`,
  );
  const storeyCount = Math.max(1, Math.ceil(opts.elements / 5000));
  const storeys: number[] = [];
  for (let s = 0; s < storeyCount; s++) {
    storeys.push(
      add(
        `IFCBUILDINGSTOREY('${guid()}',#${oh},'Level ${s}',$,$,#${bldPl},$,$,.ELEMENT.,${f(s * 3 * L)})`,
      ),
    );
  }
  add(`IFCRELAGGREGATES('${guid()}',#${oh},$,$,#${project},(#${site}))`);
  add(`IFCRELAGGREGATES('${guid()}',#${oh},$,$,#${site},(#${building}))`);
  add(
    `IFCRELAGGREGATES('${guid()}',#${oh},$,$,#${building},(${storeys.map((s) => `#${s}`).join(',')}))`,
  );

  // Materials.
  const mat = new Map<string, number>();
  for (const name of [
    'Brick',
    'Mineral wool',
    'Gypsum plasterboard',
    'Concrete C30/37',
    'Timber',
    'Steel',
  ])
    mat.set(name, add(`IFCMATERIAL('${name}',$,$)`));
  const md = (name: string, value: number) => {
    const p = add(`IFCPROPERTYSINGLEVALUE('MassDensity',$,IFCMASSDENSITYMEASURE(${f(value)}),$)`);
    add(`IFCMATERIALPROPERTIES('Pset_MaterialCommon',$,(#${p}),#${mat.get(name)})`);
  };
  md('Concrete C30/37', SYNTHETIC.slab.concreteDensityInModelKgPerM3);
  md(SYNTHETIC.placeholderDensityMaterial, 0);
  const layers = SYNTHETIC.wall.layers.map((l) =>
    add(`IFCMATERIALLAYER(#${mat.get(l.material)},${f(l.thicknessM * L)},$,$,$,$,$)`),
  );
  const layerSet = add(
    `IFCMATERIALLAYERSET((${layers.map((l) => `#${l}`).join(',')}),'Cavity wall',$)`,
  );
  const layerUsage = add(`IFCMATERIALLAYERSETUSAGE(#${layerSet},.AXIS2.,.POSITIVE.,0.,$)`);
  const profDefPos = add(`IFCAXIS2PLACEMENT2D(#${add(`IFCCARTESIANPOINT((0.,0.))`)},$)`);
  const beamProfile = add(
    `IFCRECTANGLEPROFILEDEF(.AREA.,'200x400',#${profDefPos},${f(SYNTHETIC.beam.profileXM * L)},${f(SYNTHETIC.beam.profileYM * L)})`,
  );
  const matProfile = add(
    `IFCMATERIALPROFILE('Beam',$,#${mat.get(SYNTHETIC.beam.material)},#${beamProfile},$,$)`,
  );
  const profSet = add(`IFCMATERIALPROFILESET('Timber 200x400',$,(#${matProfile}),$)`);
  const profUsage = add(`IFCMATERIALPROFILESETUSAGE(#${profSet},5,$)`);
  const constituents = SYNTHETIC.covering.constituents.map((c) =>
    add(`IFCMATERIALCONSTITUENT('${c.material}',$,#${mat.get(c.material)},${f(c.fraction)},$)`),
  );
  const constSet = add(
    `IFCMATERIALCONSTITUENTSET('Lined board',$,(${constituents.map((c) => `#${c}`).join(',')}))`,
  );

  // Types, with their property sets (inherited by occurrences).
  const bool = (b: boolean) => (b ? '.T.' : '.F.');
  const pset = (name: string, props: [string, string][]) =>
    add(
      `IFCPROPERTYSET('${guid()}',#${oh},'${name}',$,(${props.map(([k, v]) => `#${add(`IFCPROPERTYSINGLEVALUE('${k}',$,${v},$)`)}`).join(',')}))`,
    );
  const wallPset = pset('Pset_WallCommon', [
    ['LoadBearing', `IFCBOOLEAN(${bool(false)})`],
    ['IsExternal', `IFCBOOLEAN(${bool(true)})`],
  ]);
  const madaster = pset('CPset_Madaster', [
    ['ConnectionType', `IFCLABEL('dry')`],
    ['Accessibility', `IFCLABEL('free')`],
    ['Intersection', `IFCLABEL('none')`],
    ['ProductEdge', `IFCLABEL('open')`],
  ]);
  const wallType = add(
    `IFCWALLTYPE('${guid()}',#${oh},'Cavity wall type',$,$,(#${wallPset},#${madaster}),$,$,$,.STANDARD.)`,
  );
  const slabPset = pset('Pset_SlabCommon', [
    ['LoadBearing', `IFCBOOLEAN(.T.)`],
    ['IsExternal', `IFCBOOLEAN(.F.)`],
  ]);
  const slabType = add(
    `IFCSLABTYPE('${guid()}',#${oh},'Concrete slab type',$,$,(#${slabPset}),$,$,$,.FLOOR.)`,
  );
  const beamType = add(`IFCBEAMTYPE('${guid()}',#${oh},'Timber beam type',$,$,$,$,$,$,.BEAM.)`);
  const colType = add(`IFCCOLUMNTYPE('${guid()}',#${oh},'Steel column type',$,$,$,$,$,$,.COLUMN.)`);
  const covType = add(`IFCCOVERINGTYPE('${guid()}',#${oh},'Lining type',$,$,$,$,$,$,.CLADDING.)`);
  const overridePset = pset('Pset_SlabCommon', [['LoadBearing', `IFCBOOLEAN(.F.)`]]);
  add(
    `IFCRELASSOCIATESMATERIAL('${guid()}',#${oh},$,$,(#${slabType}),#${mat.get(SYNTHETIC.slab.typeMaterial)})`,
  );

  // Body geometry shared per kind (a box), placed per element.
  const boxProfile = add(
    `IFCRECTANGLEPROFILEDEF(.AREA.,$,#${profDefPos},${f(1 * L)},${f(0.2 * L)})`,
  );
  const solid = add(`IFCEXTRUDEDAREASOLID(#${boxProfile},#${world},#${zAxis},${f(3 * L)})`);
  const shape = add(`IFCSHAPEREPRESENTATION(#${body},'Body','SweptSolid',(#${solid}))`);
  const pds = add(`IFCPRODUCTDEFINITIONSHAPE($,$,(#${shape}))`);

  const BATCH = 1000;
  const byType: Record<string, number[]> = {
    wall: [],
    slab: [],
    beam: [],
    column: [],
    covering: [],
  };
  const ownMaterial: number[] = [];
  const overridden: number[] = [];
  let storeyMembers: number[] = [];
  let storeyIndex = 0;
  const flushRels = (final: boolean) => {
    const types: Record<string, number> = {
      wall: wallType,
      slab: slabType,
      beam: beamType,
      column: colType,
      covering: covType,
    };
    for (const [kind, ids] of Object.entries(byType)) {
      if (ids.length === 0 || (!final && ids.length < BATCH)) continue;
      const list = ids.map((x) => `#${x}`).join(',');
      add(`IFCRELDEFINESBYTYPE('${guid()}',#${oh},$,$,(${list}),#${types[kind]})`);
      if (kind === 'wall')
        add(`IFCRELASSOCIATESMATERIAL('${guid()}',#${oh},$,$,(${list}),#${layerUsage})`);
      if (kind === 'beam')
        add(`IFCRELASSOCIATESMATERIAL('${guid()}',#${oh},$,$,(${list}),#${profUsage})`);
      if (kind === 'column')
        add(
          `IFCRELASSOCIATESMATERIAL('${guid()}',#${oh},$,$,(${list}),#${mat.get(SYNTHETIC.column.material)})`,
        );
      if (kind === 'covering')
        add(`IFCRELASSOCIATESMATERIAL('${guid()}',#${oh},$,$,(${list}),#${constSet})`);
      ids.length = 0;
    }
    if (ownMaterial.length && (final || ownMaterial.length >= BATCH)) {
      add(
        `IFCRELASSOCIATESMATERIAL('${guid()}',#${oh},$,$,(${ownMaterial.map((x) => `#${x}`).join(',')}),#${mat.get(SYNTHETIC.slab.overrideMaterial)})`,
      );
      add(
        `IFCRELDEFINESBYPROPERTIES('${guid()}',#${oh},$,$,(${overridden.map((x) => `#${x}`).join(',')}),#${overridePset})`,
      );
      ownMaterial.length = 0;
      overridden.length = 0;
    }
  };
  const counters = { wall: 0, slab: 0, beam: 0, column: 0, covering: 0 };
  for (let n = 0; n < opts.elements; n++) {
    const kind = SYNTHETIC.kinds[n % SYNTHETIC.kinds.length]!;
    const i = counters[kind]++;
    const pt = add(
      `IFCCARTESIANPOINT((${f((n % 100) * 2 * L)},${f((Math.floor(n / 100) % 100) * 2 * L)},0.))`,
    );
    const pl = add(`IFCLOCALPLACEMENT(#${bldPl},#${add(`IFCAXIS2PLACEMENT3D(#${pt},$,$)`)})`);
    const g = guid();
    let el: number;
    const qs: string[] = [];
    let qto: string;
    switch (kind) {
      case 'wall':
        el = add(`IFCWALL('${g}',#${oh},'Wall ${i}',$,$,#${pl},#${pds},$,.STANDARD.)`);
        qs.push(`IFCQUANTITYAREA('NetSideArea',$,$,${f(SYNTHETIC.wall.areaM2(i) * A)},$)`);
        qto = 'Qto_WallBaseQuantities';
        break;
      case 'slab':
        el = add(`IFCSLAB('${g}',#${oh},'Slab ${i}',$,$,#${pl},#${pds},$,.FLOOR.)`);
        qs.push(`IFCQUANTITYVOLUME('NetVolume',$,$,${f(SYNTHETIC.slab.netVolumeM3(i) * V)},$)`);
        qto = 'Qto_SlabBaseQuantities';
        if (i % SYNTHETIC.slab.overrideEvery === 0) {
          ownMaterial.push(el);
          overridden.push(el);
        }
        break;
      case 'beam':
        el = add(`IFCBEAM('${g}',#${oh},'Beam ${i}',$,$,#${pl},#${pds},$,.BEAM.)`);
        qs.push(`IFCQUANTITYLENGTH('Length',$,$,${f(SYNTHETIC.beam.lengthM(i) * L)},$)`);
        qto = 'Qto_BeamBaseQuantities';
        break;
      case 'column':
        el = add(`IFCCOLUMN('${g}',#${oh},'Column ${i}',$,$,#${pl},#${pds},$,.COLUMN.)`);
        qs.push(`IFCQUANTITYWEIGHT('NetWeight',$,$,${f(SYNTHETIC.column.netWeightKg(i) * M)},$)`);
        qto = 'Qto_ColumnBaseQuantities';
        break;
      default:
        el = add(`IFCCOVERING('${g}',#${oh},'Lining ${i}',$,$,#${pl},#${pds},$,.CLADDING.)`);
        qs.push(`IFCQUANTITYVOLUME('NetVolume',$,$,${f(SYNTHETIC.covering.netVolumeM3(i) * V)},$)`);
        qto = 'Qto_CoveringBaseQuantities';
    }
    const qids = qs.map((q) => `#${add(q)}`).join(',');
    const eq = add(`IFCELEMENTQUANTITY('${guid()}',#${oh},'${qto}',$,$,(${qids}))`);
    add(`IFCRELDEFINESBYPROPERTIES('${guid()}',#${oh},$,$,(#${el}),#${eq})`);
    byType[kind]!.push(el);
    storeyMembers.push(el);
    if (storeyMembers.length >= 5000 || n === opts.elements - 1) {
      add(
        `IFCRELCONTAINEDINSPATIALSTRUCTURE('${guid()}',#${oh},$,$,(${storeyMembers.map((x) => `#${x}`).join(',')}),#${storeys[Math.min(storeyIndex, storeys.length - 1)]})`,
      );
      storeyIndex++;
      storeyMembers = [];
    }
    flushRels(false);
  }
  flushRels(true);
  flush();
  write('ENDSEC;\nEND-ISO-10303-21;\n');
  return id;
}

/** The whole model as one string (small models, tests). */
export function generateSyntheticIfc(opts: SyntheticOptions): string {
  const parts: string[] = [];
  writeSyntheticIfc(opts, (c) => parts.push(c));
  return parts.join('');
}

/** Streams the model to `path`; resolves to { lines, bytes }. */
export async function writeSyntheticIfcFile(
  path: string,
  opts: SyntheticOptions,
): Promise<{ lines: number; bytes: number }> {
  await mkdir(dirname(path), { recursive: true });
  const out = createWriteStream(path);
  let bytes = 0;
  const lines = writeSyntheticIfc(opts, (c) => {
    bytes += Buffer.byteLength(c);
    out.write(c);
  });
  await new Promise<void>((res, rej) => out.end((e?: Error | null) => (e ? rej(e) : res())));
  return { lines, bytes };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const n = Number(process.argv[2] ?? 200_000);
  const out = process.argv[3] ?? 'bench/out/synthetic-200k.ifc';
  const units = (process.argv[4] ?? 'm') as SyntheticUnits;
  const r = await writeSyntheticIfcFile(out, { elements: n, units });
  console.log(`wrote ${out}: ${n} elements, ${r.lines} lines, ${(r.bytes / 1e6).toFixed(1)} MB`);
}
