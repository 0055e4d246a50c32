/**
 * Numbers typed into spreadsheets by people in Hanoi, Amsterdam and elsewhere: `1.234,5`
 * (Vietnamese and Dutch), `1,234.5` (English), `1 234,5`, `0,75`, `75%`, `−0,005`.
 *
 * The rule (docs/spreadsheet.md "Numbers"):
 * - spaces (also no-break and thin spaces) and apostrophes are digit grouping and dropped;
 * - with both `.` and `,`, the one that comes last is the decimal mark, the other grouping;
 * - with only one kind of mark: once → decimal mark (`0,75` = 0.75, and so `1,234` = 1.234,
 *   because our users write decimal commas); several times → grouping (`1.234.567`);
 * - grouping must be in threes (`1.23.4` is an error, not a guess);
 * - an exponent `e`/`E` may follow; a trailing `%` divides by 100 (fraction columns only).
 * - when the file as a whole shows which mark is decimal ({@link detectDecimalMark}), the
 *   other mark is grouping even once: in a file of decimal commas `12.000` is 12 000, as
 *   Vietnamese and Dutch Excel write it, not 12.
 */

/** The decimal mark a file uses, when its numbers say so unambiguously. */
export type DecimalMark = '.' | ',';

/**
 * Only a decimal mark can be followed by other than exactly three digits, or come after a
 * lone 0 (`0,005`), or follow a group of the other mark (`1.234,5`).
 */
const DECIMAL_COMMA =
  /^[+-]?\d*,(\d{1,2}|\d{4,})(?:[eE][+-]?\d+)?%?$|^[+-]?0,\d+(?:[eE][+-]?\d+)?%?$|\.\d{3},\d/;
const DECIMAL_DOT =
  /^[+-]?\d*\.(\d{1,2}|\d{4,})(?:[eE][+-]?\d+)?%?$|^[+-]?0\.\d+(?:[eE][+-]?\d+)?%?$|,\d{3}\.\d/;

/**
 * The decimal mark of a file's typed numbers: `,` when some number can only have a decimal
 * comma (`0,75`, `1.234,5`) and none can only have a decimal point, `.` for the reverse,
 * else undefined (the single-number rule applies).
 */
export function detectDecimalMark(texts: Iterable<string>): DecimalMark | undefined {
  let comma = false;
  let dot = false;
  for (const raw of texts) {
    const s = raw
      .trim()
      .replace(/\u2212/g, '-')
      .replace(GROUPING_SPACES, '');
    if (DECIMAL_COMMA.test(s)) comma = true;
    else if (DECIMAL_DOT.test(s)) dot = true;
    if (comma && dot) return undefined;
  }
  return comma ? ',' : dot ? '.' : undefined;
}

export type NumberResult = { ok: true; value: number } | { ok: false; message: string };

const GROUPING_SPACES = /[\s\u00a0\u2007\u2009\u202f'’]/g;

/**
 * Parses a typed number by the rule above; `allowPercent` admits a trailing `%`;
 * `decimalMark` is the file's, when known.
 */
export function parseNumber(
  raw: string,
  allowPercent: boolean,
  decimalMark?: DecimalMark,
): NumberResult {
  let s = raw
    .trim()
    .replace(/\u2212/g, '-')
    .replace(GROUPING_SPACES, '');
  const bad = (): NumberResult => ({ ok: false, message: `"${raw.trim()}" is not a number` });
  let percent = false;
  if (s.endsWith('%')) {
    if (!allowPercent)
      return {
        ok: false,
        message: `"${raw.trim()}": a percentage is only allowed in fraction columns`,
      };
    percent = true;
    s = s.slice(0, -1);
  }
  const m = /^([+-]?)([0-9.,]+)(?:[eE]([+-]?\d+))?$/.exec(s);
  if (m === null) return bad();
  const sign = m[1] ?? '';
  const mantissa = m[2] ?? '';
  let exponent = m[3] === undefined ? 0 : Number(m[3]);
  const lastDot = mantissa.lastIndexOf('.');
  const lastComma = mantissa.lastIndexOf(',');
  let intPart: string;
  let fracPart = '';
  let grouping: string | undefined;
  if (lastDot >= 0 && lastComma >= 0) {
    const decimalAt = Math.max(lastDot, lastComma);
    grouping = lastDot > lastComma ? ',' : '.';
    intPart = mantissa.slice(0, decimalAt);
    fracPart = mantissa.slice(decimalAt + 1);
  } else if (lastDot >= 0 || lastComma >= 0) {
    const mark = lastDot >= 0 ? '.' : ',';
    const count = mantissa.split(mark).length - 1;
    if (count === 1 && (decimalMark === undefined || decimalMark === mark)) {
      [intPart = '', fracPart = ''] = mantissa.split(mark);
    } else {
      grouping = mark;
      intPart = mantissa;
    }
  } else {
    intPart = mantissa;
  }
  if (!/^\d*$/.test(fracPart)) return bad();
  if (grouping !== undefined) {
    const groups = intPart.split(grouping);
    const [first, ...rest] = groups;
    if (first === undefined || !/^\d{1,3}$/.test(first) || rest.some((g) => !/^\d{3}$/.test(g))) {
      return {
        ok: false,
        message: `"${raw.trim()}" is not a number (digit groups must be of three)`,
      };
    }
    intPart = groups.join('');
  }
  if (!/^\d*$/.test(intPart) || intPart.length + fracPart.length === 0) return bad();
  // Shifting the exponent instead of dividing by 100 keeps "7,5%" exactly 0.075.
  if (percent) exponent -= 2;
  const value = Number(`${sign}${intPart || '0'}.${fracPart || '0'}e${exponent}`);
  if (!Number.isFinite(value)) return { ok: false, message: `"${raw.trim()}" is out of range` };
  return { ok: true, value: Object.is(value, -0) ? 0 : value };
}
