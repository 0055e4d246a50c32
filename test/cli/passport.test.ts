import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from './run.ts';

const EXAMPLE = path.join(REPO_ROOT, 'docs/examples/nha-ong-ba-dinh.json');

describe('matbank passport import / export / list (embedded database)', () => {
  let dir: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'matbank-cli-'));
    env = { MATBANK_DATA_DIR: path.join(dir, 'db') };
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses an invalid document with exit 2, naming the field, and stores nothing', async () => {
    const doc = JSON.parse(await readFile(EXAMPLE, 'utf8'));
    doc.elements[1].materials[0].endOfLife = { recycle: 0.8, landfill: 0.5 };
    doc.elements[2].layer = 'roof';
    const bad = path.join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify(doc));
    const r = await runCli(['passport', 'import', bad], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('VALIDATION_FAILED');
    expect(r.stderr).toContain(
      'elements[1].materials[0].endOfLife: fractions sum to 1.3, must be 1',
    );
    expect(r.stderr).toContain('elements[2].layer: must be one of');
    const list = await runCli(['passport', 'list', '--json'], env);
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout)).toEqual([]);
  });

  it('refuses a file that is not JSON with exit 2 and the line of the error', async () => {
    const bad = path.join(dir, 'broken.json');
    await writeFile(bad, '{\n  "format": "matbank/passport@1",\n  "building": {,\n}');
    const r = await runCli(['passport', 'import', bad], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/broken\.json: not valid JSON at line 3/);
  });

  it('imports, lists and exports the same values', async () => {
    const imported = await runCli(['passport', 'import', EXAMPLE], env);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/stored HN-2026-000123 version 1/);

    const doc = JSON.parse(await readFile(EXAMPLE, 'utf8'));
    const list = await runCli(['passport', 'list', '--json'], env);
    const rows = JSON.parse(list.stdout);
    // The example's declared masses, summed here by hand from the file.
    let massKg = 0;
    for (const e of doc.elements) for (const m of e.materials) massKg += m.massKg ?? 0;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      ref: 'HN-2026-000123',
      name: doc.building.name,
      version: 1,
      elements: doc.elements.length,
    });
    expect(rows[0].massKg).toBeCloseTo(massKg, 6);

    const exported = await runCli(['passport', 'export', 'HN-2026-000123'], env);
    expect(exported.code).toBe(0);
    expect(JSON.parse(exported.stdout)).toMatchObject(doc);
    // Values equal, not only present: compare every material use exactly.
    expect(JSON.parse(exported.stdout).elements).toEqual(doc.elements);

    const again = await runCli(['passport', 'import', EXAMPLE], env);
    expect(again.stdout).toMatch(/version 2/);
  });

  it('exports a stored passport to xlsx that imports back to the same elements', async () => {
    const xlsx = path.join(dir, 'out.xlsx');
    const exported = await runCli(
      ['passport', 'export', 'HN-2026-000123', '--format', 'xlsx', '-o', xlsx],
      env,
    );
    expect(exported.code, exported.stderr).toBe(0);
    const back = await runCli(['import', 'xlsx', xlsx, '--dry-run', '--json'], env);
    expect(back.code, back.stderr).toBe(0);
    const doc = JSON.parse(await readFile(EXAMPLE, 'utf8'));
    const elements = JSON.parse(back.stdout).passport.elements;
    expect(elements.map((e: any) => e.id)).toEqual(doc.elements.map((e: any) => e.id));
    // Every declared mass comes back unchanged, element by element.
    expect(elements.map((e: any) => e.materials.map((m: any) => m.massKg))).toEqual(
      doc.elements.map((e: any) => e.materials.map((m: any) => m.massKg)),
    );
  });

  it('exits 3 naming the ref when a building is not stored', async () => {
    const r = await runCli(['passport', 'export', 'HN-NOPE'], env);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('HN-NOPE');
  });

  it('stops on an unknown or malformed variable, naming it', async () => {
    const r = await runCli(['passport', 'list'], { ...env, MATBANK_DATADIR: 'x', PORT: 'eighty' });
    expect(r.code).toBe(78);
    expect(r.stderr).toContain('MATBANK_DATADIR: unknown variable');
    expect(r.stderr).toContain('PORT: "eighty" is not a port number');
  });
});
