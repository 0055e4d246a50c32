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
      await withDatabase(async (database) => {
        process.stdout.write(`database is up to date (${database.engine})\n`);
      });
    });
}
