/**
 * Closed vocabularies of the passport format. Each is a tuple so that zod enums,
 * TypeScript unions and the JSON Schema all come from one list.
 */

/** Brand's shearing layers, slowest to fastest (DESIGN.md, METHODS.md §1). */
export const LAYERS = ['site', 'structure', 'skin', 'services', 'spacePlan', 'stuff'] as const;
export type Layer = (typeof LAYERS)[number];

/** What a building is used for. */
export const BUILDING_USES = [
  'residential',
  'office',
  'retail',
  'industrial',
  'education',
  'healthcare',
  'hotel',
  'mixed',
  'other',
] as const;
export type BuildingUse = (typeof BUILDING_USES)[number];

/** DGBC detachability factor "type of connection" (TV), METHODS.md §2. */
export const CONNECTION_TYPES = ['dry', 'added', 'direct', 'softChemical', 'hardChemical'] as const;
export type ConnectionType = (typeof CONNECTION_TYPES)[number];

/** DGBC factor "accessibility of the connection" (TO). */
export const ACCESSIBILITIES = [
  'free',
  'noDamage',
  'repairableDamage',
  'partialDamage',
  'notAccessible',
] as const;
export type Accessibility = (typeof ACCESSIBILITIES)[number];

/** DGBC factor "intersection" (DK). */
export const INTERSECTIONS = ['none', 'incidental', 'complete'] as const;
export type Intersection = (typeof INTERSECTIONS)[number];

/** DGBC factor "product edge" (IP). */
export const PRODUCT_EDGES = ['open', 'overlapping', 'closed'] as const;
export type ProductEdge = (typeof PRODUCT_EDGES)[number];

/**
 * Where a material use's mass came from, best first (issue: IFC import). `declared` is a
 * mass typed in by a person (spreadsheet, hand-written passport).
 */
export const MASS_SOURCES = [
  'declared',
  'weight',
  'netVolume',
  'grossVolume',
  'layerThickness',
  'geometry',
  'profileLength',
  'estimated',
] as const;
export type MassSource = (typeof MASS_SOURCES)[number];

/** End-of-life routes of a material use; fractions of its mass, summing to 1. */
export const END_OF_LIFE_ROUTES = ['reuse', 'recycle', 'energyRecovery', 'landfill'] as const;
export type EndOfLifeRoute = (typeof END_OF_LIFE_ROUTES)[number];

/** EN 15978 life-cycle modules a material use may carry a GWP factor for (kgCO2e per kg). */
export const GWP_MODULES = ['A1A3', 'C3C4', 'D'] as const;
export type GwpModule = (typeof GWP_MODULES)[number];

/** Vietnam Circular 08/2017/TT-BXD construction-waste classes (METHODS.md §5). */
export const WASTE_CLASSES = ['recyclable', 'reusable', 'landfill', 'hazardous'] as const;
export type WasteClass = (typeof WASTE_CLASSES)[number];
