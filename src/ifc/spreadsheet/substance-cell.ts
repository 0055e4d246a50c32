/**
 * The CSV `substances` cell: a material use's substances in one cell,
 * `cas|name|massFraction|ec|location;cas|name|…` (trailing empty parts may be left off).
 *
 * `\` escapes the next character, so `\|`, `\;` and `\\` stand for themselves. Unescaped
 * whitespace around a part is dropped (people type `1332-21-4 | asbestos | 10 %`); to keep
 * a name's own leading or trailing whitespace the writer escapes it (`\ `), so any text
 * survives a round trip.
 */

/** The five parts of an entry, in cell order. */
export const SUBSTANCE_CELL_PARTS = ['cas', 'name', 'massFraction', 'ec', 'location'] as const;
export type SubstanceCellPart = (typeof SUBSTANCE_CELL_PARTS)[number];

const isSpace = (ch: string): boolean => /^\s$/u.test(ch);

/** Escapes one part so that it reads back unchanged. */
export function escapePart(text: string): string {
  const chars = Array.from(text);
  return chars
    .map((ch, i) => {
      if (ch === '\\' || ch === '|' || ch === ';') return `\\${ch}`;
      // Only edge whitespace needs it: inner whitespace is never trimmed.
      const atEdge = chars.slice(0, i).every(isSpace) || chars.slice(i + 1).every(isSpace);
      return isSpace(ch) && atEdge ? `\\${ch}` : ch;
    })
    .join('');
}

/** Writes entries (each part a string, `undefined` for empty) as one cell. */
export function formatSubstanceCell(entries: readonly (readonly (string | undefined)[])[]): string {
  return entries
    .map((parts) => {
      const out = parts.map((p) => (p === undefined ? '' : escapePart(p)));
      while (out.length > 0 && out[out.length - 1] === '') out.pop();
      return out.join('|');
    })
    .join(';');
}

/**
 * Splits a cell into entries of parts; `undefined` for an empty part. A dangling `\` at
 * the end is an error (returned as a message), since it means something was cut off.
 */
export function parseSubstanceCell(
  cell: string,
): { ok: true; entries: (string | undefined)[][] } | { ok: false; message: string } {
  type Ch = { ch: string; escaped: boolean };
  const entries: Ch[][][] = [];
  let entry: Ch[][] = [];
  let part: Ch[] = [];
  const chars = Array.from(cell);
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] as string;
    if (ch === '\\') {
      const next = chars[i + 1];
      if (next === undefined)
        return { ok: false, message: 'ends with a lone "\\" (escape character)' };
      part.push({ ch: next, escaped: true });
      i++;
    } else if (ch === '|') {
      entry.push(part);
      part = [];
    } else if (ch === ';') {
      entry.push(part);
      entries.push(entry);
      entry = [];
      part = [];
    } else {
      part.push({ ch, escaped: false });
    }
  }
  entry.push(part);
  entries.push(entry);
  const text = (p: Ch[]): string | undefined => {
    let a = 0;
    let b = p.length;
    while (a < b && !p[a]!.escaped && isSpace(p[a]!.ch)) a++;
    while (b > a && !p[b - 1]!.escaped && isSpace(p[b - 1]!.ch)) b--;
    const s = p
      .slice(a, b)
      .map((c) => c.ch)
      .join('');
    return s === '' ? undefined : s;
  };
  // An entry with every part empty (e.g. a trailing ";") is dropped, not an error.
  const out = entries.map((e) => e.map(text)).filter((e) => e.some((p) => p !== undefined));
  return { ok: true, entries: out };
}
