import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validatePassport } from '../../src/core/passport/validate.ts';
import { REPO_ROOT, runCli } from './run.ts';

const HOUSE = path.resolve(REPO_ROOT, '../shared/data/ifc/IfcOpenHouse_IFC4.ifc');

describe('matbank import ifc', () => {
  let dir: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'matbank-import-'));
    env = { MATBANK_DATA_DIR: path.join(dir, 'db') };
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('--dry-run --json prints { report, passport } and stores nothing', async () => {
    const r = await runCli(
      ['import', 'ifc', HOUSE, '--building', 'HN-T-1', '--dry-run', '--json'],
      env,
    );
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(validatePassport(out.passport).ok).toBe(true);
    expect(out.passport.building.ref).toBe('HN-T-1');
    // IfcOpenHouse has 40 physical elements (shared/data/SOURCES.md).
    expect(out.report.counts.elements).toBe(40);
    expect(out.passport.elements).toHaveLength(40);
    const list = await runCli(['passport', 'list', '--json'], env);
    expect(JSON.parse(list.stdout)).toEqual([]);
  });

  it('stores a new version without --dry-run', async () => {
    const first = await runCli(['import', 'ifc', HOUSE, '--building', 'HN-T-1'], env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/stored HN-T-1 version 1/);
    const second = await runCli(['import', 'ifc', HOUSE, '--building', 'HN-T-1'], env);
    expect(second.stdout).toMatch(/stored HN-T-1 version 2/);
  });

  it('refuses a file that is not IFC with exit 2, storing nothing', async () => {
    const bogus = path.join(dir, 'notes.ifc');
    await writeFile(bogus, 'this is not a model\n');
    const r = await runCli(['import', 'ifc', bogus, '--building', 'HN-T-2'], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('notes.ifc');
    const list = await runCli(['passport', 'list', '--json'], env);
    expect(JSON.parse(list.stdout).map((p: any) => p.ref)).toEqual(['HN-T-1']);
  });
});
