import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './run.ts';

/** `npm start` is `node bin/matbank.js serve`: run exactly that on an empty data folder. */
describe('matbank serve on an empty embedded database', () => {
  let dir: string;
  let child: ChildProcess;
  let base: string;
  let stdout = '';
  let stderr = '';

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'matbank-serve-'));
    child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin/matbank.js'), 'serve'], {
      cwd: REPO_ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        MATBANK_DATA_DIR: dir,
        PORT: '0',
        HOST: '127.0.0.1',
        MATBANK_LOG_LEVEL: 'silent',
      },
    });
    child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const deadline = Date.now() + 120_000;
    while (!/listening on (http:\/\/\S+)/.test(stdout)) {
      if (Date.now() > deadline || child.exitCode !== null)
        throw new Error(`server did not start: ${stderr}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    base = /listening on (http:\/\/\S+)/.exec(stdout)![1]!;
  }, 150_000);

  afterAll(async () => {
    child?.kill('SIGTERM');
    await new Promise((r) => child?.once('exit', r));
    await rm(dir, { recursive: true, force: true });
  });

  it('answers /healthz', async () => {
    const r = await fetch(`${base}/healthz`);
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ status: 'ok', engine: 'pglite' });
  });

  it('loads the demo buildings of data/demo/buildings.json from their IFC models', async () => {
    const manifest = JSON.parse(
      await readFile(path.join(REPO_ROOT, 'data/demo/buildings.json'), 'utf8'),
    );
    const expected = manifest.buildings.map((b: any) => b.building.ref).sort();
    const deadline = Date.now() + 120_000;
    let refs: string[] = [];
    while (Date.now() < deadline) {
      const body: any = await (await fetch(`${base}/api/buildings`)).json();
      refs = body.buildings.map((b: any) => b.ref).sort();
      if (refs.length === expected.length) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(refs, stderr).toEqual(expected);
    const fzk: any = await (await fetch(`${base}/api/buildings/HN-DEMO-0001/passport`)).json();
    expect(fzk.passport.building.ward).toBe('Phường Cầu Giấy');
    expect(fzk.passport.elements.length).toBeGreaterThan(50);
    expect(fzk.indicators.massKg.total).toBeGreaterThan(0);
  }, 150_000);
});
