/**
 * Maps a material name from a model or spreadsheet to a material of the library.
 *
 * Order (first hit wins): mapping overrides → exact library id → exact normalised name
 * (en/vi/nl) → exact normalised synonym → concrete strength class ("C30/37") → best token
 * overlap (a grade code with a quality suffix, "S355J2", counts as its code "S355"). A density given by the model then checks the candidate: a density more than 2×
 * off means the name probably names something else, so the candidate is replaced by the
 * closest-density material of the same category, or the match is rejected with a reason.
 * Pure: the library is passed in.
 */
import type { LibraryMaterial, MaterialLibrary } from '../materials.ts';
import { normaliseMaterialName, parseStrengthClass } from './normalise.ts';

export { normaliseMaterialName, parseStrengthClass, foldDiacritics } from './normalise.ts';
export type { StrengthClass } from './normalise.ts';

/** How a match was found. `override` = the caller's mapping table. */
export type MatchVia = 'override' | 'id' | 'name' | 'synonym' | 'token';

/** A successful match; confidence is 0–1 (1 = the caller or the id said so). */
export interface MaterialMatched {
  materialId: string;
  confidence: number;
  via: MatchVia;
}

/** No match, with a reason a modeller can act on. */
export interface MaterialUnmatched {
  materialId: undefined;
  reason: string;
}

export type MaterialMatch = MaterialMatched | MaterialUnmatched;

export interface MatchOptions {
  /** Density the model gives for the material, kg/m³; 0 or absent = unknown (IFC placeholders are 0). */
  densityKgPerM3?: number;
  /** Normalised (or raw: keys are normalised here) model name → library id, checked first. */
  overrides?: Record<string, string>;
}

/**
 * Confidence per route. Exact names beat synonyms because synonyms include broad terms
 * ("Steel", "Holz") that stand for a family; strength classes are parsed, not looked up.
 */
const CONFIDENCE = { override: 1, id: 1, name: 0.95, synonym: 0.9, strengthClass: 0.9 } as const;
/** Token matches score 0.5 + 0.35 × (share of the name's letters that the phrase explains). */
const TOKEN_BASE = 0.5;
const TOKEN_SPAN = 0.35;
/** Below this share of explained letters a token match is noise ("composite element roof"). */
const MIN_EXPLAINED_SHARE = 0.3;
/** A token may match a German compound by prefix or suffix ("Porenbetonsteinwand") if the phrase token is this long. */
const MIN_COMPOUND_TOKEN_LENGTH = 5;
/** Partial credit for a compound (prefix/suffix) token match. */
const COMPOUND_WEIGHT = 0.8;
/** Densities further apart than this factor are implausible for the same material. */
const IMPLAUSIBLE_DENSITY_FACTOR = 2;
/** Densities further apart than this factor make the match less certain. */
const DOUBTFUL_DENSITY_FACTOR = 1.5;
/** Confidence multiplier for a doubtful density, and for a same-category substitute. */
const DOUBTFUL_DENSITY_PENALTY = 0.85;
const SUBSTITUTE_PENALTY = 0.8;
/** Confidence multiplier when an override meets an implausible density: kept, flagged. */
const EXPLICIT_IMPLAUSIBLE_PENALTY = 0.6;

interface Phrase {
  materialId: string;
  tokens: string[];
  via: 'name' | 'synonym';
}

interface LibraryIndex {
  exact: Map<string, { materialId: string; via: 'name' | 'synonym' }>;
  phrases: Phrase[];
}

/** Indexes are built once per library object (the library is immutable). */
const indexCache = new WeakMap<MaterialLibrary, LibraryIndex>();

/** Tokens that carry meaning: no bare numbers (model ids, layer thicknesses), no single letters. */
function meaningfulTokens(normalised: string): string[] {
  return normalised.split(' ').filter((t) => t.length > 1 && !/^\d+$/.test(t));
}

function buildIndex(library: MaterialLibrary): LibraryIndex {
  const exact = new Map<string, { materialId: string; via: 'name' | 'synonym' }>();
  const phrases: Phrase[] = [];
  const add = (text: string, materialId: string, via: 'name' | 'synonym') => {
    const key = normaliseMaterialName(text);
    if (key === '') return;
    // Names are added before synonyms, so a name always wins over another material's synonym.
    if (!exact.has(key)) exact.set(key, { materialId, via });
    const tokens = meaningfulTokens(key);
    if (tokens.length > 0) phrases.push({ materialId, tokens, via });
  };
  const all = library.all();
  for (const m of all) for (const n of [m.names.en, m.names.nl, m.names.vi]) add(n, m.id, 'name');
  for (const m of all) for (const s of m.synonyms) add(s, m.id, 'synonym');
  return { exact, phrases };
}

