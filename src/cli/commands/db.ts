import type { Command } from 'commander';
import { withDatabase } from '../context.ts';

/** `matbank db migrate`. */
export function registerDb(program: Command): void {
  const db = program.command('db').description('Database maintenance.');
  db.command('migrate')
    .description(
      'Apply pending migrations to the database (DATABASE_URL, or the embedded one in MATBANK_DATA_DIR). ' +
        'Running it again changes nothing.',
    )
    .action(async () => {
      let applied: readonly string[] = [];
      await withDatabase(
        async (database) => {
          process.stdout.write(
            applied.length === 0
              ? `database is up to date (${database.engine}); nothing to apply\n`
              : `applied ${applied.length} migration(s) (${database.engine}): ${applied.join(', ')}\n`,
          );
        },
        (result) => {
          applied = result.applied;
        },
      );
    });
}
