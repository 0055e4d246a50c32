import { describe, expect, it } from 'vitest';
import { runCli } from './run.ts';

const COMMANDS = [
  [],
  ['serve'],
  ['db'],
  ['db', 'migrate'],
  ['passport'],
  ['passport', 'import'],
  ['passport', 'export'],
  ['passport', 'list'],
  ['indicators'],
  ['import', 'ifc'],
  ['import', 'xlsx'],
  ['import', 'csv'],
  ['template'],
];

describe('every command has --help', () => {
  it.each(COMMANDS.map((c) => [c.join(' ') || '(root)', c]))(
    'matbank %s --help',
    async (_name, args) => {
      const r = await runCli([...(args as string[]), '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^Usage: matbank/m);
      expect(r.stdout.length).toBeGreaterThan(80);
    },
  );

  it('an unknown command exits 2 with usage', async () => {
    const r = await runCli(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown command 'frobnicate'");
  });
});
