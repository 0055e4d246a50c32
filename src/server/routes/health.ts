import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ping } from '../../db/health.ts';
import type { ServerDeps } from '../app.ts';

/** `GET /healthz`: the process is up and its database answers. */
export const healthRoutes =
  (deps: ServerDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/healthz',
      {
        schema: {
          summary: 'Liveness and database check',
          response: {
            200: z.object({ status: z.literal('ok'), engine: z.enum(['pglite', 'postgres']) }),
          },
        },
      },
      async () => {
        await ping(deps.database);
        return { status: 'ok' as const, engine: deps.database.engine };
      },
    );
  };