function indexOf(library: MaterialLibrary): LibraryIndex {
  let index = indexCache.get(library);
  if (index === undefined) {
    index = buildIndex(library);
    indexCache.set(library, index);
  }
  return index;
}

/**
 * A grade code (letters then digits: `s355`, `sd390`, `a500`, `cb400`) in the library, and
 * the same code with a quality suffix in a model (`s355j2`, `s235jr`, `s355j2h`, `b500b`):
 * EN 10025, JIS and TCVN grades append delivery condition and toughness letters that do not
 * change the material.
 */
const GRADE_CODE_RE = /^[a-z]{1,3}\d{2,3}$/;
const GRADE_SUFFIX_RE = /^[a-z][a-z0-9]{0,3}$/;

/** Weight with which a name token is explained by a phrase token (0 = not at all). */
function tokenWeight(nameToken: string, phraseToken: string): number {
  if (nameToken === phraseToken) return 1;
  if (
    GRADE_CODE_RE.test(phraseToken) &&
    nameToken.startsWith(phraseToken) &&
    GRADE_SUFFIX_RE.test(nameToken.slice(phraseToken.length))
  ) {
    return 1;
  }
  if (
    phraseToken.length >= MIN_COMPOUND_TOKEN_LENGTH &&
    (nameToken.startsWith(phraseToken) || nameToken.endsWith(phraseToken))
  ) {
    return COMPOUND_WEIGHT;
  }
  return 0;
}

/**
 * Share of the name's letters explained by a phrase, or 0 unless every token of the
 * phrase is found in the name (a phrase must be wholly present to count).
 */
function explainedShare(nameTokens: string[], phrase: Phrase): number {
  const totalLetters = nameTokens.reduce((s, t) => s + t.length, 0);
  if (totalLetters === 0) return 0;
  const used = new Set<number>();
  let explained = 0;
  for (const p of phrase.tokens) {
    let best = -1;
    let bestWeight = 0;
    nameTokens.forEach((t, i) => {
      if (used.has(i)) return;
      const w = tokenWeight(t, p);
      if (w > bestWeight) {
        bestWeight = w;
        best = i;
      }
    });
    if (best < 0) return 0;
    used.add(best);
    // A compound match explains the phrase token's letters, not the whole compound.
    explained += bestWeight === 1 ? (nameTokens[best]?.length ?? 0) : p.length * bestWeight;
  }
  return Math.min(1, explained / totalLetters);
}

interface Candidate {
  materialId: string;
  confidence: number;
  via: MatchVia;
}

