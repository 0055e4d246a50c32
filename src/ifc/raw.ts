/**
 * Helpers over web-ifc's raw line data (`GetRawLineData`): attribute values come as
 * `{ type, value }` tokens (STRING 1, LABEL/typed 2, ENUM 3, REAL 4, REF 5, INTEGER 10) or
 * arrays for lists. A typed value carries its type as web-ifc's `typecode` or, from our STEP
 * reader, as `typeName` (upper case, e.g. IFCVOLUMEMEASURE). We read raw lines rather than `GetLine` objects because raw access is
 * about twice as fast and never flattens (see docs/benchmarks.md).
 */

/** One raw attribute value as web-ifc returns it. */
export type RawValue =
  | { type: number; value: unknown; typecode?: number; typeName?: string }
  | RawValue[]
  | null
  | undefined;

/** web-ifc token kinds we rely on. */
export const REF = 5;

/** A string attribute (IfcLabel, IfcText, IfcIdentifier, …), trimmed; undefined when `$`/empty. */
export function str(v: RawValue): string | undefined {
  if (v === null || v === undefined || Array.isArray(v)) return undefined;
  const x = v.value;
  if (typeof x === 'string') {
    const t = x.trim();
    return t === '' ? undefined : t;
  }
  if (typeof x === 'number' || typeof x === 'boolean') return String(x);
  return undefined;
}

/** A numeric attribute (REAL comes as a string such as "2." from web-ifc). */
export function num(v: RawValue): number | undefined {
  if (v === null || v === undefined || Array.isArray(v)) return undefined;
  const x = v.value;
  const n = typeof x === 'number' ? x : typeof x === 'string' ? Number(x) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

/** An enumeration or boolean attribute: `.T.` → true, `.F.` → false, `.U.`/other → undefined. */
export function bool(v: RawValue): boolean | undefined {
  if (v === null || v === undefined || Array.isArray(v)) return undefined;
  const x = v.value;
  if (typeof x === 'boolean') return x;
  if (typeof x === 'string') {
    const u = x
      .trim()
      .toUpperCase()
      .replace(/^\.|\.$/g, '');
    if (u === 'T' || u === 'TRUE' || u === 'YES' || u === 'JA' || u === '1') return true;
    if (u === 'F' || u === 'FALSE' || u === 'NO' || u === 'NEE' || u === 'NEIN' || u === '0')
      return false;
  }
  if (typeof x === 'number') return x !== 0;
  return undefined;
}

/** An enumeration value such as `METRE` (without dots). */
export function enumValue(v: RawValue): string | undefined {
  if (v === null || v === undefined || Array.isArray(v)) return undefined;
  return typeof v.value === 'string' ? v.value.replace(/^\.|\.$/g, '').toUpperCase() : undefined;
}

/** The express id an attribute points to, or undefined. */
export function ref(v: RawValue): number | undefined {
  if (v === null || v === undefined || Array.isArray(v)) return undefined;
  return v.type === REF && typeof v.value === 'number' ? v.value : undefined;
}

/** The express ids of a list attribute (ignores non-references). */
export function refs(v: RawValue): number[] {
  if (!Array.isArray(v)) {
    const one = ref(v);
    return one === undefined ? [] : [one];
  }
  const out: number[] = [];
  for (const item of v) {
    const r = ref(item);
    if (r !== undefined) out.push(r);
  }
  return out;
}

/** A list attribute as an array of raw values. */
export function list(v: RawValue): RawValue[] {
  return Array.isArray(v) ? v : v === null || v === undefined ? [] : [v];
}
