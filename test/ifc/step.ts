/**
 * A small, independent STEP (ISO 10303-21) reader for the tests: the importer's results are
 * checked against values read here from the file text, never against the importer itself.
 */
export type Token =
  | { ref: number }
  | { str: string }
  | { enum: string }
  | { num: number }
  | { typed: string; value: Token }
  | null
  | Token[];

export interface Entity {
  id: number;
  type: string;
  args: Token[];
}

/** Decodes STEP string escapes: '' , \X2\hhhh…\X0\ (UCS-2), \X\hh (latin-1), \S\c (high half). */
export function decodeStepString(s: string): string {
  return s
    .replace(/\\X2\\((?:[0-9A-F]{4})+)\\X0\\/gi, (_, hex: string) =>
      String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16))),
    )
    .replace(/\\X\\([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
    .replace(/\\S\\(.)/g, (_, c: string) => String.fromCharCode(c.charCodeAt(0) + 128))
    .replace(/''/g, "'");
}

function parseArgs(text: string): Token[] {
  let i = 0;
  const ws = () => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const value = (): Token => {
    ws();
    const c = text[i];
    if (c === '(') {
      i++;
      const items: Token[] = [];
      ws();
      if (text[i] === ')') {
        i++;
        return items;
      }
      for (;;) {
        items.push(value());
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ')') {
          i++;
          return items;
        } else throw new Error(`bad list at ${i}: ${text.slice(i, i + 20)}`);
      }
    }
    if (c === "'") {
      let j = i + 1;
      let out = '';
      for (;;) {
        const k = text.indexOf("'", j);
        if (text[k + 1] === "'") {
          out += text.slice(j, k + 2);
          j = k + 2;
        } else {
          out += text.slice(j, k);
          i = k + 1;
          break;
        }
      }
      return { str: decodeStepString(out) };
    }
    if (c === '$' || c === '*') {
      i++;
      return null;
    }
    if (c === '#') {
      const m = /^#(\d+)/.exec(text.slice(i))!;
      i += m[0].length;
      return { ref: Number(m[1]) };
    }
    if (c === '.') {
      const k = text.indexOf('.', i + 1);
      const e = text.slice(i + 1, k);
      i = k + 1;
      return { enum: e };
    }
    const m = /^[A-Z][A-Z0-9_]*/i.exec(text.slice(i));
    if (m) {
      i += m[0].length;
      ws();
      i++; // (
      const v = value();
      ws();
      i++; // )
      return { typed: m[0].toUpperCase(), value: v };
    }
    const n = /^[-+0-9.E]+/i.exec(text.slice(i))!;
    i += n[0].length;
    return { num: Number(n[0].endsWith('.') ? n[0] + '0' : n[0]) };
  };
  const outer = value();
  return outer as Token[];
}

/** Parses the DATA section into entities by id (handles entities spanning lines). */
export function parseStep(text: string): Map<number, Entity> {
  const data = text.slice(text.indexOf('DATA;') + 5, text.lastIndexOf('ENDSEC;'));
  const out = new Map<number, Entity>();
  const re = /#(\d+)\s*=\s*([A-Z0-9_]+)\s*(\((?:[^;']|'(?:[^']|'')*')*\))\s*;/gi;
  for (let m = re.exec(data); m; m = re.exec(data)) {
    out.set(Number(m[1]), { id: Number(m[1]), type: m[2]!.toUpperCase(), args: parseArgs(m[3]!) });
  }
  return out;
}

export const refOf = (t: Token | undefined): number | undefined =>
  t && typeof t === 'object' && 'ref' in t ? t.ref : undefined;
export const refsOf = (t: Token | undefined): number[] =>
  Array.isArray(t) ? t.map(refOf).filter((x): x is number => x !== undefined) : [];
export const strOf = (t: Token | undefined): string | undefined =>
  t && typeof t === 'object' && 'str' in t
    ? t.str
    : t && typeof t === 'object' && 'typed' in t
      ? strOf(t.value)
      : undefined;
export const numOf = (t: Token | undefined): number | undefined =>
  t && typeof t === 'object' && 'num' in t
    ? t.num
    : t && typeof t === 'object' && 'typed' in t
      ? numOf(t.value)
      : undefined;

/** Index of a model for the tests: entities by type and the relations we check. */
export class StepModel {
  readonly byId: Map<number, Entity>;
  readonly byType = new Map<string, Entity[]>();
  constructor(text: string) {
    this.byId = parseStep(text);
    for (const e of this.byId.values()) {
      const l = this.byType.get(e.type);
      if (l) l.push(e);
      else this.byType.set(e.type, [e]);
    }
  }
  all(type: string): Entity[] {
    return this.byType.get(type) ?? [];
  }
  get(id: number | undefined): Entity | undefined {
    return id === undefined ? undefined : this.byId.get(id);
  }
  /** object id → related ids of relations of `type` (objects at `objAt`, target at `targetAt`). */
  relation(type: string, objAt: number, targetAt: number): Map<number, number[]> {
    const out = new Map<number, number[]>();
    for (const r of this.all(type)) {
      const targets = Array.isArray(r.args[targetAt])
        ? refsOf(r.args[targetAt])
        : [refOf(r.args[targetAt])].filter((x): x is number => x !== undefined);
      for (const o of refsOf(r.args[objAt])) out.set(o, [...(out.get(o) ?? []), ...targets]);
    }
    return out;
  }
}
