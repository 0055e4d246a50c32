/**
 * Bad input is refused with one clear MatbankError (code, what and where), never a partial
 * passport; a dying worker becomes such an error too, and the next import still works.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { MatbankError } from '../../src/core/errors.ts';
import {
  closeIfcImporter,
  importIfc,
  importIfcInternal,
  readIfcSchema,
} from '../../src/ifc/index.ts';
import { generateSyntheticIfc } from '../../scripts/gen-synthetic-ifc.ts';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const house = path.resolve(repoRoot, '../shared/data/ifc/IfcOpenHouse_IFC4.ifc');
const houseText = readFileSync(house, 'latin1');
const enc = (s: string) => new TextEncoder().encode(s);
afterAll(() => closeIfcImporter());

async function refused(p: Promise<unknown>): Promise<MatbankError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(MatbankError);
    return e as MatbankError;
  }
  throw new Error('expected the import to be refused');
}

describe('bad input', () => {
  it('truncated model: BAD_INPUT naming the last line', async () => {
    const cut = houseText.slice(0, Math.floor(houseText.length / 2));
    const lastLine = cut.split('\n').length;
    const e = await refused(importIfc(enc(cut), { fileName: 'half.ifc' }));
    expect(e.code).toBe('BAD_INPUT');
    expect(e.message).toContain(`half.ifc: line ${lastLine}: truncated`);
  });

  it('not IFC at all: UNSUPPORTED_FORMAT', async () => {
    const e = await refused(importIfc(enc('name,mass\nwall,12\n'), { fileName: 'table.csv' }));
    expect(e.code).toBe('UNSUPPORTED_FORMAT');
    expect(e.message).toMatch(/table\.csv: line 1: not an IFC STEP file/);
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    expect((await refused(importIfc(png))).code).toBe('UNSUPPORTED_FORMAT');
  });

  it('unsupported or garbage FILE_SCHEMA: UNSUPPORTED_FORMAT with the schema and line', async () => {
    const schemaLine = houseText.split('\n').findIndex((l) => l.startsWith('FILE_SCHEMA')) + 1;
    for (const schema of ['IFC2X2_FINAL', 'XYZ#!']) {
      const text = houseText.replace("FILE_SCHEMA(('IFC4'))", `FILE_SCHEMA(('${schema}'))`);
      const e = await refused(importIfc(enc(text), { fileName: 'old.ifc' }));
      expect(e.code).toBe('UNSUPPORTED_FORMAT');
      expect(e.message).toContain(
        `old.ifc: line ${schemaLine}: FILE_SCHEMA '${schema}' is not supported`,
      );
    }
  });

  it('larger than maxBytes: TOO_LARGE, for a path and for bytes', async () => {
    const e1 = await refused(importIfc(house, { maxBytes: 10_000 }));
    expect(e1.code).toBe('TOO_LARGE');
    expect(e1.message).toContain('IfcOpenHouse_IFC4.ifc');
    const e2 = await refused(importIfc(enc(houseText), { maxBytes: 10_000 }));
    expect(e2.code).toBe('TOO_LARGE');
  });

  it('zip bomb: an .ifczip expanding past the cap is refused while unpacking', async () => {
    // 64 MiB of one repeated line packs to ~70 KB: a ratio far above any real model.
    const line = '#1=IFCCARTESIANPOINT((0.,0.,0.));\n';
    const big = new Uint8Array(64 * 1024 * 1024);
    const unit = enc(line);
    for (let i = 0; i + unit.length <= big.length; i += unit.length) big.set(unit, i);
    const zip = zipSync({ 'bomb.ifc': big }, { level: 9 });
    expect(zip.length).toBeLessThan(big.length / 200);
    const e = await refused(importIfc(zip, { fileName: 'bomb.ifczip' }));
    expect(e.code).toBe('TOO_LARGE');
    expect(e.message).toMatch(/bomb\.ifczip: bomb\.ifc expands to more than .* zip bomb/);
    // And the cap on total size applies to the unpacked text too.
    const okZip = zipSync({ 'house.ifc': enc(houseText) });
    const e2 = await refused(
      importIfc(okZip, { fileName: 'house.ifczip', maxBytes: okZip.length + 10 }),
    );
    expect(e2.code).toBe('TOO_LARGE');
  });

  it('a zip without an .ifc inside: UNSUPPORTED_FORMAT', async () => {
    const e = await refused(
      importIfc(zipSync({ 'readme.txt': enc('hello') }), { fileName: 'x.ifczip' }),
    );
    expect(e.code).toBe('UNSUPPORTED_FORMAT');
    expect(e.message).toContain('no .ifc file');
  });

  it('a missing file: BAD_INPUT naming it', async () => {
    const e = await refused(importIfc(path.join(tmpdir(), 'does-not-exist.ifc')));
    expect(e.code).toBe('BAD_INPUT');
    expect(e.message).toContain('does-not-exist.ifc');
  });

  it('a worker that dies or a WASM abort becomes BAD_INPUT, and the next import works', async () => {
    const e1 = await refused(importIfcInternal(house, { testCrash: 'exit' }));
    expect(e1.code).toBe('BAD_INPUT');
    expect(e1.message).toMatch(/worker (stopped|crashed)/);
    const e2 = await refused(importIfcInternal(house, { testCrash: 'abort' }));
    expect(e2.code).toBe('BAD_INPUT');
    const ok = await importIfc(house);
    expect(ok.passport.elements.length).toBeGreaterThan(0);
  });

  it('readIfcSchema reads the schema without parsing the model', () => {
    expect(readIfcSchema(enc(houseText)).schema).toBe('IFC4');
    expect(() => readIfcSchema(enc('garbage'))).toThrow(MatbankError);
  });
});

describe('worker entry under plain node + tsx registration (as bin/matbank.js does)', () => {
  it('imports a model from a child process that registers tsx itself', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'matbank-ifc-'));
    const model = path.join(dir, 'syn.ifc');
    writeFileSync(model, generateSyntheticIfc({ elements: 10 }));
    const script = `
      import { register } from 'tsx/esm/api';
      register();
      const { importIfc, closeIfcImporter } = await import(${JSON.stringify(path.join(repoRoot, 'src/ifc/index.ts'))});
      const r = await importIfc(${JSON.stringify(model)});
      console.log(JSON.stringify({ n: r.passport.elements.length, kg: r.report.mass.totalKg }));
      await closeIfcImporter();
    `;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: repoRoot,
      encoding: 'utf8',
      timeout: 60_000,
    });
    const res = JSON.parse(out.trim().split('\n').pop()!) as { n: number; kg: number };
    expect(res.n).toBe(10);
    expect(res.kg).toBeGreaterThan(0);
  }, 60_000);
});
