/**
 * IFC model → passport draft + import report. Runs inside the worker (src/ifc/worker.ts)
 * but is plain code over an IfcAPI, so the benchmark can also call it in-process.
 *
 * One pass over the relations we need builds plain Maps (object → type, psets, material,
 * classification, container, parent); then each physical element is resolved once. We read
 * raw lines (GetRawLineData) only for the entities we use — never web-ifc's `properties`
 * helper (≈ 12 ms per element) and never flattened GetLine.
 */
import * as W from 'web-ifc';
import type { IfcAPI } from 'web-ifc';
import { MatbankError } from '../core/errors.ts';
import type { ElementRef, ImportReport, ImportWarning } from '../core/import-report.ts';
import type { MaterialLibrary } from '../core/materials.ts';
import {
  PASSPORT_FORMAT,
  type Classification,
  type Detachability,
  type Element,
  type MaterialUse,
  type Passport,
} from '../core/passport/schema.ts';
import type { Layer, MassSource } from '../core/vocab.ts';
import { geometryVolumesM3 } from './geometry.ts';
import type { PreparedInput } from './input.ts';
import { framingSteelFraction, isAirLayer, isMetalFramingLayer } from './layer-roles.ts';
import { CONTAINER_CLASSES, decideLayer } from './layers.ts';
import { matchMaterial, normaliseMaterialName, type MatchResult } from './match.ts';
import { bool, enumValue, list, num, ref, refs, str, type RawValue } from './raw.ts';
import { StepReader } from './step-reader.ts';
import { readUnits, unitFactor, type UnitFactors } from './units.ts';

/** Progress callback payload. */
export interface ImportProgress {
  phase: string;
  done: number;
  total: number;
}

export interface ExtractOptions {
  /** Name shown in the report and used for the default building ref. */
  fileName: string;
  buildingRef?: string;
  library: MaterialLibrary;
  /** Normalised model material name → library material id, applied before matching. */
  overrides?: Record<string, string>;
  /** Compute volumes from geometry for elements with no quantity; default {@link GEOMETRY_DEFAULT}. */
  geometry?: boolean;
  onProgress?: (p: ImportProgress) => void;
  /** ISO timestamp written to passport.source.importedAt (tests pin it). */
  importedAt?: string;
  /**
   * How entity lines are read: `js` (default) tokenises the file bytes ourselves
   * (StepReader, ~10× cheaper per line), `web-ifc` uses GetRawLineData. Same tokens.
   */
  rawReader?: 'js' | 'web-ifc';
}

interface Line {
  type: string;
  args: RawValue[];
}

/** Quantities of one element in SI units, best candidate per kind. */
interface Quantities {
  netWeightKg?: number;
  grossWeightKg?: number;
  netVolumeM3?: number;
  grossVolumeM3?: number;
  netSideAreaM2?: number;
  grossSideAreaM2?: number;
  netAreaM2?: number;
  grossAreaM2?: number;
  lengthM?: number;
  widthM?: number;
  depthM?: number;
  thicknessM?: number;
  crossSectionAreaM2?: number;
}
type QKey = keyof Quantities;

interface MaterialPart {
  /** Express id of the IfcMaterial (density, naming), when there is one. */
  materialId?: number;
  name?: string;
  /** The layer's / constituent's / profile's own Name ('Frame', 'Glazing'): per-part quantities. */
  partName?: string;
  /** A layer without material that IFC marks as an air gap (IsVentilated TRUE or UNKNOWN). */
  air?: boolean;
  thicknessM?: number;
  fraction?: number;
  profileAreaM2?: number;
}
interface MaterialDef {
  kind: 'single' | 'list' | 'layers' | 'constituents' | 'profiles';
  parts: MaterialPart[];
}

interface ParsedQuantity {
  kind: string;
  name: string;
  value: number;
}
/** Quantities of one part of an element (a constituent, a layer), from IfcPhysicalComplexQuantity. */
interface PartQuantities {
  netVolumeM3?: number;
  grossVolumeM3?: number;
  netWeightKg?: number;
  grossWeightKg?: number;
}
interface ParsedPset {
  name: string;
  isQto: boolean;
  standardQto: boolean;
  props: Map<string, RawValue>;
  quantities: ParsedQuantity[];
  /** IfcPhysicalComplexQuantity by lower-case Name → the part's volumes and weights. */
  complex?: Map<string, PartQuantities>;
}

interface ModelDensity {
  densityKgPerM3?: number;
  placeholder: boolean;
}

const PHYSICAL_EXCLUDED = [W.IFCFEATUREELEMENT, W.IFCVIRTUALELEMENT];

/**
 * Abstract classes whose membership drives the layer table; membership is read with
 * GetLineIDsWithType(…, includeInherited) because web-ifc exposes no supertype query.
 */
const GROUPS: Record<string, number> = {
  IFCDISTRIBUTIONELEMENT: W.IFCDISTRIBUTIONELEMENT,
  IFCFURNISHINGELEMENT: W.IFCFURNISHINGELEMENT,
  IFCTRANSPORTELEMENT: W.IFCTRANSPORTELEMENT,
  IFCREINFORCINGELEMENT: W.IFCREINFORCINGELEMENT,
  IFCWALL: W.IFCWALL,
  IFCSLAB: W.IFCSLAB,
  IFCBEAM: W.IFCBEAM,
  IFCCOLUMN: W.IFCCOLUMN,
  IFCMEMBER: W.IFCMEMBER,
  IFCPLATE: W.IFCPLATE,
  IFCDOOR: W.IFCDOOR,
  IFCWINDOW: W.IFCWINDOW,
  IFCFLOWSEGMENT: W.IFCFLOWSEGMENT,
  IFCFLOWFITTING: W.IFCFLOWFITTING,
  IFCFLOWTERMINAL: W.IFCFLOWTERMINAL,
  // IFC4X3 supertypes of the site and foundation classes (IfcGeotechnicalStratum, IfcPile …).
  IFCGEOTECHNICALELEMENT: W.IFCGEOTECHNICALELEMENT,
  IFCCIVILELEMENT: W.IFCCIVILELEMENT,
  IFCEARTHWORKSELEMENT: W.IFCEARTHWORKSELEMENT,
  IFCDEEPFOUNDATION: W.IFCDEEPFOUNDATION,
};

/** Quantity names read inside an IfcPhysicalComplexQuantity (one part of the element). */
const PART_KEYS: Record<string, Record<string, keyof PartQuantities>> = {
  IFCQUANTITYVOLUME: {
    netvolume: 'netVolumeM3',
    grossvolume: 'grossVolumeM3',
    volume: 'grossVolumeM3',
  },
  IFCQUANTITYWEIGHT: {
    netweight: 'netWeightKg',
    grossweight: 'grossWeightKg',
    weight: 'grossWeightKg',
    mass: 'grossWeightKg',
  },
};
const VOLUME_NAMES: Record<string, QKey> = {
  netvolume: 'netVolumeM3',
  grossvolume: 'grossVolumeM3',
};
const WEIGHT_NAMES: Record<string, QKey> = {
  netweight: 'netWeightKg',
  grossweight: 'grossWeightKg',
};
const AREA_NAMES: Record<string, QKey> = {
  netsidearea: 'netSideAreaM2',
  grosssidearea: 'grossSideAreaM2',
  netarea: 'netAreaM2',
  grossarea: 'grossAreaM2',
  crosssectionarea: 'crossSectionAreaM2',
  netcrosssectionarea: 'crossSectionAreaM2',
  grosscrosssectionarea: 'crossSectionAreaM2',
};
const LENGTH_NAMES: Record<string, QKey> = {
  length: 'lengthM',
  width: 'widthM',
  depth: 'depthM',
  thickness: 'thicknessM',
};
/** Names in non-standard quantity sets we still trust, e.g. ArchiCAD's German "Netto-Volumen". */
const CUSTOM_VOLUME = [
  { re: /^(net(to)?[-_ ]?volumen?|volume[-_ ]?net)$/i, key: 'netVolumeM3' as QKey },
  { re: /^(gross|brutto)[-_ ]?volumen?$/i, key: 'grossVolumeM3' as QKey },
  { re: /^(volume|volumen)$/i, key: 'grossVolumeM3' as QKey },
];
/** Typed properties read as quantities when no quantity set has any volume or weight. */
const PROPERTY_VOLUME = /^((net(to)?|gross|brutto)[-_ ]?)?volumen?$|^volume[-_ ]?(net|gross)$/i;
const PROPERTY_WEIGHT = /^((net|gross)[-_ ]?)?(weight|mass|gewicht|masse)$/i;
const MEASURED_SOURCES: readonly MassSource[] = ['declared', 'weight', 'netVolume', 'grossVolume'];

/** Geometry volumes for elements without any quantity are on unless `geometry: false`. */
export const GEOMETRY_DEFAULT = true;

