/**
 * The HTTP service. Routes are thin: the schema validates, the service does the work, the
 * route presents. The OpenAPI document is generated from the same zod schemas.
 */
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import { handleError } from './errors.ts';
import { buildingRoutes } from './routes/buildings.ts';
import { healthRoutes } from './routes/health.ts';
import { homeRoutes } from './routes/home.ts';
import { importRoutes } from './routes/imports.ts';

export interface ServerDeps {
  config: Config;
  database: Database;
}

/** The package version, shown by /healthz and in the OpenAPI document. */
export const API_VERSION = '0.1.0';

/** Builds the Fastify app (not listening). */
export async function buildServer(
  deps: ServerDeps,
  opts: { logger?: boolean } = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      opts.logger === false || deps.config.logLevel === 'silent'
        ? false
        : { level: deps.config.logLevel },
    bodyLimit: deps.config.maxImportBytes,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((req, reply) => {
    void reply.status(404).send({
      error: { code: 'NOT_FOUND', message: `no route ${req.method} ${req.url}`, details: [] },
    });
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'matbank API',
        description: 'Material passports for buildings, and a material bank for the city.',
        version: API_VERSION,
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });

  await app.register(healthRoutes(deps));
  await app.register(homeRoutes(deps));
  await app.register(buildingRoutes(deps), { prefix: '/api' });
  await app.register(importRoutes(deps), { prefix: '/api' });
  app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());
  return app;
}
