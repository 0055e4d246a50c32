/**
 * The passport document, format `matbank/passport@1` (DESIGN.md "The passport document").
 * The zod schemas here are the single source of the format: TypeScript types are inferred
 * from them, `docs/passport.schema.json` is generated from them, and every importer (JSON,
 * IFC, spreadsheet) produces a value that must pass {@link passportSchema}.
 *
 * Objects are strict: an unknown key is an error naming its path, so a typo such as
 * `massKG` is caught instead of silently dropped.
 */
import { z } from 'zod';
import {
  ACCESSIBILITIES,
  BUILDING_USES,
  CONNECTION_TYPES,
  END_OF_LIFE_ROUTES,
  INTERSECTIONS,
  LAYERS,
  MASS_SOURCES,
  PRODUCT_EDGES,
} from '../vocab.ts';

export const PASSPORT_FORMAT = 'matbank/passport@1';

/** Fractions may miss 0 or 1 by this much (rounding in spreadsheets and BIM tools). */
export const FRACTION_TOLERANCE = 1e-6;

/** An error map that says "is required" for a missing value and `message` otherwise. */
const err =
  (message: string) =>
  (issue: { input?: unknown }): string =>
    issue.input === undefined ? 'is required' : message;
const finite = () => z.number({ error: err('must be a finite number') });
const nonNegative = () => finite().min(0, { error: 'must be ≥ 0' });
const positive = () => finite().gt(0, { error: 'must be > 0' });
const fraction = () =>
  finite()
    .min(0, { error: 'must be between 0 and 1' })
    .max(1, { error: 'must be between 0 and 1' });
const text = () => z.string({ error: err('must be a string') });
const nonEmpty = () => text().trim().min(1, { error: 'must not be empty' });
const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: err(`must be one of ${values.join(' | ')}`) });

export const locationSchema = z.strictObject({
  lat: finite().min(-90, { error: 'must be between -90 and 90' }).max(90, {
    error: 'must be between -90 and 90',
  }),
  lon: finite().min(-180, { error: 'must be between -180 and 180' }).max(180, {
    error: 'must be between -180 and 180',
  }),
});

export const buildingSchema = z.strictObject({
  /** Public identifier, unique per city, e.g. `HN-2026-000123`. */
  ref: nonEmpty().max(100, { error: 'must be at most 100 characters' }),
  name: text().optional(),
  address: text().optional(),
  ward: text().optional(),
  district: text().optional(),
  city: text().optional(),
  /** ISO 3166-1 alpha-2. */
  country: text()
    .regex(/^[A-Z]{2}$/, { error: 'must be an ISO 3166-1 alpha-2 code such as VN or NL' })
    .optional(),
  location: locationSchema.optional(),
  use: oneOf(BUILDING_USES).optional(),
  grossFloorAreaM2: positive().optional(),
  storeys: z
    .int({ error: err('must be a whole number') })
    .min(0, { error: 'must be ≥ 0' })
    .optional(),
  constructionYear: z
    .int({ error: 'must be a whole number' })
    .min(1000, { error: 'must be a year (≥ 1000)' })
    .max(3000, { error: 'must be a year (≤ 3000)' })
    .optional(),
  designLifeYears: positive().optional(),
});

export const classificationSchema = z.strictObject({
  /** e.g. `NL-SfB`, `Uniclass2015`, `OmniClass`. */
  system: nonEmpty(),
  code: nonEmpty(),
  name: text().optional(),
});

export const detachabilitySchema = z.strictObject({
  connectionType: oneOf(CONNECTION_TYPES),
  accessibility: oneOf(ACCESSIBILITIES),
  intersection: oneOf(INTERSECTIONS),
  productEdge: oneOf(PRODUCT_EDGES),
});

export const productSchema = z.strictObject({
  name: text().optional(),
  manufacturer: text().optional(),
  gtin: text()
    .regex(/^\d{8}(\d{4,6})?$/, { error: 'must be a GTIN of 8, 12, 13 or 14 digits' })
    .optional(),
  dppUrl: z.url({ error: 'must be a URL' }).optional(),
});

export const endOfLifeSchema = z
  .strictObject({
    reuse: fraction().optional(),
    recycle: fraction().optional(),
    energyRecovery: fraction().optional(),
    landfill: fraction().optional(),
  })
  .superRefine((eol, ctx) => {
    const parts = END_OF_LIFE_ROUTES.map((k) => eol[k] ?? 0);
    const sum = parts.reduce((a, b) => a + b, 0);
    if (
      parts.every((f) => typeof f === 'number' && f >= 0 && f <= 1) &&
      Math.abs(sum - 1) > FRACTION_TOLERANCE
    ) {
      ctx.addIssue({
        code: 'custom',
        message: `fractions sum to ${roundForMessage(sum)}, must be 1`,
      });
    }
  });

