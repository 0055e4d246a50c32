/**
 * Hazardous materials, substances of concern and Vietnamese waste classes, METHODS.md §5.
 *
 * Sources: European List of Waste (Commission Decision 2000/532/EC, hazardous entries marked
 * `*`); EU ESPR 2024/1781 Art. 7(5) (substances of concern identified by CAS/EC number with
 * concentration and location); Vietnam, Circular 08/2017/TT-BXD on construction-waste
 * management: waste is sorted at source into (a) recyclable, (b) reusable, (c) to landfill,
 * (d) hazardous, and "mixed waste that cannot be separated from hazardous waste is managed
 * as hazardous".
 *
 * The core loads no reference data: the waste list and the substance thresholds come in as
 * functions (src/reference provides `isHazardousEwc` and the thresholds of its substance list).
 */
import type { Resolution, ResolvedMaterial } from './resolve.ts';
import type { HazardsSection, Reason, SubstanceTotal } from './schema.ts';

/**
 * Default hazardous-EWC predicate: the List of Waste marks hazardous entries with an
 * asterisk (`17 06 05*`). Pass the waste list's own predicate to also catch codes written
 * without it.
 */
export function isAsteriskEwc(code: string): boolean {
  return code.trim().endsWith('*');
}

export const HAZARDS_DEFAULTS = {
  isHazardousEwc: isAsteriskEwc as (code: string) => boolean,
  /**
   * Threshold mass fraction of a listed substance, looked up by its CAS number or its EC
   * number (ESPR Art. 7(5) identifies substances by both); by default no list is known.
   */
  substanceThreshold: ((_id: string) => undefined) as (casOrEc: string) => number | undefined,
  /**
   * When a listed substance (one with a threshold) is declared without a massFraction, the
   * use counts as hazardous: its presence is stated and nothing shows it is below the limit.
   */
  unknownFractionIsHazardous: true,
};
export type HazardsParams = typeof HAZARDS_DEFAULTS;

/**
 * Why one material use is hazardous, or null: its EWC code is a hazardous entry, and/or the
 * listed substances (CAS, else EC number) it contains above their thresholds.
 */
export function hazardOf(
  m: Pick<ResolvedMaterial, 'ewcCode' | 'substances'>,
  params: Partial<HazardsParams> = {},
): { ewc: boolean; substances: string[] } | null {
  const p = { ...HAZARDS_DEFAULTS, ...params };
  const ewc = m.ewcCode !== null && p.isHazardousEwc(m.ewcCode);
  const substances: string[] = [];
  for (const s of m.substances) {
    // By CAS, else by EC: a listed substance declared with its EC number only (the passport
    // allows either) must still be checked against its threshold.
    const threshold =
      (s.cas !== undefined ? p.substanceThreshold(s.cas) : undefined) ??
      (s.ec !== undefined ? p.substanceThreshold(s.ec) : undefined);
    if (threshold === undefined) continue;
    // "Above its threshold": strictly greater, as REACH Art. 33 ("above 0.1 % w/w").
    if (s.massFraction === undefined ? p.unknownFractionIsHazardous : s.massFraction > threshold) {
      substances.push(s.cas ?? s.ec ?? s.name);
    }
  }
  return ewc || substances.length > 0 ? { ewc, substances } : null;
}

export interface HazardsResult {
  section: HazardsSection;
  reasons: Reason[];
}

/**
 * Hazardous mass (whole mass of each hazardous use), substances present with their mass
 * (Σ massFraction × mass), hazardous EWC codes present, and the end-of-life mass per
 * Circular 08/2017 class: a hazardous use goes wholly to `hazardous`; any other use splits
 * its mass by its resolved end of life: reuse → `reusable`, recycle → `recyclable`,
 * landfill and energy recovery → `landfill`. Energy recovery goes to landfill because the
 * Circular has no recovery class and incineration is disposal, not material recovery, in
 * its sense of "recyclable"; its residues (ash) are landfilled.
 */
export function hazardsIndicators(
  resolution: Resolution,
  params: Partial<HazardsParams> = {},
): HazardsResult {
  const reasons: Reason[] = [];
  const classes = { recyclable: 0, reusable: 0, landfill: 0, hazardous: 0 };
  let hazardousMassKg = 0;
  let anyMass = false;
  const codes = new Set<string>();
  const elements = new Set<string>();
  const substances = new Map<string, SubstanceTotal & { knownUses: number }>();
  const hazardousWithoutMass: string[] = [];
  // One substance declared with CAS and EC in one use and by EC alone in another is one
  // entry: EC numbers seen next to a CAS number key to that CAS.
  const casOfEc = new Map<string, string>();
  for (const m of resolution.materials)
    for (const s of m.substances) if (s.cas && s.ec && !casOfEc.has(s.ec)) casOfEc.set(s.ec, s.cas);
  for (const m of resolution.materials) {
    const hazard = hazardOf(m, params);
    if (hazard !== null) {
      elements.add(m.elementId);
      if (hazard.ewc && m.ewcCode !== null) codes.add(m.ewcCode);
    }
    for (const s of m.substances) {
      const cas = s.cas ?? (s.ec !== undefined ? casOfEc.get(s.ec) : undefined);
      const key =
        cas ?? (s.ec !== undefined ? `ec:${s.ec}` : `name:${s.name.trim().toLowerCase()}`);
      const total = substances.get(key) ?? {
        cas: cas ?? null,
        ec: s.ec ?? null,
        name: s.name,
        massKg: null,
        knownUses: 0,
      };
      total.ec ??= s.ec ?? null;
      if (s.massFraction !== undefined && m.massKg !== null) {
        total.massKg = (total.massKg ?? 0) + s.massFraction * m.massKg;
        total.knownUses += 1;
      }
      substances.set(key, total);
    }
    if (m.massKg === null) {
      if (hazard !== null)
        hazardousWithoutMass.push(`elements[${m.elementIndex}].materials[${m.materialIndex}]`);
      continue;
    }
    anyMass = true;
    if (hazard !== null) {
      hazardousMassKg += m.massKg;
      classes.hazardous += m.massKg;
    } else {
      classes.reusable += m.massKg * m.endOfLife.reuse;
      classes.recyclable += m.massKg * m.endOfLife.recycle;
      classes.landfill += m.massKg * (m.endOfLife.landfill + m.endOfLife.energyRecovery);
    }
  }
  if (hazardousWithoutMass.length > 0) {
    reasons.push({
      field: 'hazards.hazardousMassKg',
      message: `partial: hazardous uses without a mass at ${hazardousWithoutMass.join(', ')}`,
    });
  }
  if (!anyMass) reasons.push({ field: 'hazards', message: 'no material use has a mass' });
  const list = [...substances.values()]
    .map(({ knownUses, ...s }) => {
      if (knownUses === 0)
        reasons.push({
          field: 'hazards.substances',
          message: `${s.cas ?? s.ec ?? s.name}: no mass fraction with a known mass`,
        });
      return s;
    })
    .sort((a, b) => compareCodes(a.cas ?? a.ec ?? a.name, b.cas ?? b.ec ?? b.name));
  return {
    section: {
      hazardousMassKg: anyMass ? hazardousMassKg : null,
      substances: list,
      wasteClasses: anyMass
        ? classes
        : { recyclable: null, reusable: null, landfill: null, hazardous: null },
      ewcCodes: [...codes].sort(),
      hazardousElements: [...elements].sort(),
    },
    reasons,
  };
}

/** Code-point order: deterministic whatever the locale (localeCompare may skip hyphens). */
function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
