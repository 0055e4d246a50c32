/**
 * CSV files in a Windows code page: never guessed, read when the user names it
 * (`encoding` / `--encoding`). Vietnamese Excel's "CSV (Comma delimited)" writes
 * Windows-1258, where tone marks are separate combining bytes.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Passport } from '../../src/core/passport/schema.ts';
import { exportSpreadsheet, importSpreadsheet } from '../../src/ifc/spreadsheet/index.ts';
import { runCli } from '../cli/run.ts';
import { failure } from './helpers.ts';
import { noMatch, testLibrary } from './fixtures.ts';

/**
 * Windows-1258 encoder written for the test: each byte's character from the decoder's own
 * table, and for characters the code page has no single byte for, the precomposed base
 * (ê, ơ, ă …) followed by the tone mark's combining byte.
 */
const TONES = new Set(['\u0300', '\u0301', '\u0303', '\u0309', '\u0323']);
const byteOf = new Map<string, number>();
const dec = new TextDecoder('windows-1258');
for (let b = 0; b < 256; b++) {
  const ch = dec.decode(Uint8Array.of(b));
  if (ch !== '\ufffd' && !byteOf.has(ch)) byteOf.set(ch, b);
}
function encode1258(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text.normalize('NFC')) {
    const direct = byteOf.get(ch);
    if (direct !== undefined) {
      out.push(direct);
      continue;
    }
    const parts = [...ch.normalize('NFD')];
    const base = parts
      .filter((p) => !TONES.has(p))
      .join('')
      .normalize('NFC');
    const tones = parts.filter((p) => TONES.has(p));
    const b = byteOf.get(base);
    if (b === undefined || tones.some((t) => byteOf.get(t) === undefined))
      throw new Error(`not in Windows-1258: ${ch}`);
    out.push(b, ...tones.map((t) => byteOf.get(t)!));
  }
  return Uint8Array.from(out);
}

const passport: Passport = {
  format: 'matbank/passport@1',
  building: { ref: 'HN-CP1258', name: 'Nhà ống phố Hàng Bạc', city: 'Hà Nội', country: 'VN' },
  elements: [
    {
      id: 'e-1',
      name: 'Tường gạch đặc tầng một',
      layer: 'skin',
      materials: [{ name: 'Gạch đặc', massKg: 1200.5 }],
    },
    {
      id: 'e-2',
      name: 'Dầm bê tông cốt thép',
      layer: 'structure',
      materials: [
        { name: 'Bê tông cốt thép', massKg: 3400 },
        { name: 'Thép ưu tiên', massKg: 250.25 },
      ],
    },
  ],
};
const opts = { library: testLibrary, match: noMatch };
const dir = mkdtempSync(path.join(tmpdir(), 'matbank-cp1258-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('CSV in Windows-1258', () => {
  it('the test encoder gives bytes that are not UTF-8 and decode back to the text', async () => {
    const utf8 = new TextDecoder().decode(await exportSpreadsheet(passport, 'csv'));
    const bytes = encode1258(utf8);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    expect(dec.decode(bytes).normalize('NFC')).toBe(utf8.normalize('NFC'));
  });

  it('is refused without an encoding, naming --encoding windows-1258', async () => {
    const bytes = encode1258(new TextDecoder().decode(await exportSpreadsheet(passport, 'csv')));
    const e = await failure(importSpreadsheet(bytes, 'csv', opts));
    expect(e.code).toBe('BAD_INPUT');
    expect(e.message).toContain('--encoding windows-1258');
  });

  it('with encoding windows-1258 gives back every Vietnamese name, composed (NFC)', async () => {
    const bytes = encode1258(new TextDecoder().decode(await exportSpreadsheet(passport, 'csv')));
    const { passport: back } = await importSpreadsheet(bytes, 'csv', {
      ...opts,
      encoding: 'windows-1258',
    });
    expect(back.building.name).toBe(passport.building.name);
    expect(back.elements.map((e) => e.name)).toEqual(passport.elements.map((e) => e.name));
    expect(back.elements.flatMap((e) => e.materials.map((m) => [m.name, m.massKg]))).toEqual(
      passport.elements.flatMap((e) => e.materials.map((m) => [m.name, m.massKg])),
    );
  });

  it('matbank import csv --encoding cp1258 reads it; an unknown encoding is exit 2', async () => {
    const file = path.join(dir, 'nha-ong.csv');
    writeFileSync(
      file,
      encode1258(new TextDecoder().decode(await exportSpreadsheet(passport, 'csv'))),
    );
    const env = { MATBANK_DATA_DIR: path.join(dir, 'data') };
    const ok = await runCli(
      ['import', 'csv', file, '--encoding', 'cp1258', '--dry-run', '--json'],
      env,
    );
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).passport.elements[1].name).toBe('Dầm bê tông cốt thép');
    const bad = await runCli(['import', 'csv', file, '--encoding', 'latin-9', '--dry-run'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--encoding: "latin-9"');
  }, 60_000);
});