const round = (x: number, digits = 6) => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

/** Builds the passport and report from an opened model. Throws MatbankError for bad input. */
export function extractPassport(
  api: IfcAPI,
  input: PreparedInput,
  opts: ExtractOptions,
): { passport: Passport; report: ImportReport } {
  const t0 = performance.now();
  const where = input.zipEntry ? `${opts.fileName}!${input.zipEntry}` : opts.fileName;
  const progress = opts.onProgress ?? (() => {});
  progress({ phase: 'open', done: 0, total: 1 });
  let modelID: number;
  try {
    modelID = api.OpenModel(input.bytes, {
      COORDINATE_TO_ORIGIN: false,
      ALLOW_INCOMPATIBLE_SCHEMA_ALIASES: false,
    });
  } catch (e) {
    throw new MatbankError(
      'BAD_INPUT',
      `${where}: web-ifc cannot read the file (${(e as Error).message})`,
      [],
      { cause: e },
    );
  }
  if (modelID < 0)
    throw new MatbankError(
      'BAD_INPUT',
      `${where}: web-ifc cannot open the file (schema ${input.schemaId})`,
    );
  try {
    progress({ phase: 'open', done: 1, total: 1 });
    return extractOpened(api, modelID, input, opts, where, t0);
  } finally {
    api.CloseModel(modelID);
  }
}

