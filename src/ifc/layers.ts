/**
 * Which of Brand's shearing layers an IFC element belongs to (docs/import.md has the table).
 * Decided by IFC class, then the Pset_*Common flags `LoadBearing` and `IsExternal`, then an
 * NL-SfB classification for classes that say nothing (proxies).
 */
import type { Layer } from '../core/vocab.ts';

/** What the layer rule looks at for one element (class names upper-case, e.g. IFCWALL). */
export interface LayerInput {
  ifcClass: string;
  /** The IFC class chain from the element's class up to IFCELEMENT (upper-case). */
  ancestors: readonly string[];
  isExternal?: boolean;
  loadBearing?: boolean;
  classification?: { system: string; code: string };
  /** Layer of the element this one is a part of (IfcRelAggregates), when that is a container. */
  containerLayer?: Layer;
}

export interface LayerDecision {
  layer: Layer;
  /** Set when the rule had to guess (flags missing); goes into the report as a warning. */
  assumption?: string;
}

const SERVICES = [
  'IFCDISTRIBUTIONELEMENT',
  'IFCTRANSPORTELEMENT',
  'IFCFLOWSEGMENT',
  'IFCFLOWFITTING',
  'IFCFLOWTERMINAL',
];
const STUFF = ['IFCFURNISHINGELEMENT', 'IFCFURNITURE', 'IFCSYSTEMFURNITUREELEMENT'];
const SITE = [
  'IFCGEOGRAPHICELEMENT',
  'IFCCIVILELEMENT',
  'IFCEARTHWORKSELEMENT',
  'IFCEARTHWORKSFILL',
  'IFCEARTHWORKSCUT',
  'IFCGEOTECHNICALELEMENT',
  'IFCPAVEMENT',
  'IFCCOURSE',
  'IFCKERB',
];
const FOUNDATION = ['IFCFOOTING', 'IFCPILE', 'IFCDEEPFOUNDATION', 'IFCCAISSONFOUNDATION'];
const PRIMARY_STRUCTURE = [
  'IFCCOLUMN',
  'IFCBEAM',
  'IFCSLAB',
  'IFCREINFORCINGELEMENT',
  'IFCTENDON',
  'IFCBEARING',
  'IFCCHIMNEY',
];
const SKIN = ['IFCROOF', 'IFCCURTAINWALL', 'IFCWINDOW', 'IFCSHADINGDEVICE'];
const WALLS = ['IFCWALL'];
const SPACEPLAN = [
  'IFCSTAIR',
  'IFCSTAIRFLIGHT',
  'IFCRAILING',
  'IFCRAMP',
  'IFCRAMPFLIGHT',
  'IFCCOVERING',
];
/** Classes whose parts (IfcRelAggregates) take the container's layer: a roof's slabs are skin. */
export const CONTAINER_CLASSES = new Set(['IFCROOF', 'IFCCURTAINWALL', 'IFCSTAIR', 'IFCRAMP']);

const is = (input: LayerInput, classes: readonly string[]) =>
  classes.includes(input.ifcClass) || input.ancestors.some((a) => classes.includes(a));

/** NL-SfB main groups (Tabel 1) → layer, for classes that carry no meaning of their own. */
export function layerFromNlSfb(code: string): Layer | undefined {
  const m = /^\(?(\d)(\d)?/.exec(code.trim());
  if (!m) return undefined;
  const main = Number(m[1]);
  const sub = m[2] === undefined ? undefined : Number(m[2]);
  if (main === 0) return 'site';
  if (main === 1) return 'structure'; // 1x foundations
  if (main === 2) {
    // 21 external walls, 22 internal walls, 23 floors, 24 stairs, 27 roofs, 28 main structure
    if (sub === 1 || sub === 7) return 'skin';
    if (sub === 2 || sub === 4) return 'spacePlan';
    return 'structure';
  }
  if (main === 3) return sub === 1 || sub === 7 ? 'skin' : 'spacePlan'; // openings: 31 external, 32 internal
  if (main === 4) return sub === 1 || sub === 7 ? 'skin' : 'spacePlan'; // finishes
  if (main === 5 || main === 6) return 'services';
  if (main === 7) return 'spacePlan'; // fixed fittings
  if (main === 8) return 'stuff'; // loose furniture
  if (main === 9) return 'site';
  return undefined;
}

/** The layer of one element; see docs/import.md for the table this implements. */
export function decideLayer(input: LayerInput): LayerDecision {
  const { isExternal, loadBearing } = input;
  // A roof's rafters that say LoadBearing = TRUE are structure; its other parts are skin.
  if (input.containerLayer && loadBearing !== true) return { layer: input.containerLayer };
  if (is(input, SERVICES)) return { layer: 'services' };
  if (is(input, STUFF)) return { layer: 'stuff' };
  if (is(input, SITE)) return { layer: 'site' };
  if (is(input, FOUNDATION)) return { layer: 'structure' };
  if (is(input, PRIMARY_STRUCTURE)) {
    if (loadBearing === false) return { layer: isExternal ? 'skin' : 'spacePlan' };
    return { layer: 'structure' };
  }
  if (is(input, SKIN)) return { layer: 'skin' };
  if (input.ifcClass === 'IFCDOOR' || input.ancestors.includes('IFCDOOR')) {
    return { layer: isExternal ? 'skin' : 'spacePlan' };
  }
  if (is(input, WALLS) || is(input, ['IFCMEMBER', 'IFCPLATE'])) {
    if (loadBearing === true) return { layer: 'structure' };
    if (isExternal === true) return { layer: 'skin' };
    if (loadBearing === undefined && isExternal === undefined) {
      return {
        layer: 'spacePlan',
        assumption:
          'no LoadBearing/IsExternal in Pset_*Common: taken as internal, non-load-bearing',
      };
    }
    return { layer: 'spacePlan' };
  }
  if (is(input, SPACEPLAN)) {
    if (input.ifcClass === 'IFCCOVERING' && isExternal === true) return { layer: 'skin' };
    return { layer: 'spacePlan' };
  }
  // Proxies, assemblies, components, parts: the classification decides, then the flags.
  const c = input.classification;
  if (c && /sfb/i.test(c.system)) {
    const l = layerFromNlSfb(c.code);
    if (l) return { layer: l };
  }
  if (loadBearing === true) return { layer: 'structure' };
  if (isExternal === true) return { layer: 'skin' };
  return {
    layer: 'spacePlan',
    assumption: `${input.ifcClass} says nothing about its layer: taken as space plan`,
  };
}
