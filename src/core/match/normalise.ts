/**
 * Normalisation of material names as they appear in IFC models, specifications and
 * spreadsheets (English, Dutch, German, Vietnamese), so that "Bê tông C30/37",
 * "BETON C30/37 (1)" and "beton  c30/37" compare equal. Pure: no I/O.
 */

/**
 * Letters that Unicode does not decompose into base letter + mark, mapped by hand.
 * Vietnamese đ is the important one: NFD leaves it intact, so "đất" would never meet "dat".
 */
const SPECIAL_LETTERS: Record<string, string> = {
  đ: 'd',
  ð: 'd',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  ı: 'i',
};

/**
 * EN 206 concrete strength class, optionally lightweight (LC): "C30/37", "c 30 / 37",
 * "LC25/28". Kept as one token so that separator unification does not split it.
 */
const STRENGTH_CLASS_RE = /(?<![a-z0-9])(l?c)\s*(\d{1,3})\s*\/\s*(\d{1,3})(?![0-9])/g;

/**
 * A number followed by a unit: thicknesses ("200mm", "12,5 mm"), densities, strengths
 * ("345 MPa"). They describe a use of the material, not the material.
 */
const QUANTITY_RE =
  /(?<![a-z0-9])\d+(?:[.,]\d+)?\s*(?:mm|cm|dm|m|kg\/m3|kg\/m2|kg\/m|kg|t\/m3|mpa|n\/mm2|gpa|%|in|inch|ft)(?![a-z0-9])/g;

/** Numbered duplicates that authoring tools append: "Concrete (1)", "Brick [2]", "Glass #3". */
const DUPLICATE_SUFFIX_RE = /[([]\s*\d+\s*[)\]]|#\s*\d+/g;

/** Everything that is not a letter or digit separates words. */
const SEPARATOR_RE = /[^\p{L}\p{N}]+/gu;

/** Lowercases and removes diacritics, including those Unicode does not decompose (đ, ß). */
export function foldDiacritics(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[đðßæœøłı]/g, (ch) => SPECIAL_LETTERS[ch] ?? ch)
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .normalize('NFC');
}

/**
 * Normalises a material name for comparison: lowercase, diacritics stripped (Vietnamese
 * đ → d, German ß → ss), numbered-duplicate noise like "(1)" and quantities with units like
 * "200mm" or "345 MPa" removed, all separators (space, `_`, `-`, `/`, `,` …) unified to a
 * single space. Concrete strength classes stay one token, e.g. `c30/37`. Nothing else is
 * decoded (IFC `\X2\` escapes are the IFC parser's job).
 */
export function normaliseMaterialName(name: string): string {
  const folded = foldDiacritics(name).replace(DUPLICATE_SUFFIX_RE, ' ').replace(QUANTITY_RE, ' ');
  const parts: string[] = [];
  let last = 0;
  for (const m of folded.matchAll(STRENGTH_CLASS_RE)) {
    const at = m.index ?? 0;
    parts.push(folded.slice(last, at).replace(SEPARATOR_RE, ' '));
    parts.push(` ${m[1]}${m[2]}/${m[3]} `);
    last = at + m[0].length;
  }
  parts.push(folded.slice(last).replace(SEPARATOR_RE, ' '));
  return parts.join('').replace(/\s+/g, ' ').trim();
}

/** A concrete strength class parsed from a name. */
export interface StrengthClass {
  /** True for lightweight concrete classes (LC). */
  lightweight: boolean;
  /** Characteristic cylinder strength, N/mm². */
  fckCylinderNPerMm2: number;
  /** Characteristic cube strength, N/mm². */
  fckCubeNPerMm2: number;
}

/**
 * The first EN 206 strength class in a name ("CONCRETE/C45/55" → 45/55), or undefined.
 * A pair whose cube strength is below its cylinder strength is not a strength class.
 */
export function parseStrengthClass(name: string): StrengthClass | undefined {
  for (const m of foldDiacritics(name).matchAll(STRENGTH_CLASS_RE)) {
    const cylinder = Number(m[2]);
    const cube = Number(m[3]);
    if (cube >= cylinder && cylinder > 0) {
      return { lightweight: m[1] === 'lc', fckCylinderNPerMm2: cylinder, fckCubeNPerMm2: cube };
    }
  }
  return undefined;
}
