/** A round trip to the database, for health checks. */
import { sql } from 'kysely';
import type { Database } from './database.ts';

/** Resolves when the database answers a trivial query; rejects otherwise. */
export async function ping(database: Database): Promise<void> {
  await sql`select 1`.execute(database.db);
}
