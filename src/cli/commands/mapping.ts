import type { Command } from 'commander';
import { printJson, withDatabase } from '../context.ts';
import { formatTable } from './passport.ts';

/** `matbank mapping list|set|remove`: the organisation's material mapping table. */
export function registerMapping(program: Command): void {
  const mapping = program
    .command('mapping')
    .description(
      'The material mapping table of an organisation: model material name → library material id ' +
        '(data/materials.csv). Every IFC or spreadsheet import applies it before automatic matching.',
    );
  mapping
    .command('list')
    .option('--org <organisation>', 'organisation', 'default')
    .option('--json', 'print JSON')
    .description('List the mappings of an organisation.')
    .action(async (opts: { org: string; json?: boolean }) => {
      const { listMappings } = await import('../../services/mappings.ts');
      const rows = await withDatabase((database) => listMappings(database, opts.org));
      if (opts.json) {
        printJson(
          rows.map((r) => ({
            modelName: r.modelName,
            materialId: r.materialId,
            updatedBy: r.updatedBy,
          })),
        );
        return;
      }
      if (rows.length === 0) {
        process.stdout.write(`organisation "${opts.org}" has no mappings\n`);
        return;
      }
      process.stdout.write(
        formatTable(
          ['model name', 'material id'],
          rows.map((r) => [r.modelName, r.materialId]),
          [false, false],
        ),
      );
    });
  mapping
    .command('set')
    .argument(
      '<model-name>',
      'material name as it appears in the model, e.g. "Beton C25/30 (Ortbeton)"',
    )
    .argument('<material-id>', 'library material id, e.g. concrete-c25-30')
    .option('--org <organisation>', 'organisation', 'default')
    .description(
      'Map a model material name to a library material (replaces an earlier mapping of that name).',
    )
    .action(async (modelName: string, materialId: string, opts: { org: string }) => {
      const { setMapping } = await import('../../services/mappings.ts');
      const r = await withDatabase((database) =>
        setMapping(database, opts.org, modelName, materialId),
      );
      process.stdout.write(
        `mapped "${modelName}" (${r.modelNameNormalised}) → ${materialId} for ${opts.org}\n`,
      );
    });
  mapping
    .command('remove')
    .argument('<model-name>', 'material name as it appears in the model')
    .option('--org <organisation>', 'organisation', 'default')
    .description('Remove a mapping.')
    .action(async (modelName: string, opts: { org: string }) => {
      const { removeMapping } = await import('../../services/mappings.ts');
      await withDatabase((database) => removeMapping(database, opts.org, modelName));
      process.stdout.write(`removed the mapping of "${modelName}" for ${opts.org}\n`);
    });
}
