import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { MatbankError } from '../../core/errors.ts';
import { getConfig, parseJson, printJson, readInput, withDatabase } from '../context.ts';

/** `matbank passport import|export|list`. */
export function registerPassport(program: Command): void {
  const passport = program
    .command('passport')
    .description(
      'Store, read and list passport documents (format matbank/passport@1, docs/passport-format.md).',
    );

  passport
    .command('import')
    .argument('<file>', 'passport document (.json), or - for stdin')
    .description(
      'Validate and store a passport document as a new version of its building (by building.ref). ' +
        'Exit 0 when stored; exit 2 with every validation error on stderr, and nothing stored, when invalid.',
    )
    .action(async (file: string) => {
      const doc = parseJson(await readInput(file), file);
      const [{ importPassport }, { evaluatePassport }] = await Promise.all([
        import('../../services/passports.ts'),
        import('../../services/evaluate.ts'),
      ]);
      const result = await withDatabase((database) =>
        importPassport(database, doc, {
          actor: 'cli',
          computeIndicators: (p) => evaluatePassport(p, { vndPerEur: getConfig().vndPerEur }),
        }),
      );
      process.stdout.write(
        `stored ${result.ref} version ${result.version}: ${result.elements} elements, ` +
          `${result.materialUses} material uses, ${formatKg(result.massKg)}\n`,
      );
    });

  passport
    .command('export')
    .argument('<ref>', 'building reference, e.g. HN-2026-000123')
    .option('--version <n>', 'a stored version (default: the latest)')
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .option(
      '--format <format>',
      'json | xlsx | csv (the spreadsheet template of `matbank template`)',
      'json',
    )
    .description(
      'Print the stored passport document of a building (JSON), or write it as a spreadsheet.',
    )
    .action(async (ref: string, opts: { version?: string; output?: string; format: string }) => {
      if (!['json', 'xlsx', 'csv'].includes(opts.format)) {
        throw new MatbankError('BAD_INPUT', `--format: "${opts.format}" is not json, xlsx or csv`);
      }
      if (opts.format === 'xlsx' && opts.output === undefined && process.stdout.isTTY) {
        throw new MatbankError(
          'BAD_INPUT',
          '--format xlsx writes binary: give --output FILE or redirect stdout',
        );
      }
      const version = opts.version === undefined ? undefined : Number(opts.version);
      if (version !== undefined && !(Number.isInteger(version) && version > 0)) {
        throw new MatbankError(
          'BAD_INPUT',
          `--version: "${opts.version}" is not a version number (1, 2, …)`,
        );
      }
      const { exportPassport } = await import('../../services/passports.ts');
      const doc = await withDatabase((database) => exportPassport(database, ref, version));
      let bytes: string | Uint8Array;
      if (opts.format === 'json') bytes = JSON.stringify(doc, null, 2) + '\n';
      else {
        const { exportSpreadsheet } = await import('../../ifc/spreadsheet/index.ts');
        bytes = await exportSpreadsheet(doc, opts.format as 'xlsx' | 'csv');
      }
      if (opts.output) await writeFile(opts.output, bytes);
      else process.stdout.write(bytes);
    });

  passport
    .command('list')
    .option('--json', 'print a JSON array of { ref, name, version, elements, massKg }')
    .description('List the stored passports, latest version of each building.')
    .action(async (opts: { json?: boolean }) => {
      const { listPassports } = await import('../../services/passports.ts');
      const rows = await withDatabase((database) => listPassports(database));
      if (opts.json) {
        printJson(rows);
        return;
      }
      if (rows.length === 0) {
        process.stdout.write('no passports stored\n');
        return;
      }
      const header = ['ref', 'name', 'version', 'elements', 'mass'];
      const table = rows.map((r) => [
        r.ref,
        r.name ?? '',
        String(r.version),
        String(r.elements),
        formatKg(r.massKg),
      ]);
      process.stdout.write(formatTable(header, table, [false, false, true, true, true]));
    });
}

/** `12 345 kg` below 10 t, `123.4 t` above. */
export function formatKg(massKg: number): string {
  if (massKg >= 10_000)
    return `${(massKg / 1000).toLocaleString('en', { maximumFractionDigits: 1 })} t`;
  return `${massKg.toLocaleString('en', { maximumFractionDigits: 1 })} kg`;
}

/** A plain aligned text table. */
export function formatTable(header: string[], rows: string[][], alignRight: boolean[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (alignRight[i] ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return (
    [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n') + '\n'
  );
}
