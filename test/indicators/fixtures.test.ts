/**
 * Golden fixtures, Turf-style: every `test/fixtures/<indicator>/in/<case>.json` is run
 * through the runner named by its folder and compared with `out/<case>.json`.
 *
 * The expected files were written by hand from the sources (METHODS.md public vectors) or
 * computed by hand in their `$comment`; they are not program output. `REGEN=1` rewrites
 * `out/` from the program (for later, intentional changes), keeping `$comment` and
 * `$tolerance`. Numbers compare within `$tolerance` (absolute; default 1e-9) so that a
 * vector published to 4 decimals can be written as published. Keys starting with `$` are
 * annotations and are not compared.
 */
import { readdirSync, readFileSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  computeIndicators,
  detachabilityFromScores,
  indicatorsSchema,
  materialCircularity,
  mpg,
  presentValue,
  replacements,
  residualTerms,
  type IndicatorOptions,
} from '../../src/core/indicators/index.ts';
import { materialLibrary, type LibraryMaterial } from '../../src/core/materials.ts';
import { passportSchema } from '../../src/core/passport/schema.ts';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
const REGEN = process.env['REGEN'] === '1';
const DEFAULT_TOLERANCE = 1e-9;

/** The JSON form of computeIndicators options: reference data as lists, not functions. */
interface FixtureOptions {
  method?: IndicatorOptions['method'];
  library?: LibraryMaterial[];
  /** Codes the waste list marks hazardous (besides the default `*` rule: replaces it). */
  hazardousEwc?: string[];
  substanceThresholds?: Record<string, number>;
  params?: IndicatorOptions['params'];
}

function runPassport(input: { passport: unknown; options?: FixtureOptions }) {
  const passport = passportSchema.parse(input.passport);
  const o = input.options ?? {};
  const options: IndicatorOptions = {
    ...(o.method !== undefined && { method: o.method }),
    ...(o.library !== undefined && { library: materialLibrary(o.library) }),
    ...(o.hazardousEwc !== undefined && {
      isHazardousEwc: (code: string) => o.hazardousEwc!.includes(code),
    }),
    ...(o.substanceThresholds !== undefined && {
      substanceThreshold: (cas: string) => o.substanceThresholds![cas],
    }),
    ...(o.params !== undefined && { params: o.params }),
  };
  const result = computeIndicators(passport, options);
  indicatorsSchema.parse(result);
  return result;
}

const RUNNERS: Record<string, (input: any) => unknown> = {
  mci: (i) => {
    const t = materialCircularity(i.inputs, i.method);
    return { LFI: t.LFI, X: t.X, F: t.F, MCI: t.MCI };
  },
  'detachability-scores': (i) => detachabilityFromScores(i.TV, i.TO, i.DK, i.IP),
  replacements: (i) => ({ replacements: replacements(i.designLifeYears, i.lifespanYears) }),
  'residual-terms': (i) => residualTerms(i.massKg, i.entry, i.transportCostPerKgKm),
  npv: (i) => ({ presentValue: presentValue(i.value, i.rate, i.years) }),
  mpg: (i) => ({ mpg: mpg(i.totalMkiEur, i.grossFloorAreaM2, i.lifetimeYears) }),
  circularity: (i) => runPassport(i).circularity,
  detachability: (i) => runPassport(i).detachability,
  carbon: (i) => runPassport(i).carbon,
  value: (i) => runPassport(i).value,
  hazards: (i) => runPassport(i).hazards,
  completeness: (i) => runPassport(i).completeness,
  mass: (i) => runPassport(i).massKg,
  indicators: (i) => runPassport(i),
};

/** Differences between actual and expected, as `path: message` lines. */
function diff(actual: unknown, expected: unknown, tolerance: number, path = ''): string[] {
  if (typeof expected === 'number') {
    if (typeof actual !== 'number')
      return [`${path}: expected ${expected}, got ${JSON.stringify(actual)}`];
    return Math.abs(actual - expected) <= tolerance
      ? []
      : [`${path}: expected ${expected}, got ${actual}`];
  }
  if (expected === null || typeof expected !== 'object') {
    return actual === expected
      ? []
      : [`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) {
      return [`${path}: expected array of ${expected.length}, got ${JSON.stringify(actual)}`];
    }
    return expected.flatMap((e, i) => diff(actual[i], e, tolerance, `${path}[${i}]`));
  }
  if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) {
    return [`${path}: expected object, got ${JSON.stringify(actual)}`];
  }
  const a = actual as Record<string, unknown>;
  const e = expected as Record<string, unknown>;
  const keys = new Set([...Object.keys(a), ...Object.keys(e)].filter((k) => !k.startsWith('$')));
  return [...keys].flatMap((k) => {
    const p = path === '' ? k : `${path}.${k}`;
    if (!(k in e)) return [`${p}: unexpected (got ${JSON.stringify(a[k])})`];
    if (!(k in a)) return [`${p}: missing (expected ${JSON.stringify(e[k])})`];
    return diff(a[k], e[k], tolerance, p);
  });
}

const folders = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

describe('golden fixtures', () => {
  it('every fixture folder has a runner', () => {
    expect(folders.filter((f) => RUNNERS[f] === undefined)).toEqual([]);
  });
  for (const folder of folders) {
    const run = RUNNERS[folder];
    if (run === undefined) continue;
    const inDir = join(FIXTURES, folder, 'in');
    const outDir = join(FIXTURES, folder, 'out');
    for (const file of readdirSync(inDir)
      .filter((f) => f.endsWith('.json'))
      .sort()) {
      it(`${folder}/${file}`, () => {
        const input = JSON.parse(readFileSync(join(inDir, file), 'utf8'));
        const actual = JSON.parse(JSON.stringify(run(input)));
        const outFile = join(outDir, file);
        const expected = existsSync(outFile)
          ? JSON.parse(readFileSync(outFile, 'utf8'))
          : undefined;
        if (REGEN) {
          mkdirSync(outDir, { recursive: true });
          const annotations = Object.fromEntries(
            Object.entries(expected ?? {}).filter(([k]) => k.startsWith('$')),
          );
          writeFileSync(outFile, `${JSON.stringify({ ...annotations, ...actual }, null, 2)}\n`);
          return;
        }
        expect(
          expected,
          `missing ${folder}/out/${file} (write it by hand, or REGEN=1)`,
        ).toBeDefined();
        const tolerance =
          typeof expected.$tolerance === 'number' ? expected.$tolerance : DEFAULT_TOLERANCE;
        expect(diff(actual, expected, tolerance)).toEqual([]);
      });
    }
  }
});