export const substanceSchema = z.strictObject({
  /** CAS registry number, e.g. `1332-21-4`. */
  cas: text()
    .regex(/^\d{2,7}-\d{2}-\d$/, { error: 'must be a CAS number such as 1332-21-4' })
    .optional(),
  /** EC (EINECS/ELINCS) number, e.g. `215-481-4`. */
  ec: text()
    .regex(/^\d{3}-\d{3}-\d$/, { error: 'must be an EC number such as 215-481-4' })
    .optional(),
  name: nonEmpty(),
  /** Share of the material use's mass that is this substance. */
  massFraction: fraction().optional(),
  /** Where in the element it sits (ESPR Art. 7(5) asks for location). */
  location: text().optional(),
});

export const gwpSchema = z.strictObject({
  A1A3: finite().optional(),
  C3C4: finite().optional(),
  D: finite().optional(),
});

export const materialUseSchema = z
  .strictObject({
    /** Id in the materials library, when mapped. */
    materialId: nonEmpty().optional(),
    /** Name as the source (model, spreadsheet) gave it. */
    name: text().optional(),
    massKg: nonNegative().optional(),
    volumeM3: nonNegative().optional(),
    densityKgPerM3: positive().optional(),
    /** Layer thickness for a material layer, in metres. */
    thicknessM: nonNegative().optional(),
    /** Where `massKg` came from. */
    massSource: oneOf(MASS_SOURCES).optional(),
    recycledFraction: fraction().optional(),
    reusedFraction: fraction().optional(),
    renewableFraction: fraction().optional(),
    endOfLife: endOfLifeSchema.optional(),
    recyclingEfficiencyIn: fraction().optional(),
    recyclingEfficiencyOut: fraction().optional(),
    substances: z.array(substanceSchema).optional(),
    /** European List of Waste code at demolition, e.g. `17 01 01` or `17 06 05*`. */
    ewcCode: text()
      .regex(/^\d{2} \d{2} \d{2}\*?$/, { error: 'must be an EWC code such as 17 01 01' })
      .optional(),
    gwpKgCo2ePerKg: gwpSchema.optional(),
    /** Biogenic carbon content, kg C per kg of material (reported apart from GWP). */
    biogenicCarbonKgCPerKg: nonNegative().optional(),
  })
  .superRefine((m, ctx) => {
    if (m.materialId === undefined && (m.name === undefined || m.name.trim() === '')) {
      ctx.addIssue({ code: 'custom', message: 'needs a name or a materialId' });
    }
    const parts = [m.recycledFraction ?? 0, m.reusedFraction ?? 0, m.renewableFraction ?? 0];
    const feedstock = parts.reduce((a, b) => a + b, 0);
    // Only when each part is itself a fraction: otherwise that part's own error says it.
    if (parts.every((f) => f >= 0 && f <= 1) && feedstock > 1 + FRACTION_TOLERANCE) {
      ctx.addIssue({
        code: 'custom',
        message: `feedstock fractions (recycled + reused + renewable) sum to ${roundForMessage(feedstock)}, must be ≤ 1`,
      });
    }
    if (m.recyclingEfficiencyIn === 0 && (m.recycledFraction ?? 0) > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['recyclingEfficiencyIn'],
        message:
          'must be > 0 when recycledFraction > 0 (recycled feedstock cannot come from 0 % efficient recycling)',
      });
    }
  });

export const elementSchema = z.strictObject({
  id: nonEmpty(),
  name: text().optional(),
  layer: oneOf(LAYERS),
  ifcClass: text().optional(),
  ifcGlobalId: text().optional(),
  /** Storey or level name the element sits on. */
  storey: text().optional(),
  classification: classificationSchema.optional(),
  lifespanYears: positive().optional(),
  industryAverageLifespanYears: positive().optional(),
  detachability: detachabilitySchema.optional(),
  product: productSchema.optional(),
  materials: z.array(materialUseSchema, { error: err('must be an array of material uses') }),
});

export const passportSourceSchema = z.strictObject({
  kind: oneOf(['manual', 'ifc', 'xlsx', 'csv', 'demo'] as const),
  file: text().optional(),
  /** IFC schema identifier, e.g. IFC2X3, IFC4, IFC4X3. */
  schema: text().optional(),
  application: text().optional(),
  importedAt: text().optional(),
});

export const passportSchema = z
  .strictObject({
    format: z.literal(PASSPORT_FORMAT, { error: `must be "${PASSPORT_FORMAT}"` }),
    building: buildingSchema,
    source: passportSourceSchema.optional(),
    elements: z.array(elementSchema, { error: err('must be an array of elements') }),
  })
  .superRefine((p, ctx) => {
    const seen = new Map<string, number>();
    p.elements.forEach((e, i) => {
      const first = seen.get(e.id);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['elements', i, 'id'],
          message: `duplicate element id "${e.id}" (first used by elements[${first}])`,
        });
      } else {
        seen.set(e.id, i);
      }
    });
  });

export type Passport = z.infer<typeof passportSchema>;
export type Building = z.infer<typeof buildingSchema>;
export type Element = z.infer<typeof elementSchema>;
export type MaterialUse = z.infer<typeof materialUseSchema>;
export type Substance = z.infer<typeof substanceSchema>;
export type EndOfLife = z.infer<typeof endOfLifeSchema>;
export type Detachability = z.infer<typeof detachabilitySchema>;
export type Classification = z.infer<typeof classificationSchema>;
export type PassportSource = z.infer<typeof passportSourceSchema>;

function roundForMessage(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
