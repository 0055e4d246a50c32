/**
 * The output of `computeIndicators` (DESIGN.md, "`matbank indicators FILE --json` prints"),
 * as a zod schema so that the server can publish it in OpenAPI and tests can check that
 * every result conforms. The TypeScript types are inferred from these schemas: the schema
 * is the single source of the shape.
 *
 * Conventions: masses in kg, carbon in kgCO2e (biogenic carbon in kg C), fractions 0–1.
 * A value that cannot be computed from the data is `null` and an entry in `reasons` says
 * why; it is never a made-up 0.
 */
import { z } from 'zod';
import { LAYERS, WASTE_CLASSES } from '../vocab.ts';

/** The MCI method variants (METHODS.md §1). */
export const CIRCULARITY_METHODS = ['emf2015', 'madaster2023'] as const;
export type CircularityMethod = (typeof CIRCULARITY_METHODS)[number];

/** Where a value that the passport did not give came from. */
export const DEFAULT_SOURCES = ['library', 'method', 'volume'] as const;
export type DefaultSource = (typeof DEFAULT_SOURCES)[number];

const num = z.number();
const nullableNum = z.number().nullable();
const layerRecord = <T extends z.ZodType>(value: T) => z.partialRecord(z.enum(LAYERS), value);

export const massSectionSchema = z.object({
  /** Σ resolved mass of all material uses; null when no use has a mass (or volume × density). */
  total: nullableNum,
  /** Σ resolved mass per layer present; null for a layer where no use has a mass. */
  byLayer: layerRecord(nullableNum),
});

export const circularitySectionSchema = z.object({
  method: z.enum(CIRCULARITY_METHODS),
  /** Mass-weighted MCI of the building; null when no material use has a mass. */
  building: nullableNum,
  byLayer: layerRecord(nullableNum),
  /** Mass-weighted MCI per element id; null for an element without resolved mass. */
  byElement: z.record(z.string(), nullableNum),
});

export const detachabilitySectionSchema = z.object({
  /** Mass-weighted LI over non-stuff elements with detachability data; null with none. */
  building: nullableNum,
  byLayer: layerRecord(nullableNum),
  /** Share of the (non-stuff) mass that carries detachability data. */
  massShareWithData: nullableNum,
  /** LI per element that carries detachability data. */
  byElement: z.record(z.string(), num),
});

/** Per element; a module is null when none of the element's uses with a mass has its factor. */
export const carbonElementSchema = z.object({
  A1A3: nullableNum,
  B4: nullableNum,
  C3C4: nullableNum,
  D: nullableNum,
  replacements: z.int(),
  lifespanYears: num,
});

export const carbonSectionSchema = z.object({
  /** kgCO2e, product stage; null when no material use has an A1–A3 factor. */
  A1A3: nullableNum,
  /** kgCO2e, replacements over the design life (METHODS.md §3 rule). */
  B4: nullableNum,
  C3C4: nullableNum,
  /** Beyond the system boundary: reported apart, never summed into the others. */
  D: nullableNum,
  /** (A1A3 + B4 + C3C4) / grossFloorAreaM2; null without floor area or with a null module. */
  perM2: nullableNum,
  /** kg C stored in the materials, apart from GWP. */
  biogenicKgC: nullableNum,
  designLifeYears: num,
  /** Share of the resolved mass that carried a factor, per module. */
  massShareWithFactor: z.object({
    A1A3: nullableNum,
    C3C4: nullableNum,
    D: nullableNum,
    biogenic: nullableNum,
  }),
  byElement: z.record(z.string(), carbonElementSchema),
});

export const valueSectionSchema = z.object({
  currency: z.string(),
  /** Σ CNV = TV − FC1 − FC2 − FC3 over the priced material uses; null when none is priced. */
  residual: nullableNum,
  /** TV: material value. */
  materialValue: nullableNum,
  /** FC1: the demolition-cost share of the priced uses; null when no demolition cost is configured. */
  demolitionCost: nullableNum,
  /** FC2: transport to the processor. */
  transportCost: nullableNum,
  /** FC3: handling. */
  handlingCost: nullableNum,
  /** Share of the resolved mass that found a price-table entry. */
  massShareWithPrice: nullableNum,
  /** `residual` discounted to today, when a discount rate is configured. */
  residualPresentValue: nullableNum,
  /** `residual` in Vietnamese đồng, through the configured `vndPerEur` rate. */
  residualVnd: nullableNum,
});

