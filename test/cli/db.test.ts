/** `matbank db migrate`: names what it applied on a new database, nothing on the second run. */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from './run.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'matbank-db-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const migrations = readdirSync(path.join(REPO_ROOT, 'src/db/migrations'))
  .filter((f) => f.endsWith('.sql'))
  .map((f) => f.replace(/\.sql$/, ''))
  .sort();

describe('every command migrates a new database first', () => {
  it('passport list on a data directory that does not exist yet prints []', async () => {
    const r = await runCli(['passport', 'list', '--json'], {
      MATBANK_DATA_DIR: path.join(dir, 'fresh'),
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([]);
  }, 60_000);
});

describe('matbank db migrate', () => {
  it('applies every migration once, then has nothing to apply', async () => {
    const env = { MATBANK_DATA_DIR: path.join(dir, 'data') };
    const first = await runCli(['db', 'migrate'], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`applied ${migrations.length} migration(s) (pglite)`);
    for (const m of migrations) expect(first.stdout).toContain(m);
    const second = await runCli(['db', 'migrate'], env);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('nothing to apply');
  }, 60_000);
});
