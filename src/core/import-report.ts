/**
 * The report every import (IFC, xlsx, csv) gives with its passport draft: what was found,
 * how much of the mass is measured, and exactly what the model lacks. The zod schema is the
 * single definition: the types below and the API's OpenAPI document come from it.
 */
import { z } from 'zod';
import { MASS_SOURCES } from './vocab.ts';

/** Names the model element a finding is about. */
export const elementRefSchema = z.object({
  ifcGlobalId: z.string().optional(),
  name: z.string().optional(),
  ifcClass: z.string().optional(),
  /** Passport element id. */
  id: z.string(),
});
export type ElementRef = z.infer<typeof elementRefSchema>;

export const importWarningSchema = z.object({
  /** Stable code, e.g. `NO_MATERIAL`, `NO_QUANTITY`, `DENSITY_PLACEHOLDER`. */
  code: z.string(),
  message: z.string(),
  element: elementRefSchema.optional(),
});
export type ImportWarning = z.infer<typeof importWarningSchema>;

export const importReportSchema = z.object({
  source: z.object({
    kind: z.enum(['ifc', 'xlsx', 'csv']),
    file: z.string(),
    schema: z.string().optional(),
    application: z.string().optional(),
  }),
  counts: z.object({
    elements: z.number().int(),
    materialUses: z.number().int(),
    materials: z.number().int(),
  }),
  mass: z.object({
    totalKg: z.number(),
    /** Mass by where it came from (weight, netVolume, …). */
    bySourceKg: z.partialRecord(z.enum(MASS_SOURCES), z.number()),
    /** Share of the total mass read from the model's own weights or measured volumes. */
    measuredShare: z.number().nullable(),
    derivedShare: z.number().nullable(),
  }),
  elementsWithoutMaterial: z.array(elementRefSchema),
  elementsWithoutQuantity: z.array(elementRefSchema),
  unmatchedMaterials: z.array(
    z.object({
      name: z.string(),
      massKg: z.number(),
      massShare: z.number().nullable(),
      /**
       * Volume of its uses (m³), and how many have no mass: an unmatched name without a
       * density in the model has none, so its mass (0) understates what is missing.
       */
      volumeM3: z.number().optional(),
      usesWithoutMass: z.number().int().optional(),
      uses: z.number().int(),
      reason: z.string(),
    }),
  ),
  warnings: z.array(importWarningSchema),
  durationMs: z.number(),
});
export type ImportReport = z.infer<typeof importReportSchema>;