export const substanceTotalSchema = z.object({
  cas: z.string().nullable(),
  ec: z.string().nullable(),
  name: z.string(),
  /** Σ massFraction × mass; null when no use of it gave a mass fraction and a mass. */
  massKg: nullableNum,
});

export const hazardsSectionSchema = z.object({
  /** Σ mass of hazardous material uses (whole use, not just the substance). */
  hazardousMassKg: nullableNum,
  substances: z.array(substanceTotalSchema),
  /** End-of-life mass in Vietnam's Circular 08/2017/TT-BXD classes. */
  wasteClasses: z.object(
    Object.fromEntries(WASTE_CLASSES.map((c) => [c, nullableNum])) as Record<
      (typeof WASTE_CLASSES)[number],
      typeof nullableNum
    >,
  ),
  /** Hazardous EWC codes present, sorted. */
  ewcCodes: z.array(z.string()),
  /** Ids of elements holding at least one hazardous material use. */
  hazardousElements: z.array(z.string()),
});

export const COMPLETENESS_CRITERIA = [
  'elementsWithMaterial',
  'elementsWithQuantity',
  'elementsClassified',
  'elementsWithDetachability',
  'massWithCircularityData',
] as const;
export type CompletenessCriterion = (typeof COMPLETENESS_CRITERIA)[number];

export const completenessSectionSchema = z.object({
  elementsWithMaterial: nullableNum,
  elementsWithQuantity: nullableNum,
  elementsClassified: nullableNum,
  /** Share of non-stuff elements with the four DGBC factors. */
  elementsWithDetachability: nullableNum,
  /** Share of resolved mass whose circularity inputs come from the passport or library. */
  massWithCircularityData: nullableNum,
  readyForPermit: z.boolean(),
  /** The criteria below their threshold (value null when it could not be computed). */
  failing: z.array(
    z.object({ criterion: z.enum(COMPLETENESS_CRITERIA), value: nullableNum, threshold: num }),
  ),
});

export const reasonSchema = z.object({
  /** Dotted path of the indicator the reason is about, e.g. `carbon.perM2`. */
  field: z.string(),
  message: z.string(),
});

export const indicatorsSchema = z.object({
  massKg: massSectionSchema,
  circularity: circularitySectionSchema,
  detachability: detachabilitySectionSchema,
  carbon: carbonSectionSchema,
  value: valueSectionSchema,
  hazards: hazardsSectionSchema,
  completeness: completenessSectionSchema,
  /** Per resolved field, how many material uses took it from the library, the method default or volume × density. */
  defaulted: z.record(z.string(), z.partialRecord(z.enum(DEFAULT_SOURCES), z.int())),
  /** Per field, how many material uses (or elements) had no value from any source. */
  missing: z.record(z.string(), z.int()),
  /** Why a value is null or partial. */
  reasons: z.array(reasonSchema),
});

export type Indicators = z.infer<typeof indicatorsSchema>;
export type MassSection = z.infer<typeof massSectionSchema>;
export type CircularitySection = z.infer<typeof circularitySectionSchema>;
export type DetachabilitySection = z.infer<typeof detachabilitySectionSchema>;
export type CarbonSection = z.infer<typeof carbonSectionSchema>;
export type CarbonElement = z.infer<typeof carbonElementSchema>;
export type ValueSection = z.infer<typeof valueSectionSchema>;
export type HazardsSection = z.infer<typeof hazardsSectionSchema>;
export type SubstanceTotal = z.infer<typeof substanceTotalSchema>;
export type CompletenessSection = z.infer<typeof completenessSectionSchema>;
export type Reason = z.infer<typeof reasonSchema>;
