import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { MatbankError } from '../../core/errors.ts';
import { CSV_ENCODINGS, type CsvEncoding } from '../../ifc/spreadsheet/csv.ts';
import type { ImportKind } from '../../services/imports.ts';
import { getConfig, printJson, withDatabase } from '../context.ts';

/** `matbank import ifc|xlsx|csv FILE` and `matbank template xlsx|csv`. */
export function registerImport(program: Command): void {
  const imp = program
    .command('import')
    .description(
      'Make a passport from a BIM model (IFC) or a spreadsheet, with a report of what is missing.',
    );

  const add = (kind: ImportKind, what: string) => {
    const cmd = imp
      .command(kind)
      .argument('<file>', what)
      .option(
        '--building <ref>',
        'building reference to store it under (default: derived from the file name)',
      )
      .option(
        '--org <organisation>',
        'organisation whose material mapping table to apply',
        'default',
      )
      .option('--dry-run', 'read and report only; store nothing')
      .option('--json', 'print { "report": …, "passport": … } as JSON')
      .description(
        `Import ${what} as a new passport version of the building (unless --dry-run). ` +
          'Prints the import report (elements, materials, mass measured vs derived, what is missing); ' +
          'progress goes to stderr. Invalid or unreadable files are refused with exit 2 and nothing stored.',
      )
      .action(
        async (
          file: string,
          opts: {
            building?: string;
            org: string;
            dryRun?: boolean;
            json?: boolean;
            geometry?: boolean;
            encoding?: string;
          },
        ) => {
          const config = getConfig();
          const started = Date.now();
          let lastPrintMs = 0;
          const onProgress = (p: { phase: string; done: number; total: number }) => {
            // Quiet for the first second (small models), then at most twice a second.
            const now = Date.now();
            if (now - started < 1000 || (now - lastPrintMs < 500 && p.done !== p.total)) return;
            lastPrintMs = now;
            const pct = p.total > 0 ? ` ${Math.round((100 * p.done) / p.total)}%` : '';
            process.stderr.write(`${p.phase}${pct} (${p.done}/${p.total})\n`);
          };
          const [{ importModelFile }, { formatImportReport }] = await Promise.all([
            import('../../services/imports.ts'),
            import('../../ifc/report.ts'),
          ]);
          const result = await withDatabase((database) =>
            importModelFile(database, kind, file, {
              buildingRef: opts.building,
              organisation: opts.org,
              dryRun: opts.dryRun === true,
              maxBytes: config.maxImportBytes,
              vndPerEur: config.vndPerEur,
              onProgress,
              ...(kind === 'ifc' && opts.geometry === false ? { geometry: false } : {}),
              ...(kind === 'csv' && opts.encoding !== undefined
                ? { encoding: csvEncoding(opts.encoding) }
                : {}),
            }),
          );
          if (opts.json) {
            printJson({
              report: result.report,
              passport: result.passport,
              ...(result.stored ? { stored: result.stored } : {}),
            });
            return;
          }
          process.stdout.write(formatImportReport(result.report));
          process.stdout.write(
            result.stored
              ? `\nstored ${result.stored.ref} version ${result.stored.version}\n`
              : '\ndry run: nothing stored\n',
          );
        },
      );
    if (kind === 'csv')
      cmd.option(
        '--encoding <encoding>',
        `the file's code page when it is not UTF-8: ${CSV_ENCODINGS.join(' | ')} (Excel's "CSV (Comma delimited)" on Vietnamese Windows writes windows-1258)`,
      );
    if (kind === 'ifc')
      cmd.option(
        '--no-geometry',
        'do not compute volumes from the body mesh for elements without any quantity (faster)',
      );
  };

  add('ifc', 'an IFC model (.ifc or .ifczip; IFC2X3, IFC4, IFC4X3)');
  add('xlsx', 'a filled-in matbank spreadsheet (.xlsx, see `matbank template xlsx`)');
  add('csv', 'a filled-in matbank CSV (see `matbank template csv`)');

  program
    .command('template')
    .argument('<kind>', 'xlsx | csv')
    .option('-o, --output <file>', 'where to write it (default: matbank-passport-template.<kind>)')
    .description(
      'Write a blank passport spreadsheet to fill in and import with `matbank import xlsx|csv`.',
    )
    .action(async (kind: string, opts: { output?: string }) => {
      if (kind !== 'xlsx' && kind !== 'csv')
        throw new MatbankError('BAD_INPUT', `kind: "${kind}" is not xlsx or csv`);
      const out = opts.output ?? `matbank-passport-template.${kind}`;
      const { spreadsheetTemplate } = await import('../../ifc/spreadsheet/index.ts');
      await writeFile(out, await spreadsheetTemplate(kind));
      process.stdout.write(`wrote ${path.resolve(out)}\n`);
    });
}

function csvEncoding(value: string): CsvEncoding {
  const v = value.trim().toLowerCase().replace(/^cp/, 'windows-');
  const hit = CSV_ENCODINGS.find((e) => e === v || e.replace('-', '') === v.replace('-', ''));
  if (!hit)
    throw new MatbankError(
      'BAD_INPUT',
      `--encoding: "${value}" is not one of ${CSV_ENCODINGS.join(', ')}`,
    );
  return hit;
}