function extractOpened(
  api: IfcAPI,
  modelID: number,
  input: PreparedInput,
  opts: ExtractOptions,
  where: string,
  t0: number,
) {
  const progress = opts.onProgress ?? (() => {});
  const geometryOn = opts.geometry ?? GEOMETRY_DEFAULT;
  const warnings: ImportWarning[] = [];
  const typeNames = new Map<number, string>();
  const typeName = (code: number): string => {
    let n = typeNames.get(code);
    if (n === undefined) {
      n = (api.GetNameFromTypeCode(code) || `#${code}`).toUpperCase();
      typeNames.set(code, n);
    }
    return n;
  };
  const reader = opts.rawReader === 'web-ifc' ? undefined : new StepReader(input.bytes);
  const viaEngine = (id: number): Line | undefined => {
    try {
      const raw = api.GetRawLineData(modelID, id);
      return raw && Array.isArray(raw.arguments)
        ? { type: typeName(raw.type), args: raw.arguments as RawValue[] }
        : undefined;
    } catch {
      return undefined;
    }
  };
  /** Raw line without caching: for lines read exactly once (relations, elements). */
  const once = (id: number): Line | undefined =>
    reader ? (reader.read(id) ?? viaEngine(id)) : viaEngine(id);
  const cache = new Map<number, Line | null>();
  const line = (id: number): Line | undefined => {
    const c = cache.get(id);
    if (c !== undefined) return c ?? undefined;
    const out = once(id);
    cache.set(id, out ?? null);
    return out;
  };
  const idsOf = (code: number, inherited = false): number[] => {
    const v = api.GetLineIDsWithType(modelID, code, inherited);
    const n = v.size();
    const out = new Array<number>(n);
    for (let i = 0; i < n; i++) out[i] = v.get(i);
    return out;
  };

  // ---- units -------------------------------------------------------------------------
  const units: UnitFactors = readUnits(idsOf(W.IFCUNITASSIGNMENT), line);
  const quantityUnitFactor = (unitRef: number | undefined, fallback: number): number => {
    if (unitRef === undefined) return fallback;
    return unitFactor(unitRef, line).factor ?? fallback;
  };

  // ---- elements ----------------------------------------------------------------------
  const excluded = new Set<number>();
  for (const code of PHYSICAL_EXCLUDED) for (const id of idsOf(code, true)) excluded.add(id);
  const elementIds = idsOf(W.IFCELEMENT, true).filter((id) => !excluded.has(id));
  elementIds.sort((a, b) => a - b);
  const elementSet = new Set(elementIds);
  const groupsOf = new Map<number, string[]>();
  for (const [group, code] of Object.entries(GROUPS)) {
    for (const id of idsOf(code, true)) {
      if (!elementSet.has(id)) continue;
      const g = groupsOf.get(id);
      if (g) g.push(group);
      else groupsOf.set(id, [group]);
    }
  }
  progress({ phase: 'index', done: 0, total: 6 });

  // ---- one pass over the relations ---------------------------------------------------
  const typeOf = new Map<number, number>();
  const psetsOf = new Map<number, number[]>();
  const materialOf = new Map<number, number>();
  const classOf = new Map<number, number>();
  const containerOf = new Map<number, number>();
  const parentOf = new Map<number, number>();
  const childrenOf = new Map<number, number[]>();
  const push = (m: Map<number, number[]>, k: number, v: number) => {
    const a = m.get(k);
    if (a) a.push(v);
    else m.set(k, [v]);
  };
  const relPass = (
    code: number,
    objectsAt: number,
    targetAt: number,
    fn: (obj: number, target: RawValue) => void,
  ) => {
    for (const id of idsOf(code)) {
      const l = once(id);
      if (!l) continue;
      const target = l.args[targetAt];
      for (const obj of refs(l.args[objectsAt])) fn(obj, target);
    }
  };
  relPass(W.IFCRELDEFINESBYTYPE, 4, 5, (o, t) => {
    const r = ref(t);
    if (r !== undefined) typeOf.set(o, r);
  });
  progress({ phase: 'index', done: 1, total: 6 });
  relPass(W.IFCRELDEFINESBYPROPERTIES, 4, 5, (o, t) => {
    for (const r of refs(t)) push(psetsOf, o, r);
  });
  progress({ phase: 'index', done: 2, total: 6 });
  relPass(W.IFCRELASSOCIATESMATERIAL, 4, 5, (o, t) => {
    const r = ref(t);
    if (r !== undefined && !materialOf.has(o)) materialOf.set(o, r);
  });
  progress({ phase: 'index', done: 3, total: 6 });
  relPass(W.IFCRELASSOCIATESCLASSIFICATION, 4, 5, (o, t) => {
    const r = ref(t);
    if (r !== undefined && !classOf.has(o)) classOf.set(o, r);
  });
  // Containment lists the elements first (4) and the structure second (5).
  relPass(W.IFCRELCONTAINEDINSPATIALSTRUCTURE, 4, 5, (o, t) => {
    const r = ref(t);
    if (r !== undefined) containerOf.set(o, r);
  });
  progress({ phase: 'index', done: 4, total: 6 });
  // Aggregation lists the whole first (4) and the parts second (5).
  for (const id of idsOf(W.IFCRELAGGREGATES)) {
    const l = once(id);
    if (!l) continue;
    const whole = ref(l.args[4]);
    if (whole === undefined) continue;
    for (const part of refs(l.args[5])) {
      parentOf.set(part, whole);
      push(childrenOf, whole, part);
    }
  }
  progress({ phase: 'index', done: 6, total: 6 });

  // ---- material densities from the model ---------------------------------------------
  const modelDensity = new Map<number, ModelDensity>();
  const setDensity = (matId: number | undefined, value: number | undefined, factor: number) => {
    if (matId === undefined || value === undefined) return;
    const prev = modelDensity.get(matId);
    if (prev?.densityKgPerM3 !== undefined) return;
    const d = value * factor;
    modelDensity.set(
      matId,
      d > 0 ? { densityKgPerM3: d, placeholder: false } : { placeholder: true },
    );
  };
  /** A property's value and factor to SI: the property's own Unit (IfcPropertySingleValue) wins. */
  const densityProp = (
    props: readonly number[],
    wanted: RegExp,
  ): { value?: number; factor: number } => {
    for (const p of props) {
      const pl = line(p);
      if (!pl) continue;
      const n = str(pl.args[0]);
      if (n && wanted.test(n))
        return {
          value: num(pl.args[2] as RawValue),
          factor: quantityUnitFactor(ref(pl.args[3]), units.densityToKgPerM3),
        };
    }
    return { factor: units.densityToKgPerM3 };
  };
  const MASS_DENSITY = /^mass\s?density$/i;
  if (input.schema === 'IFC2X3') {
    for (const id of idsOf(W.IFCGENERALMATERIALPROPERTIES)) {
      const l = once(id);
      if (l) setDensity(ref(l.args[0]), num(l.args[3]), units.densityToKgPerM3);
    }
    for (const id of idsOf(W.IFCEXTENDEDMATERIALPROPERTIES)) {
      const l = once(id);
      if (!l) continue;
      const d = densityProp(refs(l.args[1]), MASS_DENSITY);
      setDensity(ref(l.args[0]), d.value, d.factor);
    }
  } else {
    for (const id of idsOf(W.IFCMATERIALPROPERTIES)) {
      const l = once(id);
      if (!l) continue;
      const d = densityProp(refs(l.args[2]), MASS_DENSITY);
      setDensity(ref(l.args[3]), d.value, d.factor);
    }
  }

  // ---- psets -------------------------------------------------------------------------
  const psetCache = new Map<number, ParsedPset | null>();
  const relevantPset = (name: string) =>
    /^pset_\w*common$/i.test(name) ||
    /madaster/i.test(name) ||
    /servicelife/i.test(name) ||
    /^pset_manufacturer(type|occurrence)information$/i.test(name);
  /** One IfcQuantityVolume/Area/Length/Weight in SI units (its own Unit wins over the file's). */
  const simpleQuantity = (ql: Line): ParsedQuantity | undefined => {
    const value = num(ql.args[3]);
    const qname = str(ql.args[0]);
    if (value === undefined || qname === undefined) return undefined;
    const unit = ref(ql.args[2]);
    let si: number;
    switch (ql.type) {
      case 'IFCQUANTITYVOLUME':
        si = value * quantityUnitFactor(unit, units.volumeToM3);
        break;
      case 'IFCQUANTITYAREA':
        si = value * quantityUnitFactor(unit, units.areaToM2);
        break;
      case 'IFCQUANTITYLENGTH':
        si = value * quantityUnitFactor(unit, units.lengthToM);
        break;
      case 'IFCQUANTITYWEIGHT':
        si = value * quantityUnitFactor(unit, units.massToKg);
        break;
      case 'IFCQUANTITYCOUNT':
        si = value;
        break;
      default:
        return undefined;
    }
    return { kind: ql.type, name: qname, value: si };
  };
  const parsePset = (id: number): ParsedPset | undefined => {
    const c = psetCache.get(id);
    if (c !== undefined) return c ?? undefined;
    let out: ParsedPset | null = null;
    const l = line(id);
    if (l?.type === 'IFCELEMENTQUANTITY') {
      const name = str(l.args[2]) ?? '';
      const method = str(l.args[4]) ?? '';
      const quantities: ParsedQuantity[] = [];
      let complex: Map<string, PartQuantities> | undefined;
      for (const q of refs(l.args[5])) {
        const ql = line(q);
        if (!ql) continue;
        if (ql.type === 'IFCPHYSICALCOMPLEXQUANTITY') {
          // Quantities of one constituent / layer, named after it (IFC4 quantity use).
          const cname = str(ql.args[0]);
          if (cname === undefined) continue;
          const part: PartQuantities = {};
          for (const sub of refs(ql.args[2])) {
            const sl = line(sub);
            const sq = sl ? simpleQuantity(sl) : undefined;
            if (!sq || !(sq.value > 0)) continue;
            const key = PART_KEYS[sq.kind]?.[sq.name.toLowerCase()];
            if (key && part[key] === undefined) part[key] = sq.value;
          }
          if (Object.keys(part).length > 0) {
            complex ??= new Map();
            if (!complex.has(cname.toLowerCase())) complex.set(cname.toLowerCase(), part);
          }
          continue;
        }
        const sq = simpleQuantity(ql);
        if (sq) quantities.push(sq);
      }
      out = {
        name,
        isQto: true,
        // IFC2X3 writes the standard set as 'BaseQuantities'; MethodOfMeasurement may say so.
        standardQto: /^(qto_|basequantities$)/i.test(name) || /^basequantities$/i.test(method),
        props: new Map(),
        quantities,
        ...(complex ? { complex } : {}),
      };
    } else if (l?.type === 'IFCPROPERTYSET') {
      const name = str(l.args[2]) ?? '';
      const props = new Map<string, RawValue>();
      if (relevantPset(name)) {
        for (const p of refs(l.args[4])) {
          const pl = line(p);
          if (!pl) continue;
          const pn = str(pl.args[0]);
          if (pn === undefined) continue;
          if (pl.type === 'IFCPROPERTYSINGLEVALUE') props.set(pn, pl.args[2]);
          else if (pl.type === 'IFCPROPERTYENUMERATEDVALUE') props.set(pn, list(pl.args[2])[0]);
        }
      }
      out = { name, isQto: false, standardQto: false, props, quantities: [] };
    }
    psetCache.set(id, out);
    return out ?? undefined;
  };
  /** The measure type of a typed property value (IFCVOLUMEMEASURE …), from either reader. */
  const measureOf = (v: RawValue): string | undefined => {
    if (v === null || v === undefined || Array.isArray(v)) return undefined;
    if (v.typeName !== undefined) return v.typeName;
    return v.typecode !== undefined ? typeName(v.typecode) : undefined;
  };
  const measureCache = new Map<number, { key: QKey; value: number }[]>();
  /**
   * Volumes and weights given as typed properties in any property set — Revit writes
   * PSet_Revit_Dimensions.Volume (IfcVolumeMeasure), Tekla and others a Weight
   * (IfcMassMeasure). In SI, the property's own Unit winning over the file's.
   */
  const psetMeasures = (id: number): { key: QKey; value: number }[] => {
    const c = measureCache.get(id);
    if (c) return c;
    const out: { key: QKey; value: number }[] = [];
    const l = line(id);
    if (l?.type === 'IFCPROPERTYSET') {
      for (const pid of refs(l.args[4])) {
        const pl = line(pid);
        if (pl?.type !== 'IFCPROPERTYSINGLEVALUE') continue;
        const pname = str(pl.args[0]);
        const measure = measureOf(pl.args[2]);
        const value = num(pl.args[2]);
        if (pname === undefined || value === undefined || !(value > 0)) continue;
        const unit = ref(pl.args[3]);
        if (measure === 'IFCVOLUMEMEASURE' && PROPERTY_VOLUME.test(pname)) {
          const key: QKey = /net/i.test(pname) ? 'netVolumeM3' : 'grossVolumeM3';
          out.push({ key, value: value * quantityUnitFactor(unit, units.volumeToM3) });
        } else if (measure === 'IFCMASSMEASURE' && PROPERTY_WEIGHT.test(pname)) {
          out.push({
            key: 'grossWeightKg',
            value: value * quantityUnitFactor(unit, units.massToKg),
          });
        }
      }
    }
    measureCache.set(id, out);
    return out;
  };

  // ---- materials ---------------------------------------------------------------------
  const matDefCache = new Map<number, MaterialDef | null>();
  const materialName = (id: number | undefined): string | undefined =>
    id === undefined ? undefined : str(line(id)?.args[0]);
  const profileAreaM2 = (id: number | undefined): number | undefined => {
    const l = id === undefined ? undefined : line(id);
    if (!l) return undefined;
    const a = (i: number) => num(l.args[i]);
    const L = units.lengthToM;
    let mm2: number | undefined;
    switch (l.type) {
      case 'IFCRECTANGLEPROFILEDEF': {
        const x = a(3),
          y = a(4);
        if (x !== undefined && y !== undefined) mm2 = x * y;
        break;
      }
      case 'IFCRECTANGLEHOLLOWPROFILEDEF': {
        const x = a(3),
          y = a(4),
          t = a(5);
        if (x !== undefined && y !== undefined && t !== undefined)
          mm2 = x * y - (x - 2 * t) * (y - 2 * t);
        break;
      }
      case 'IFCCIRCLEPROFILEDEF': {
        const r = a(3);
        if (r !== undefined) mm2 = Math.PI * r * r;
        break;
      }
      case 'IFCCIRCLEHOLLOWPROFILEDEF': {
        const r = a(3),
          t = a(4);
        if (r !== undefined && t !== undefined) mm2 = Math.PI * (r * r - (r - t) * (r - t));
        break;
      }
      case 'IFCISHAPEPROFILEDEF': {
        const b = a(3),
          h = a(4),
          tw = a(5),
          tf = a(6);
        if (b !== undefined && h !== undefined && tw !== undefined && tf !== undefined)
          mm2 = 2 * b * tf + (h - 2 * tf) * tw;
        break;
      }
    }
    return mm2 === undefined || !(mm2 > 0) ? undefined : mm2 * L * L;
  };
  /**
   * Length and cross-section of a reinforcing bar (CrossSectionArea, else π d²/4 from
   * NominalDiameter; BarLength) or mesh (MeshLength × MeshWidth × Σ bar area / spacing, as
   * length × cross-section), from the occurrence, else its IfcReinforcingBar/MeshType.
   */
  const reinforcementDims = (
    el: Line,
    typeLine: Line | undefined,
  ): { lengthM?: number; crossSectionAreaM2?: number } => {
    const L = units.lengthToM;
    const positive = (x: number | undefined) => (x !== undefined && x > 0 ? x : undefined);
    const circle = (d: number | undefined) =>
      d === undefined ? undefined : (Math.PI * (d * L) ** 2) / 4;
    const barArea = (area: number | undefined, d: number | undefined) =>
      positive(area) !== undefined ? area! * units.areaToM2 : circle(positive(d));
    if (el.type === 'IFCREINFORCINGBAR') {
      const t = typeLine?.type === 'IFCREINFORCINGBARTYPE' ? typeLine : undefined;
      const at = (occ: number, typ: number) =>
        positive(num(el.args[occ])) ?? (t ? positive(num(t.args[typ])) : undefined);
      const len = at(11, 12);
      return {
        crossSectionAreaM2: barArea(at(10, 11), at(9, 10)),
        lengthM: len === undefined ? undefined : len * L,
      };
    }
    const t = typeLine?.type === 'IFCREINFORCINGMESHTYPE' ? typeLine : undefined;
    const v = (i: number) =>
      positive(num(el.args[9 + i])) ?? (t ? positive(num(t.args[10 + i])) : undefined);
    const len = v(0);
    const wid = v(1);
    const areaL = barArea(v(4), v(2));
    const areaT = barArea(v(5), v(3));
    const sl = v(6);
    const st = v(7);
    if ([len, wid, areaL, areaT, sl, st].some((x) => x === undefined)) return {};
    return {
      lengthM: len! * L,
      crossSectionAreaM2: wid! * L * (areaL! / (sl! * L) + areaT! / (st! * L)),
    };
  };
  const resolveMaterial = (id: number, depth = 0): MaterialDef | undefined => {
    const c = matDefCache.get(id);
    if (c !== undefined) return c ?? undefined;
    const l = line(id);
    let out: MaterialDef | undefined;
    if (l && depth < 4) {
      const layer = (lid: number): MaterialPart | undefined => {
        const ll = line(lid);
        if (!ll) return undefined;
        const mat = ref(ll.args[0]);
        const t = num(ll.args[1]);
        const layerName = str(ll.args[3]);
        // No material and IsVentilated TRUE or UNKNOWN: an air gap by the IFC definition.
        const ventilated = bool(ll.args[2]);
        const air = mat === undefined && (ventilated === true || enumValue(ll.args[2]) === 'U');
        return {
          materialId: mat,
          name:
            materialName(mat) ??
            layerName ??
            (air ? 'Air space (layer without material)' : 'unspecified material (layer)'),
          ...(layerName ? { partName: layerName } : {}),
          ...(air ? { air } : {}),
          thicknessM: t === undefined ? undefined : t * units.lengthToM,
        };
      };
      const constituent = (cid: number): MaterialPart | undefined => {
        const cl = line(cid);
        if (!cl) return undefined;
        const mat = ref(cl.args[2]);
        const partName = str(cl.args[0]);
        return {
          materialId: mat,
          name: materialName(mat) ?? partName,
          ...(partName ? { partName } : {}),
          fraction: num(cl.args[3]),
        };
      };
      const profile = (pid: number): MaterialPart | undefined => {
        const pl = line(pid);
        if (!pl) return undefined;
        const mat = ref(pl.args[2]);
        const partName = str(pl.args[0]);
        return {
          materialId: mat,
          name: materialName(mat) ?? partName,
          ...(partName ? { partName } : {}),
          profileAreaM2: profileAreaM2(ref(pl.args[3])),
        };
      };
      const defined = <T>(xs: (T | undefined)[]) => xs.filter((x): x is T => x !== undefined);
      switch (l.type) {
        case 'IFCMATERIAL':
          out = { kind: 'single', parts: [{ materialId: id, name: str(l.args[0]) }] };
          break;
        case 'IFCMATERIALLIST':
          out = {
            kind: 'list',
            parts: refs(l.args[0]).map((m) => ({ materialId: m, name: materialName(m) })),
          };
          break;
        case 'IFCMATERIALLAYERSETUSAGE':
        case 'IFCMATERIALPROFILESETUSAGE':
        case 'IFCMATERIALPROFILESETUSAGETAPERING': {
          const inner = ref(l.args[0]);
          out = inner === undefined ? undefined : resolveMaterial(inner, depth + 1);
          break;
        }
        case 'IFCMATERIALLAYERSET':
          out = { kind: 'layers', parts: defined(refs(l.args[0]).map(layer)) };
          break;
        case 'IFCMATERIALLAYER':
        case 'IFCMATERIALLAYERWITHOFFSETS': {
          const p = layer(id);
          out = p ? { kind: 'layers', parts: [p] } : undefined;
          break;
        }
        case 'IFCMATERIALCONSTITUENTSET':
          out = { kind: 'constituents', parts: defined(refs(l.args[2]).map(constituent)) };
          break;
        case 'IFCMATERIALCONSTITUENT': {
          const p = constituent(id);
          out = p ? { kind: 'constituents', parts: [p] } : undefined;
          break;
        }
        case 'IFCMATERIALPROFILESET':
          out = { kind: 'profiles', parts: defined(refs(l.args[2]).map(profile)) };
          break;
        case 'IFCMATERIALPROFILE':
        case 'IFCMATERIALPROFILEWITHOFFSETS': {
          const p = profile(id);
          out = p ? { kind: 'profiles', parts: [p] } : undefined;
          break;
        }
      }
    }
    if (out && out.parts.length === 0) out = undefined;
    matDefCache.set(id, out ?? null);
    return out;
  };

  // ---- classification ----------------------------------------------------------------
  const classCache = new Map<number, Classification | null>();
  const resolveClassification = (id: number): Classification | undefined => {
    const c = classCache.get(id);
    if (c !== undefined) return c ?? undefined;
    let out: Classification | undefined;
    const l = line(id);
    if (l?.type === 'IFCCLASSIFICATIONREFERENCE') {
      const code = str(l.args[1]) ?? str(l.args[0]);
      const name = str(l.args[2]);
      let system: string | undefined;
      let src = ref(l.args[3]);
      for (let i = 0; src !== undefined && i < 10; i++) {
        const s = line(src);
        if (!s) break;
        if (s.type === 'IFCCLASSIFICATION') {
          system = str(s.args[3]) ?? str(s.args[0]);
          break;
        }
        src = ref(s.args[3]);
      }
      if (code) out = { system: system ?? 'unknown', code, ...(name ? { name } : {}) };
    }
    classCache.set(id, out ?? null);
    return out;
  };

  // ---- matching ----------------------------------------------------------------------
  const matchCache = new Map<string, MatchResult>();
  const match = (name: string, density: number | undefined): MatchResult => {
    const key = `${name}\u0000${density ?? ''}`;
    let m = matchCache.get(key);
    if (!m) {
      m = matchMaterial(name, opts.library, { densityKgPerM3: density, overrides: opts.overrides });
      matchCache.set(key, m);
    }
    return m;
  };

  // ---- spatial structure & building --------------------------------------------------
  const storeyIds = idsOf(W.IFCBUILDINGSTOREY);
  const storeyNames = new Map<number, string>();
  for (const id of storeyIds) {
    const l = line(id);
    const n = l ? (str(l.args[2]) ?? str(l.args[7])) : undefined;
    if (n) storeyNames.set(id, n);
  }
  const buildingIds = idsOf(W.IFCBUILDING);
  const buildingLine = buildingIds[0] === undefined ? undefined : line(buildingIds[0]);
  if (buildingIds.length > 1)
    warnings.push({
      code: 'MANY_BUILDINGS',
      message: `the model has ${buildingIds.length} IfcBuilding; the passport takes the first one's name and address`,
    });

  // ---- per element -------------------------------------------------------------------
  interface Work {
    expressId: number;
    element: Element;
    hasOwnMaterial: boolean;
    ref: ElementRef;
    needsGeometry?: { def: MaterialDef; densities: (number | undefined)[] };
    /** Material from a layer set: air and framing layers are treated apart (layer-roles.ts). */
    layered?: boolean;
    /** Per material use: a layer without material marked as an air gap (IsVentilated). */
    airParts?: boolean[];
  }
  const works: Work[] = [];
  const byExpress = new Map<number, Work>();
  const seenGuid = new Map<string, number>();
  const densityWarned = new Set<number>();
  const noDensityWarned = new Set<string>();
  const total = elementIds.length;
  const progressEvery = Math.max(1, Math.floor(total / 100));

  for (let n = 0; n < total; n++) {
    const eid = elementIds[n]!;
    if (n % progressEvery === 0) progress({ phase: 'elements', done: n, total });
    const el = once(eid);
    if (!el) continue;
    const ifcClassUpper = el.type;
    const ifcClass = api.GetNameFromTypeCode(api.GetLineType(modelID, eid)) || ifcClassUpper;
    let guid = str(el.args[0]) ?? `express-${eid}`;
    const name = str(el.args[2]);
    const typeId = typeOf.get(eid);
    const typeLine = typeId === undefined ? undefined : line(typeId);
    const elementRef: ElementRef = {
      id: guid,
      ifcGlobalId: guid,
      ifcClass,
      ...(name ? { name } : {}),
    };
    const prev = seenGuid.get(guid);
    if (prev !== undefined) {
      const fresh = `${guid}#${eid}`;
      warnings.push({
        code: 'DUPLICATE_GLOBALID',
        message: `GlobalId ${guid} is used by #${prev} and #${eid}; this one is stored as ${fresh}`,
        element: elementRef,
      });
      guid = fresh;
      elementRef.id = fresh;
    }
    seenGuid.set(guid, eid);

    // Properties: the type's first, the occurrence's override them by name.
    const props = new Map<string, RawValue>();
    const madaster = new Map<string, RawValue>();
    const q: Quantities = {};
    const qPriority: Partial<Record<QKey, number>> = {};
    const setQ = (key: QKey, value: number, priority: number) => {
      if ((qPriority[key] ?? -1) >= priority) return;
      q[key] = value;
      qPriority[key] = priority;
    };
    const psetIds = [...(typeLine ? refs(typeLine.args[5]) : []), ...(psetsOf.get(eid) ?? [])];
    let partQ: Map<string, PartQuantities> | undefined;
    /** Qto_ReinforcingElementBaseQuantities.Count: items of which Length is each one's. */
    let itemCount: number | undefined;
    psetIds.forEach((pid, i) => {
      const p = parsePset(pid);
      if (!p) return;
      if (p.complex) {
        partQ ??= new Map();
        for (const [k, v] of p.complex) partQ.set(k, v);
      }
      // Occurrence psets come after the type's in psetIds, so later wins at equal standing.
      const standing = i;
      if (p.isQto) {
        for (const qq of p.quantities) {
          const lower = qq.name.toLowerCase();
          const base = p.standardQto ? 2_000_000 : 1_000_000;
          let key: QKey | undefined;
          let prio = base + standing;
          if (qq.kind === 'IFCQUANTITYVOLUME') {
            key = VOLUME_NAMES[lower];
            if (!key && !p.standardQto) {
              const hit = CUSTOM_VOLUME.findIndex((c) => c.re.test(qq.name));
              if (hit >= 0) {
                key = CUSTOM_VOLUME[hit]!.key;
                prio = base - 1000 * (hit + 1) + standing;
              }
            }
          } else if (qq.kind === 'IFCQUANTITYWEIGHT') {
            key =
              WEIGHT_NAMES[lower] ??
              (/weight|mass|gewicht|masse/i.test(qq.name) ? 'grossWeightKg' : undefined);
          } else if (qq.kind === 'IFCQUANTITYAREA') {
            key = AREA_NAMES[lower];
          } else if (qq.kind === 'IFCQUANTITYLENGTH') {
            key = LENGTH_NAMES[lower];
          } else if (qq.kind === 'IFCQUANTITYCOUNT' && lower === 'count' && qq.value >= 1) {
            itemCount = Math.round(qq.value);
          }
          // A 0 is an exporter's "not computed", not a quantity (Revit writes NetVolume 0).
          if (key && qq.value > 0) setQ(key, qq.value, prio);
        }
      } else {
        const target = /madaster/i.test(p.name) ? madaster : props;
        for (const [k, v] of p.props) target.set(k, v);
      }
    });
    // No volume or weight in any quantity set: the model may still state them as typed
    // properties (Revit's PSet_Revit_Dimensions.Volume). Its own figure, so before geometry.
    if (
      q.netWeightKg === undefined &&
      q.grossWeightKg === undefined &&
      q.netVolumeM3 === undefined &&
      q.grossVolumeM3 === undefined
    ) {
      psetIds.forEach((pid, i) => {
        for (const m of psetMeasures(pid)) setQ(m.key, m.value, i);
      });
    }

    // Classification, layer inputs.
    const classRef = classOf.get(eid) ?? (typeId === undefined ? undefined : classOf.get(typeId));
    const classification = classRef === undefined ? undefined : resolveClassification(classRef);
    const isExternal = bool(props.get('IsExternal'));
    const loadBearing = bool(props.get('LoadBearing'));
    const parent = parentOf.get(eid);
    const parentLine = parent !== undefined && elementSet.has(parent) ? line(parent) : undefined;
    let containerLayer: Layer | undefined;
    if (parentLine && CONTAINER_CLASSES.has(parentLine.type)) {
      containerLayer =
        byExpress.get(parent!)?.element.layer ??
        decideLayer({ ifcClass: parentLine.type, ancestors: [] }).layer;
    }
    const decision = decideLayer({
      ifcClass: ifcClassUpper,
      ancestors: groupsOf.get(eid) ?? [],
      isExternal,
      loadBearing,
      classification,
      containerLayer,
    });
    if (decision.assumption)
      warnings.push({ code: 'LAYER_ASSUMED', message: decision.assumption, element: elementRef });

    // Storey: own containment, else the whole's.
    let storey: string | undefined;
    for (let cur: number | undefined = eid, i = 0; cur !== undefined && i < 8; i++) {
      const s = containerOf.get(cur);
      if (s !== undefined) {
        storey = storeyNames.get(s);
        break;
      }
      cur = parentOf.get(cur);
    }

    // Reinforcement: bar/mesh dimensions from the occurrence (else its type) as length ×
    // cross-section, below any Qto quantity (priority 0).
    let rebar = false;
    if (ifcClassUpper === 'IFCREINFORCINGBAR' || ifcClassUpper === 'IFCREINFORCINGMESH') {
      rebar = true;
      const dims = reinforcementDims(el, typeLine);
      if (dims.lengthM !== undefined) setQ('lengthM', dims.lengthM, 0);
      if (dims.crossSectionAreaM2 !== undefined)
        setQ('crossSectionAreaM2', dims.crossSectionAreaM2, 0);
      // One occurrence can stand for a set of bars (a Revit rebar set): IFC 4.3 gives Count
      // as the number of items and Length as "the length of the object", i.e. of one item.
      // Weight and volume quantities are totals already.
      if (itemCount !== undefined && itemCount > 1 && q.lengthM !== undefined)
        q.lengthM *= itemCount;
    }

    // Materials: the occurrence's association overrides the type's.
    const matRef =
      materialOf.get(eid) ?? (typeId === undefined ? undefined : materialOf.get(typeId));
    let def = matRef === undefined ? undefined : resolveMaterial(matRef);
    if (!def && rebar) {
      // Reinforcement is steel: without a material association, the SteelGrade names it.
      const grade = str(el.args[8]);
      const assumed = grade ? `Reinforcing steel (${grade})` : 'Reinforcing steel';
      def = { kind: 'single', parts: [{ name: assumed }] };
      warnings.push({
        code: 'MATERIAL_ASSUMED',
        message: `reinforcement without a material association: taken as "${assumed}"`,
        element: elementRef,
      });
    }
    const materials: MaterialUse[] = [];
    let needsGeometry: Work['needsGeometry'];
    if (def) {
      const densities = def.parts.map((part) => {
        if (part.materialId === undefined) return undefined;
        const md = modelDensity.get(part.materialId);
        if (md?.placeholder && !densityWarned.has(part.materialId)) {
          densityWarned.add(part.materialId);
          warnings.push({
            code: 'DENSITY_PLACEHOLDER',
            message: `material "${part.name ?? '?'}" has MassDensity 0 in the model, a placeholder: the library density is used instead`,
            element: elementRef,
          });
        }
        return md?.densityKgPerM3;
      });
      const computed = computeUses(ifcClassUpper, def, q, densities, undefined, partQ);
      if (computed.warning)
        warnings.push({
          code: computed.warning.code,
          message: computed.warning.message,
          element: elementRef,
        });
      for (const u of computed.uses) materials.push(u);
      if (computed.noQuantity && geometryOn) needsGeometry = { def, densities };
    }

    const lifespan = serviceLifeYears(props);
    const detachability = readDetachability(madaster);
    const ewc = readEwc(madaster);
    if (ewc) for (const m of materials) m.ewcCode = ewc;
    const typeName = typeLine ? str(typeLine.args[2]) : undefined;
    const manufacturer = str(props.get('Manufacturer'));
    const gtinRaw = str(props.get('GlobalTradeItemNumber'));
    const gtin = gtinRaw && /^\d{8}(\d{4,6})?$/.test(gtinRaw) ? gtinRaw : undefined;
    const element: Element = {
      id: guid,
      ...(name ? { name } : {}),
      layer: decision.layer,
      ifcClass,
      ifcGlobalId: str(el.args[0]) ?? guid,
      ...(storey ? { storey } : {}),
      ...(classification ? { classification } : {}),
      ...(lifespan ? { lifespanYears: lifespan } : {}),
      ...(detachability ? { detachability } : {}),
      ...(typeName || manufacturer || gtin
        ? {
            product: {
              ...(typeName ? { name: typeName } : {}),
              ...(manufacturer ? { manufacturer } : {}),
              ...(gtin ? { gtin } : {}),
            },
          }
        : {}),
      materials,
    };
    const work: Work = {
      expressId: eid,
      element,
      hasOwnMaterial: def !== undefined,
      ref: elementRef,
      needsGeometry,
      layered: def?.kind === 'layers',
      ...(def?.parts.some((p) => p.air) ? { airParts: def.parts.map((p) => p.air === true) } : {}),
    };
    works.push(work);
    byExpress.set(eid, work);
  }
  progress({ phase: 'elements', done: total, total });

  // ---- geometry fallback -------------------------------------------------------------
  const geomTargets = works.filter((w) => w.needsGeometry);
  if (geometryOn && geomTargets.length > 0) {
    const volumes = geometryVolumesM3(
      api,
      modelID,
      geomTargets.map((w) => w.expressId),
      (done, all) => progress({ phase: 'geometry', done, total: all }),
    );
    for (const w of geomTargets) {
      const g = volumes.get(w.expressId);
      if (!w.needsGeometry) continue;
      if (g?.volumeM3 === undefined) {
        if (g && g.refused !== 'empty') {
          const share = g.edges > 0 ? `${round((100 * g.openEdges) / g.edges, 1)} %` : '0 %';
          const why =
            g.refused === 'open'
              ? `${g.openEdges} of ${g.edges} edges (${share}) bound only one triangle`
              : g.refused === 'non-manifold'
                ? `${g.nonManifoldEdges} of ${g.edges} edges are shared by three or more triangles`
                : 'its faces cannot be oriented consistently';
          warnings.push({
            code: 'GEOMETRY_OPEN',
            message: `body mesh is not a closed solid (${why}): no volume taken from geometry`,
            element: w.ref,
          });
        }
        continue;
      }
      if (g.duplicates > 0)
        warnings.push({
          code: 'GEOMETRY_DUPLICATE',
          message: `${g.duplicates} body piece(s) listed twice with the same placement were counted once`,
          element: w.ref,
        });
      const computed = computeUses(
        w.element.ifcClass?.toUpperCase() ?? '',
        w.needsGeometry.def,
        {},
        w.needsGeometry.densities,
        g.volumeM3,
      );
      w.element.materials = computed.uses;
    }
  }

  // ---- air and framing layers ----------------------------------------------------------
  const overridden = (name: string) => opts.overrides?.[normaliseMaterialName(name)] !== undefined;
  const airLayers = new Map<string, { uses: number; volumeM3: number; ref: ElementRef }>();
  const framingLayers = new Map<
    string,
    { uses: number; layerM3: number; steelM3: number; ref: ElementRef }
  >();
  for (const w of works) {
    if (!w.layered) continue;
    const kept: MaterialUse[] = [];
    for (const [i, m] of w.element.materials.entries()) {
      const name = m.name ?? '';
      if ((w.airParts?.[i] || isAirLayer(name)) && !overridden(name)) {
        const a = airLayers.get(name) ?? { uses: 0, volumeM3: 0, ref: w.ref };
        a.uses++;
        a.volumeM3 += m.volumeM3 ?? 0;
        airLayers.set(name, a);
        continue;
      }
      if (isMetalFramingLayer(name) && m.massSource !== 'weight') {
        const f = framingSteelFraction(m.thicknessM ?? 0.092075);
        const fr = framingLayers.get(name) ?? { uses: 0, layerM3: 0, steelM3: 0, ref: w.ref };
        fr.uses++;
        if (m.volumeM3 !== undefined) {
          fr.layerM3 += m.volumeM3;
          m.volumeM3 = round(m.volumeM3 * f, 9);
          fr.steelM3 += m.volumeM3;
        }
        if (m.massKg !== undefined) m.massKg = round(m.massKg * f, 3);
        framingLayers.set(name, fr);
      }
      kept.push(m);
    }
    w.element.materials = kept;
  }
  for (const [name, a] of airLayers) {
    warnings.push({
      code: 'AIR_LAYER',
      message: `layer "${name}" is an air space or cavity: no material use, no mass (${a.uses} layer(s), ${round(a.volumeM3, 3)} m³ of air)`,
      element: a.ref,
    });
  }
  for (const [name, fr] of framingLayers) {
    warnings.push({
      code: 'FRAMING_LAYER',
      message: `layer "${name}" is a metal stud/framing zone, mostly air: its volume is the steel in it by the assumed stud section and spacing (docs/import.md) — ${fr.uses} layer(s), ${round(fr.layerM3, 3)} m³ of layer → ${round(fr.steelM3, 4)} m³ of steel`,
      element: fr.ref,
    });
  }

  // ---- matching, densities, masses ---------------------------------------------------
  for (const w of works) {
    for (const m of w.element.materials) {
      const name = m.name ?? '';
      const res = match(name, m.densityKgPerM3);
      if (res.materialId !== undefined) {
        m.materialId = res.materialId;
        if (m.densityKgPerM3 === undefined && m.volumeM3 !== undefined && m.massKg === undefined) {
          const lib = opts.library.get(res.materialId);
          if (lib && lib.densityKgPerM3 > 0) {
            m.massKg = round(m.volumeM3 * lib.densityKgPerM3, 3);
          }
        }
      }
      if (m.massKg === undefined && m.volumeM3 !== undefined && !noDensityWarned.has(name)) {
        noDensityWarned.add(name);
        warnings.push({
          code: 'NO_DENSITY',
          message: `material "${name}" has a volume but no density (none in the model, no library match): no mass`,
          element: w.ref,
        });
      }
      if (m.massKg === undefined) delete m.massSource;
    }
  }

  // A whole whose parts carry the mass (a roof of slabs) must not count it twice — at any
  // depth (an assembly of sub-assemblies of plates): decided on the masses before any is
  // dropped, so the order of the elements in the file does not matter.
  const hasOwnMass = (w: Work) => w.element.materials.some((m) => m.massKg !== undefined);
  const carriedBelow = new Map<number, boolean>();
  const partsCarryMass = (id: number, depth = 0): boolean => {
    const c = carriedBelow.get(id);
    if (c !== undefined) return c;
    let out = false;
    if (depth < 32) {
      for (const k of childrenOf.get(id) ?? []) {
        const kw = byExpress.get(k);
        if (kw && (hasOwnMass(kw) || partsCarryMass(k, depth + 1))) {
          out = true;
          break;
        }
      }
    }
    carriedBelow.set(id, out);
    return out;
  };
  for (const w of works) if (childrenOf.has(w.expressId)) partsCarryMass(w.expressId);
  for (const w of works) {
    const kids = (childrenOf.get(w.expressId) ?? [])
      .map((k) => byExpress.get(k))
      .filter((k): k is Work => k !== undefined);
    if (kids.length === 0 || w.element.materials.length === 0) continue;
    if (carriedBelow.get(w.expressId) && hasOwnMass(w)) {
      for (const m of w.element.materials) {
        delete m.massKg;
        delete m.massSource;
        delete m.volumeM3;
      }
      warnings.push({
        code: 'MASS_ON_PARTS',
        message: `its parts (${kids.length}) carry their own quantities; its own are dropped so that the mass is not counted twice`,
        element: w.ref,
      });
    }
  }

  // ---- report ------------------------------------------------------------------------
  const bySourceKg: Partial<Record<MassSource, number>> = {};
  let totalKg = 0;
  const unmatched = new Map<
    string,
    {
      name: string;
      massKg: number;
      volumeM3: number;
      usesWithoutMass: number;
      uses: number;
      reason: string;
    }
  >();
  const materialNames = new Set<string>();
  let uses = 0;
  const elementsWithoutMaterial: ElementRef[] = [];
  const elementsWithoutQuantity: ElementRef[] = [];
  for (const w of works) {
    const mats = w.element.materials;
    if (mats.length === 0) {
      const kids = childrenOf.get(w.expressId) ?? [];
      const partsCarry = kids.some((k) => (byExpress.get(k)?.element.materials.length ?? 0) > 0);
      if (!partsCarry) elementsWithoutMaterial.push(w.ref);
      continue;
    }
    const quantified = (ms: readonly MaterialUse[]) =>
      ms.some((m) => m.massKg !== undefined || m.volumeM3 !== undefined);
    if (!quantified(mats)) {
      const kids = childrenOf.get(w.expressId) ?? [];
      if (!kids.some((k) => quantified(byExpress.get(k)?.element.materials ?? [])))
        elementsWithoutQuantity.push(w.ref);
    }
    for (const m of mats) {
      uses++;
      const name = m.name ?? m.materialId ?? '';
      materialNames.add(name);
      if (m.massKg !== undefined) {
        totalKg += m.massKg;
        if (m.massSource) bySourceKg[m.massSource] = (bySourceKg[m.massSource] ?? 0) + m.massKg;
      }
      if (m.materialId === undefined) {
        const res = match(name, m.densityKgPerM3);
        const u = unmatched.get(name) ?? {
          name,
          massKg: 0,
          volumeM3: 0,
          usesWithoutMass: 0,
          uses: 0,
          reason: res.materialId === undefined ? res.reason : 'unmatched',
        };
        u.massKg += m.massKg ?? 0;
        u.volumeM3 += m.volumeM3 ?? 0;
        if (m.massKg === undefined) u.usesWithoutMass++;
        u.uses++;
        unmatched.set(name, u);
      }
    }
  }
  const measuredKg = MEASURED_SOURCES.reduce((s, k) => s + (bySourceKg[k] ?? 0), 0);
  for (const k of Object.keys(bySourceKg) as MassSource[]) bySourceKg[k] = round(bySourceKg[k]!, 3);

  const fileBase = opts.fileName.replace(/^.*[\\/]/, '').replace(/\.(ifczip|ifc|zip)$/i, '');
  const derivedRef =
    fileBase
      .replace(/[^\p{L}\p{N}._-]+/gu, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 100) || 'ifc-import';
  const building: Passport['building'] = { ref: opts.buildingRef ?? derivedRef };
  if (buildingLine) {
    const bname = str(buildingLine.args[7]) ?? str(buildingLine.args[2]);
    if (bname) building.name = bname;
    const addrId = ref(buildingLine.args[11]);
    const addr = addrId === undefined ? undefined : line(addrId);
    if (addr?.type === 'IFCPOSTALADDRESS') {
      const lines = list(addr.args[4])
        .map((v) => str(v))
        .filter((s): s is string => s !== undefined && !/^enter address here$/i.test(s));
      const town = str(addr.args[6]);
      const postal = str(addr.args[8]);
      const region = str(addr.args[7]);
      const parts = [...lines, [postal, town].filter(Boolean).join(' '), region].filter(
        (s): s is string => !!s && s.trim() !== '',
      );
      if (parts.length) building.address = parts.join(', ');
      if (town) building.city = town;
      const country = str(addr.args[9]);
      if (country && /^[A-Z]{2}$/.test(country)) building.country = country;
    }
  }
  // Storeys above ground: elevation ≥ 0 (1 mm tolerance: exporters write -1.8e-12); a storey
  // without an elevation counts. Gross floor area: the building's own quantity, else the sum
  // over storeys when every storey has one.
  const elevationM = (id: number) => {
    const e = num(line(id)?.args[9]);
    return e === undefined ? undefined : e * units.lengthToM;
  };
  const storeysAbove = storeyIds.filter((id) => (elevationM(id) ?? 0) >= -0.001).length;
  if (storeysAbove > 0) building.storeys = storeysAbove;
  const grossFloorArea = (id: number): number | undefined => {
    let best: { v: number; standard: boolean } | undefined;
    for (const pid of psetsOf.get(id) ?? []) {
      const p = parsePset(pid);
      if (!p?.isQto) continue;
      for (const qq of p.quantities) {
        if (
          qq.kind !== 'IFCQUANTITYAREA' ||
          qq.name.toLowerCase() !== 'grossfloorarea' ||
          !(qq.value > 0)
        )
          continue;
        if (!best || (p.standardQto && !best.standard))
          best = { v: qq.value, standard: p.standardQto };
      }
    }
    return best?.v;
  };
  const ownGfa = buildingIds[0] === undefined ? undefined : grossFloorArea(buildingIds[0]);
  const storeyGfa = storeyIds.map(grossFloorArea);
  const gfa =
    ownGfa ??
    (storeyGfa.length > 0 && storeyGfa.every((x) => x !== undefined)
      ? storeyGfa.reduce((a, b) => a! + b!, 0)
      : undefined);
  if (gfa !== undefined) building.grossFloorAreaM2 = round(gfa, 3);

  const passport: Passport = {
    format: PASSPORT_FORMAT,
    building,
    source: {
      kind: 'ifc',
      file: opts.fileName,
      schema: input.schemaId,
      ...(input.application ? { application: input.application } : {}),
      importedAt: opts.importedAt ?? new Date().toISOString(),
    },
    elements: works.map((w) => w.element),
  };
  const report: ImportReport = {
    source: {
      kind: 'ifc',
      file: opts.fileName,
      schema: input.schemaId,
      ...(input.application ? { application: input.application } : {}),
    },
    counts: { elements: works.length, materialUses: uses, materials: materialNames.size },
    mass: {
      totalKg: round(totalKg, 3),
      bySourceKg,
      measuredShare: totalKg > 0 ? round(measuredKg / totalKg, 6) : null,
      derivedShare: totalKg > 0 ? round(1 - measuredKg / totalKg, 6) : null,
    },
    elementsWithoutMaterial,
    elementsWithoutQuantity,
    unmatchedMaterials: [...unmatched.values()]
      .map((u) => ({
        ...u,
        massKg: round(u.massKg, 3),
        volumeM3: round(u.volumeM3, 6),
        massShare: totalKg > 0 ? round(u.massKg / totalKg, 6) : null,
      }))
      .sort(
        (a, b) => b.massKg - a.massKg || b.volumeM3 - a.volumeM3 || a.name.localeCompare(b.name),
      ),
    warnings,
    durationMs: Math.round(performance.now() - t0),
  };
  if (units.summary)
    warnings.unshift({ code: 'UNITS', message: `units of the file: ${units.summary}` });
  return { passport, report };
}

