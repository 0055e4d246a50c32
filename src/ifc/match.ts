/**
 * Material matching as the IFC importer uses it: src/core/match (overrides first, then
 * id, names, synonyms, strength class, tokens; the model's density checks plausibility).
 */
export {
  matchMaterial,
  normaliseMaterialName,
  type MaterialMatch as MatchResult,
} from '../core/match/index.ts';
