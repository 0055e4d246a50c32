/**
 * The report every import (IFC, xlsx, csv) gives with its passport draft: what was found,
 * how much of the mass is measured, and exactly what the model lacks.
 */
import type { MassSource } from './vocab.ts';

/** Names the model element a finding is about. */
export interface ElementRef {
  ifcGlobalId?: string;
  name?: string;
  ifcClass?: string;
  /** Passport element id. */
  id: string;
}

export interface ImportWarning {
  /** Stable code, e.g. `NO_MATERIAL`, `NO_QUANTITY`, `DENSITY_PLACEHOLDER`. */
  code: string;
  message: string;
  element?: ElementRef;
}

export interface ImportReport {
  source: { kind: 'ifc' | 'xlsx' | 'csv'; file: string; schema?: string; application?: string };
  counts: { elements: number; materialUses: number; materials: number };
  mass: {
    totalKg: number;
    /** Mass by where it came from (weight, netVolume, …). */
    bySourceKg: Partial<Record<MassSource, number>>;
    /** Share of the total mass read from the model's own weights or measured volumes. */
    measuredShare: number | null;
    derivedShare: number | null;
  };
  elementsWithoutMaterial: ElementRef[];
  elementsWithoutQuantity: ElementRef[];
  unmatchedMaterials: {
    name: string;
    massKg: number;
    massShare: number | null;
    uses: number;
    reason: string;
  }[];
  warnings: ImportWarning[];
  durationMs: number;
}