/** One element's material uses from its material definition and quantities. */
export function computeUses(
  ifcClass: string,
  def: MaterialDef,
  q: Quantities,
  densities: readonly (number | undefined)[],
  geometryVolumeM3?: number,
  partQuantities?: ReadonlyMap<string, PartQuantities>,
): { uses: MaterialUse[]; noQuantity: boolean; warning?: { code: string; message: string } } {
  const parts = def.parts;
  let warning: { code: string; message: string } | undefined;
  // Quantities given per part (IfcPhysicalComplexQuantity named after the constituent, layer
  // or material) are the most direct: used when every part has one, and names are unique.
  if (partQuantities && partQuantities.size > 0) {
    const keys = parts.map((p) => {
      for (const k of [p.partName, p.name]) {
        const lk = k?.toLowerCase();
        if (lk !== undefined && partQuantities.has(lk)) return lk;
      }
      return undefined;
    });
    const found = keys.map((k) => (k === undefined ? undefined : partQuantities.get(k)));
    if (found.every((f) => f !== undefined) && new Set(keys).size === keys.length) {
      return {
        uses: parts.map((p, i) => {
          const pq = found[i]!;
          const u: MaterialUse = { name: p.name ?? `material #${p.materialId ?? '?'}` };
          if (p.thicknessM !== undefined) u.thicknessM = round(p.thicknessM, 6);
          const d = densities[i];
          if (d !== undefined) u.densityKgPerM3 = d;
          const v = pq.netVolumeM3 ?? pq.grossVolumeM3;
          const w = pq.netWeightKg ?? pq.grossWeightKg;
          if (v !== undefined) u.volumeM3 = round(v, 9);
          if (w !== undefined) {
            u.massKg = round(w, 3);
            u.massSource = 'weight';
          } else if (v !== undefined) {
            if (d !== undefined) u.massKg = round(v * d, 3);
            u.massSource = pq.netVolumeM3 !== undefined ? 'netVolume' : 'grossVolume';
          }
          return u;
        }),
        noQuantity: false,
      };
    }
  }
  // Share of the element's volume each part takes.
  let shares: number[] | undefined;
  if (parts.length === 1) shares = [1];
  else if (def.kind === 'layers') {
    const sum = parts.reduce((s, p) => s + (p.thicknessM ?? 0), 0);
    if (sum > 0 && parts.every((p) => p.thicknessM !== undefined))
      shares = parts.map((p) => p.thicknessM! / sum);
  } else if (def.kind === 'constituents') {
    const sum = parts.reduce((s, p) => s + (p.fraction ?? 0), 0);
    if (sum > 0 && parts.every((p) => p.fraction !== undefined)) {
      shares = parts.map((p) => p.fraction! / sum);
      if (Math.abs(sum - 1) > 0.01)
        warning = {
          code: 'FRACTIONS_RESCALED',
          message: `constituent fractions sum to ${round(sum, 4)}; rescaled to 1`,
        };
    }
  } else if (def.kind === 'profiles') {
    const sum = parts.reduce((s, p) => s + (p.profileAreaM2 ?? 0), 0);
    if (sum > 0 && parts.every((p) => p.profileAreaM2 !== undefined))
      shares = parts.map((p) => p.profileAreaM2! / sum);
  }
  const base = (i: number): MaterialUse => {
    const p = parts[i]!;
    const u: MaterialUse = { name: p.name ?? `material #${p.materialId ?? '?'}` };
    if (p.thicknessM !== undefined) u.thicknessM = round(p.thicknessM, 6);
    const d = densities[i];
    if (d !== undefined) u.densityKgPerM3 = d;
    return u;
  };
  const fromVolume = (vols: (number | undefined)[], source: MassSource): MaterialUse[] =>
    parts.map((_, i) => {
      const u = base(i);
      const v = vols[i];
      if (v !== undefined) {
        u.volumeM3 = round(v, 9);
        const d = densities[i];
        if (d !== undefined) u.massKg = round(v * d, 3);
        u.massSource = source;
      }
      return u;
    });

  const weight = q.netWeightKg ?? q.grossWeightKg;
  const volume = q.netVolumeM3 ?? q.grossVolumeM3;
  const volumeSource: MassSource = q.netVolumeM3 !== undefined ? 'netVolume' : 'grossVolume';
  const splitUnknown = () => ({
    code: 'MATERIAL_SPLIT_UNKNOWN',
    message: `${parts.length} materials (${def.kind}) without thicknesses or fractions: the element's quantity cannot be split, no mass`,
  });

  if (weight !== undefined) {
    if (!shares)
      return { uses: parts.map((_, i) => base(i)), noQuantity: false, warning: splitUnknown() };
    // Split the weight by each part's share of volume × density when all densities are known.
    const w = shares.map((s, i) => s * (densities[i] ?? NaN));
    const byDensity = w.every((x) => Number.isFinite(x)) && w.reduce((a, b) => a + b, 0) > 0;
    const sumW = byDensity ? w.reduce((a, b) => a + b, 0) : 1;
    return {
      uses: parts.map((_, i) => {
        const u = base(i);
        u.massKg = round(weight * (byDensity ? w[i]! / sumW : shares![i]!), 3);
        u.massSource = 'weight';
        if (volume !== undefined) u.volumeM3 = round(volume * shares![i]!, 9);
        return u;
      }),
      noQuantity: false,
      warning,
    };
  }
  if (volume !== undefined) {
    if (!shares)
      return { uses: parts.map((_, i) => base(i)), noQuantity: false, warning: splitUnknown() };
    return {
      uses: fromVolume(
        shares.map((s) => volume * s),
        volumeSource,
      ),
      noQuantity: false,
      warning,
    };
  }
  const isWall = ifcClass.startsWith('IFCWALL') || ifcClass === 'IFCCURTAINWALL';
  const area = isWall
    ? (q.netSideAreaM2 ?? q.grossSideAreaM2 ?? q.netAreaM2 ?? q.grossAreaM2)
    : (q.netAreaM2 ?? q.grossAreaM2 ?? q.netSideAreaM2 ?? q.grossSideAreaM2);
  if (
    area !== undefined &&
    def.kind === 'layers' &&
    parts.every((p) => p.thicknessM !== undefined)
  ) {
    return {
      uses: fromVolume(
        parts.map((p) => p.thicknessM! * area),
        'layerThickness',
      ),
      noQuantity: false,
      warning,
    };
  }
  const thickness = isWall
    ? (q.widthM ?? q.thicknessM)
    : (q.depthM ??
      q.thicknessM ??
      (ifcClass === 'IFCCOVERING' || ifcClass === 'IFCPLATE' ? q.widthM : undefined));
  if (
    area !== undefined &&
    thickness !== undefined &&
    parts.length === 1 &&
    def.kind !== 'profiles'
  ) {
    const uses = fromVolume([thickness * area], 'layerThickness');
    uses[0]!.thicknessM = round(thickness, 6);
    return { uses, noQuantity: false, warning };
  }
  if (q.lengthM !== undefined) {
    if (def.kind === 'profiles' && parts.every((p) => p.profileAreaM2 !== undefined)) {
      return {
        uses: fromVolume(
          parts.map((p) => p.profileAreaM2! * q.lengthM!),
          'profileLength',
        ),
        noQuantity: false,
        warning,
      };
    }
    if (parts.length === 1 && q.crossSectionAreaM2 !== undefined) {
      return {
        uses: fromVolume([q.crossSectionAreaM2 * q.lengthM], 'profileLength'),
        noQuantity: false,
        warning,
      };
    }
  }
  if (geometryVolumeM3 !== undefined) {
    if (!shares)
      return { uses: parts.map((_, i) => base(i)), noQuantity: false, warning: splitUnknown() };
    return {
      uses: fromVolume(
        shares.map((s) => geometryVolumeM3 * s),
        'geometry',
      ),
      noQuantity: false,
      warning,
    };
  }
  return {
    uses: parts.map((_, i) => base(i)),
    noQuantity: true,
    warning: !shares && parts.length > 1 ? splitUnknown() : warning,
  };
}