function byName(
  name: string,
  library: MaterialLibrary,
  opts: MatchOptions,
): Candidate | MaterialUnmatched {
  const normalised = normaliseMaterialName(name);
  if (normalised === '')
    return { materialId: undefined, reason: `the name "${name}" is empty after normalisation` };

  if (opts.overrides) {
    for (const [key, id] of Object.entries(opts.overrides)) {
      if (normaliseMaterialName(key) !== normalised) continue;
      if (library.get(id) === undefined) {
        return {
          materialId: undefined,
          reason: `the mapping override for "${key}" names ${id}, which is not in the materials library`,
        };
      }
      return { materialId: id, confidence: CONFIDENCE.override, via: 'override' };
    }
  }

  const trimmed = name.trim().toLowerCase();
  if (library.get(trimmed) !== undefined)
    return { materialId: trimmed, confidence: CONFIDENCE.id, via: 'id' };

  const index = indexOf(library);
  const hit = index.exact.get(normalised);
  if (hit) return { materialId: hit.materialId, confidence: CONFIDENCE[hit.via], via: hit.via };

  // Model ids and layer thicknesses ("Leichtbeton 102890359 0.24") are noise for exact lookups too.
  const tokens = meaningfulTokens(normalised);
  const withoutNumbers = tokens.join(' ');
  const hitWithoutNumbers =
    withoutNumbers === normalised ? undefined : index.exact.get(withoutNumbers);
  if (hitWithoutNumbers) {
    return {
      materialId: hitWithoutNumbers.materialId,
      confidence: CONFIDENCE[hitWithoutNumbers.via] - 0.05,
      via: hitWithoutNumbers.via,
    };
  }

  const strength = parseStrengthClass(name);
  if (strength && !strength.lightweight) {
    const id = `concrete-c${strength.fckCylinderNPerMm2}-${strength.fckCubeNPerMm2}`;
    if (library.get(id) !== undefined)
      return { materialId: id, confidence: CONFIDENCE.strengthClass, via: 'token' };
  }
  if (strength?.lightweight && library.get('concrete-lightweight') !== undefined) {
    return {
      materialId: 'concrete-lightweight',
      confidence: CONFIDENCE.strengthClass - 0.1,
      via: 'token',
    };
  }

  let best: { phrase: Phrase; share: number } | undefined;
  for (const phrase of index.phrases) {
    const share = explainedShare(tokens, phrase);
    if (share <= 0) continue;
    // Ties go to the phrase with more tokens (more specific), then to names over synonyms.
    if (
      best === undefined ||
      share > best.share + 1e-9 ||
      (Math.abs(share - best.share) <= 1e-9 && phrase.tokens.length > best.phrase.tokens.length)
    ) {
      best = { phrase, share };
    }
  }
  if (best === undefined || best.share < MIN_EXPLAINED_SHARE) {
    return {
      materialId: undefined,
      reason: `no library material matches "${name}" (normalised "${normalised}")`,
    };
  }
  return {
    materialId: best.phrase.materialId,
    confidence: Math.round((TOKEN_BASE + TOKEN_SPAN * best.share) * 1000) / 1000,
    via: 'token',
  };
}

/** |log ratio| of two densities: 0 when equal, symmetric in over- and under-estimates. */
function densityDistance(a: number, b: number): number {
  return Math.abs(Math.log(a / b));
}

/**
 * Matches a material name (any of English, Dutch, German, Vietnamese, IFC-style) to a
 * library material. See the module comment for the order of routes and the density check.
 */
export function matchMaterial(
  name: string,
  library: MaterialLibrary,
  opts: MatchOptions = {},
): MaterialMatch {
  const found = byName(name, library, opts);
  if (found.materialId === undefined) return found;
  const material = library.get(found.materialId) as LibraryMaterial;
  const density = opts.densityKgPerM3;
  if (density === undefined || !Number.isFinite(density) || density <= 0) return found;

  const distance = densityDistance(density, material.densityKgPerM3);
  if (distance <= Math.log(DOUBTFUL_DENSITY_FACTOR)) return found;
  if (distance <= Math.log(IMPLAUSIBLE_DENSITY_FACTOR)) {
    return { ...found, confidence: round3(found.confidence * DOUBTFUL_DENSITY_PENALTY) };
  }
  if (found.via === 'override') {
    // The caller chose this material explicitly: keep it, but say it is doubtful.
    return { ...found, confidence: round3(found.confidence * EXPLICIT_IMPLAUSIBLE_PENALTY) };
  }
  // The name points at a family; the density may tell which member ("Brick" at 700 kg/m³ is
  // a perforated block). Only members of the same category and waste code qualify, so that
  // "Steel" at 2 400 kg/m³ is rejected rather than silently turned into aluminium.
  let substitute: LibraryMaterial | undefined;
  for (const m of library.all()) {
    if (m.category !== material.category || m.ewcCode !== material.ewcCode || m.id === material.id)
      continue;
    if (densityDistance(density, m.densityKgPerM3) > Math.log(IMPLAUSIBLE_DENSITY_FACTOR)) continue;
    if (
      substitute === undefined ||
      densityDistance(density, m.densityKgPerM3) <
        densityDistance(density, substitute.densityKgPerM3)
    ) {
      substitute = m;
    }
  }
  if (substitute) {
    return {
      materialId: substitute.id,
      confidence: round3(found.confidence * SUBSTITUTE_PENALTY),
      via: found.via,
    };
  }
  return {
    materialId: undefined,
    reason:
      `"${name}" looks like ${material.id}, but the model's density ${density} kg/m³ is implausible for it ` +
      `(${material.densityKgPerM3} kg/m³, more than ${IMPLAUSIBLE_DENSITY_FACTOR}× off)`,
  };
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
