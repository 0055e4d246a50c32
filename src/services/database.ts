/**
 * Opening the configured database, migrated, for the CLI and the server.
 */
import type { Config } from '../config.ts';
import { openDatabase, type Database } from '../db/database.ts';
import { migrate, type MigrateResult } from '../db/migrate.ts';

export type { Database } from '../db/database.ts';

/**
 * Opens PostgreSQL (`config.databaseUrl`) or the embedded database in `config.dataDir`,
 * and applies pending migrations. Throws DB_UNAVAILABLE when the database cannot be
 * reached; closes it again if migrating fails.
 */
export async function openAndMigrate(
  config: Pick<Config, 'databaseUrl' | 'dataDir'> & { memory?: boolean },
  onMigrated?: (result: MigrateResult) => void,
): Promise<Database> {
  const database = await openDatabase({
    ...(config.databaseUrl !== undefined ? { databaseUrl: config.databaseUrl } : {}),
    dataDir: config.dataDir,
    ...(config.memory ? { memory: true } : {}),
  });
  try {
    // Not `onMigrated?.(await migrate(…))`: optional call skips evaluating its arguments.
    const result = await migrate(database);
    onMigrated?.(result);
  } catch (e) {
    await database.close().catch(() => {});
    throw e;
  }
  return database;
}