/** Service life in years from Pset_ServiceLife / Pset_*Common, as a number or ISO 8601 `P50Y`. */
function serviceLifeYears(props: Map<string, RawValue>): number | undefined {
  for (const key of ['ServiceLifeDuration', 'ServiceLife', 'DesignLife', 'ExpectedLife']) {
    const v = props.get(key);
    if (v === undefined) continue;
    const n = num(v);
    if (n !== undefined && n > 0) return n;
    const s = str(v);
    const m = s ? /^P(\d+(?:[.,]\d+)?)Y/i.exec(s) : null;
    if (m) return Number(m[1]!.replace(',', '.'));
  }
  return undefined;
}

const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
function findProp(props: Map<string, RawValue>, keys: readonly string[]): RawValue | undefined {
  for (const [k, v] of props) {
    const sk = squash(k);
    if (keys.some((key) => sk.includes(key))) return v;
  }
  return undefined;
}
function pick<T extends string>(
  v: RawValue,
  table: readonly [RegExp, T][],
  scores: readonly [number, T][],
): T | undefined {
  const n = num(v);
  if (n !== undefined) {
    const s = scores.find(([score]) => Math.abs(score - n) < 1e-9);
    if (s) return s[1];
  }
  const text = (str(v) ?? enumValue(v) ?? '').toLowerCase();
  if (!text) return undefined;
  return table.find(([re]) => re.test(text))?.[1];
}

