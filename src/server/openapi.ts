/** The OpenAPI document, built from the route schemas without a database or a listener. */
import { loadConfig } from '../config.ts';
import type { Database } from '../db/database.ts';
import { buildServer } from './app.ts';

/** Returns the OpenAPI 3.1 document the server serves at /api/openapi.json. */
export async function openApiDocument(): Promise<unknown> {
  const config = loadConfig({ MATBANK_LOG_LEVEL: 'silent' });
  // Route registration never touches the database; only handlers do.
  const app = await buildServer(
    { config, database: undefined as unknown as Database },
    { logger: false },
  );
  await app.ready();
  const doc = app.swagger();
  await app.close();
  return doc;
}
