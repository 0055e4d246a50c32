import type { Command } from 'commander';
import { MatbankError } from '../../core/errors.ts';
import { validatePassport } from '../../core/passport/validate.ts';
import {
  CIRCULARITY_METHODS as METHODS,
  type CircularityMethod as Method,
} from '../../core/indicators/schema.ts';
import { getConfig, parseJson, printJson, readInput, withDatabase } from '../context.ts';

/** `matbank indicators FILE | --ref REF`. */
export function registerIndicators(program: Command): void {
  program
    .command('indicators')
    .argument('[file]', 'passport document (.json) to evaluate without storing it, or - for stdin')
    .option('--ref <ref>', 'evaluate the stored passport of this building instead of a file')
    .option('--method <method>', `circularity method: ${METHODS.join(' | ')}`, 'emf2015')
    .option('--json', 'print JSON (the shape of docs/methods.md) instead of a table')
    .option('--lang <lang>', 'table labels: en | vi', 'en')
    .description(
      'Compute the passport indicators: mass, circularity (MCI), detachability, embodied carbon, ' +
        'residual value, hazards and waste classes, completeness for the permit. See docs/methods.md.',
    )
    .action(
      async (
        file: string | undefined,
        opts: { ref?: string; method: string; json?: boolean; lang: string },
      ) => {
        if (!METHODS.includes(opts.method as Method)) {
          throw new MatbankError(
            'BAD_INPUT',
            `--method: "${opts.method}" is not one of ${METHODS.join(', ')}`,
          );
        }
        if (opts.lang !== 'en' && opts.lang !== 'vi') {
          throw new MatbankError('BAD_INPUT', `--lang: "${opts.lang}" is not en or vi`);
        }
        if ((file === undefined) === (opts.ref === undefined)) {
          throw new MatbankError('BAD_INPUT', 'give either a FILE or --ref REF');
        }
        const [{ evaluatePassport }, { formatIndicatorsTable }] = await Promise.all([
          import('../../services/evaluate.ts'),
          import('../../core/indicators/format.ts'),
        ]);
        let passport;
        if (opts.ref !== undefined) {
          const ref = opts.ref;
          const { exportPassport } = await import('../../services/passports.ts');
          passport = await withDatabase((database) => exportPassport(database, ref));
        } else {
          const name = file as string;
          const result = validatePassport(parseJson(await readInput(name), name));
          if (!result.ok) {
            throw new MatbankError(
              'VALIDATION_FAILED',
              `${name}: passport document is invalid`,
              result.issues,
            );
          }
          passport = result.passport;
        }
        const indicators = evaluatePassport(passport, {
          method: opts.method as Method,
          vndPerEur: getConfig().vndPerEur,
        });
        if (opts.json) printJson(indicators);
        else process.stdout.write(formatIndicatorsTable(indicators, opts.lang));
      },
    );
}