/** DGBC detachability factors from a Madaster property set (CPset_Madaster), when all four are there. */
function readDetachability(p: Map<string, RawValue>): Detachability | undefined {
  if (p.size === 0) return undefined;
  const connectionType = pick(
    findProp(p, ['connectiontype', 'typeverbinding', 'verbindingstype', 'typeofconnection']),
    [
      [/soft|zacht|sealant|kit|foam|schuim/, 'softChemical'],
      [/hard|glue|lijm|cast|weld|las|cement|chemical/, 'hardChemical'],
      [/dry|droog|loose|los|click|klik|velcro|magnet/, 'dry'],
      [/add|toegevoegd|bolt|bout|screw|schroef|spring|veer|corner|hoek/, 'added'],
      [/direct|pin|peg|nail|spijker|nagel/, 'direct'],
    ] as const,
    [
      [1, 'dry'],
      [0.8, 'added'],
      [0.6, 'direct'],
      [0.2, 'softChemical'],
      [0.1, 'hardChemical'],
    ] as const,
  );
  const accessibility = pick(
    findProp(p, ['accessibility', 'toegankelijkheid']),
    [
      [/not|niet/, 'notAccessible'],
      [/partial|gedeeltelijk/, 'partialDamage'],
      [/repair|herstel/, 'repairableDamage'],
      [/no ?damage|geen|extra/, 'noDamage'],
      [/free|vrij/, 'free'],
    ] as const,
    [
      [1, 'free'],
      [0.8, 'noDamage'],
      [0.6, 'repairableDamage'],
      [0.4, 'partialDamage'],
      [0.1, 'notAccessible'],
    ] as const,
  );
  const intersection = pick(
    findProp(p, ['intersection', 'doorkruising']),
    [
      [/none|geen|modular|modula/, 'none'],
      [/incident/, 'incidental'],
      [/complete|volledig|full/, 'complete'],
    ] as const,
    [
      [1, 'none'],
      [0.4, 'incidental'],
      [0.1, 'complete'],
    ] as const,
  );
  const productEdge = pick(
    findProp(p, ['productedge', 'productrand', 'randen', 'edge']),
    [
      [/overlap/, 'overlapping'],
      [/closed|gesloten/, 'closed'],
      [/open/, 'open'],
    ] as const,
    [
      [1, 'open'],
      [0.4, 'overlapping'],
      [0.1, 'closed'],
    ] as const,
  );
  if (connectionType && accessibility && intersection && productEdge)
    return { connectionType, accessibility, intersection, productEdge };
  return undefined;
}

/** A European List of Waste code (`17 01 01`, `170101`, `17 06 05*`) from a Madaster property set. */
function readEwc(p: Map<string, RawValue>): string | undefined {
  const v = str(findProp(p, ['ewc', 'wastecode', 'afvalcode', 'euralcode', 'eural']));
  const m = v ? /^(\d{2})\s?(\d{2})\s?(\d{2})\s?(\*)?$/.exec(v.trim()) : null;
  return m ? `${m[1]} ${m[2]} ${m[3]}${m[4] ?? ''}` : undefined;
}

/** Re-exported for tests: the normaliser the overrides are keyed by. */
export { normaliseMaterialName };
