/**
 * Fast raw access to STEP entity instances, by express id, straight from the file bytes.
 * web-ifc's GetRawLineData costs 20–40 µs per line through embind on this machine, which
 * caps an import at a few thousand elements per second; one JS scan of the DATA section
 * (offsets into the bytes) and on-demand tokenising of just the lines we read is an order
 * of magnitude cheaper. Tokens have web-ifc's raw shape ({ type, value }, see raw.ts), and
 * top-level derived attributes (`*`) are dropped as web-ifc drops them, so either reader
 * can serve extract.ts (test/ifc/step-reader.test.ts checks they agree).
 */
import type { RawValue } from './raw.ts';

const SEMI = 0x3b,
  QUOTE = 0x27,
  HASH = 0x23,
  EQ = 0x3d,
  LP = 0x28,
  RP = 0x29,
  COMMA = 0x2c,
  DOLLAR = 0x24,
  STAR = 0x2a,
  DOT = 0x2e,
  SLASH = 0x2f;

const latin1 = new TextDecoder('latin1');
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes STEP string escapes: '' , \X2\hhhh…\X0\, \X4\…\X0\, \X\hh, \S\c. */
export function decodeStepText(raw: string): string {
  let s = raw.includes("''") ? raw.replace(/''/g, "'") : raw;
  if (!s.includes('\\')) return s;
  s = s.replace(/\\X2\\((?:[0-9A-Fa-f]{4})+)\\X0\\/g, (_, hex: string) =>
    String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16))),
  );
  s = s.replace(/\\X4\\((?:[0-9A-Fa-f]{8})+)\\X0\\/g, (_, hex: string) =>
    String.fromCodePoint(...(hex.match(/.{8}/g) ?? []).map((h) => parseInt(h, 16))),
  );
  s = s.replace(/\\X\\([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  s = s.replace(/\\S\\(.)/g, (_, c: string) => String.fromCharCode(c.charCodeAt(0) + 128));
  return s.replace(/\\\\/g, '\\');
}

/** Index of entity instances (id → byte range) over the file bytes. */
export class StepReader {
  private readonly bytes: Uint8Array;
  private readonly start: Map<number, number> = new Map();
  private readonly end: Map<number, number> = new Map();

  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
    const b = bytes;
    const n = b.length;
    // Start after "DATA;" (the header has no instances).
    let i = 0;
    for (; i + 4 < n; i++) {
      if (
        b[i] === 0x44 &&
        b[i + 1] === 0x41 &&
        b[i + 2] === 0x54 &&
        b[i + 3] === 0x41 &&
        b[i + 4] === SEMI
      )
        break;
    }
    i += 5;
    while (i < n) {
      const c = b[i]!;
      if (c === HASH) {
        let id = 0;
        let j = i + 1;
        while (j < n && b[j]! >= 0x30 && b[j]! <= 0x39) id = id * 10 + (b[j++]! - 0x30);
        while (j < n && b[j]! <= 0x20) j++;
        if (b[j] !== EQ) {
          i = j;
          continue;
        }
        j++;
        const s = j;
        // To the closing ';' outside strings.
        while (j < n) {
          const d = b[j]!;
          if (d === QUOTE) {
            j++;
            for (;;) {
              while (j < n && b[j] !== QUOTE) j++;
              if (b[j + 1] === QUOTE) j += 2;
              else break;
            }
            j++;
          } else if (d === SEMI) break;
          else j++;
        }
        this.start.set(id, s);
        this.end.set(id, j);
        i = j + 1;
      } else if (c === SLASH && b[i + 1] === STAR) {
        i += 2;
        while (i + 1 < n && !(b[i] === STAR && b[i + 1] === SLASH)) i++;
        i += 2;
      } else if (c === QUOTE) {
        // Stray quote outside an instance (should not happen): skip the string.
        i++;
        while (i < n && b[i] !== QUOTE) i++;
        i++;
      } else i++;
    }
  }

  /** Number of instances indexed. */
  get size(): number {
    return this.start.size;
  }

  /** The instance's upper-case type name and its attributes, or undefined. */
  read(id: number): { type: string; args: RawValue[] } | undefined {
    const s = this.start.get(id);
    if (s === undefined) return undefined;
    const e = this.end.get(id)!;
    const b = this.bytes;
    let i = s;
    while (i < e && b[i]! <= 0x20) i++;
    const ts = i;
    while (i < e && b[i] !== LP && b[i]! > 0x20) i++;
    const type = latin1.decode(b.subarray(ts, i)).toUpperCase();
    while (i < e && b[i] !== LP) i++;
    const p = { i: i + 1 };
    const args = this.list(p, e, true);
    return { type, args };
  }

  private list(p: { i: number }, e: number, top: boolean): RawValue[] {
    const b = this.bytes;
    const out: RawValue[] = [];
    for (;;) {
      while (p.i < e && (b[p.i]! <= 0x20 || b[p.i] === COMMA)) p.i++;
      if (p.i >= e) return out;
      if (b[p.i] === RP) {
        p.i++;
        return out;
      }
      if (b[p.i] === STAR) {
        p.i++;
        if (!top) out.push(null);
        continue;
      }
      out.push(this.value(p, e));
    }
  }

  private value(p: { i: number }, e: number): RawValue {
    const b = this.bytes;
    const c = b[p.i]!;
    if (c === LP) {
      p.i++;
      return this.list(p, e, false);
    }
    if (c === DOLLAR) {
      p.i++;
      return null;
    }
    if (c === HASH) {
      let id = 0;
      p.i++;
      while (p.i < e && b[p.i]! >= 0x30 && b[p.i]! <= 0x39) id = id * 10 + (b[p.i++]! - 0x30);
      return { type: 5, value: id };
    }
    if (c === QUOTE) {
      const s = ++p.i;
      for (;;) {
        while (p.i < e && b[p.i] !== QUOTE) p.i++;
        if (b[p.i + 1] === QUOTE) p.i += 2;
        else break;
      }
      const raw = b.subarray(s, p.i);
      p.i++;
      let text: string;
      let ascii = true;
      for (let k = 0; k < raw.length; k++)
        if (raw[k]! >= 0x80) {
          ascii = false;
          break;
        }
      if (ascii) text = latin1.decode(raw);
      else {
        try {
          text = utf8.decode(raw);
        } catch {
          text = latin1.decode(raw);
        }
      }
      return { type: 1, value: decodeStepText(text) };
    }
    if (c === DOT) {
      const s = ++p.i;
      while (p.i < e && b[p.i] !== DOT) p.i++;
      const v = latin1.decode(b.subarray(s, p.i));
      p.i++;
      return { type: 3, value: v === 'T' ? true : v === 'F' ? false : v };
    }
    if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) {
      // Typed value, e.g. IFCLABEL('x') or IFCBOOLEAN(.T.).
      const ts = p.i;
      while (p.i < e && b[p.i] !== LP) p.i++;
      const typeName = latin1.decode(b.subarray(ts, p.i)).trim().toUpperCase();
      p.i++;
      while (p.i < e && b[p.i]! <= 0x20) p.i++;
      const inner = this.value(p, e);
      while (p.i < e && b[p.i] !== RP) p.i++;
      p.i++;
      const v = inner && !Array.isArray(inner) ? inner.value : inner;
      return { type: 2, value: v, typeName };
    }
    // A number.
    const s = p.i;
    while (p.i < e && b[p.i] !== COMMA && b[p.i] !== RP && b[p.i]! > 0x20) p.i++;
    return { type: 4, value: latin1.decode(b.subarray(s, p.i)) };
  }
}
