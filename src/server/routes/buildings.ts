import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { indicatorsSchema, type Indicators } from '../../core/indicators/schema.ts';
import type { Passport } from '../../core/passport/schema.ts';
import { evaluatePassport, METHODS, type Method } from '../../services/evaluate.ts';
import { passportSchema } from '../../core/passport/schema.ts';
import { exportPassport, getIndicators, listPassports } from '../../services/passports.ts';
import type { ServerDeps } from '../app.ts';
import { errorBodySchema } from '../errors.ts';

const refParams = z.object({
  ref: z.string().min(1).max(100).meta({ description: 'Building reference, e.g. HN-2026-000123' }),
});
const versionQuery = z.object({
  version: z.coerce
    .number()
    .int()
    .positive()
    .optional()
    .meta({ description: 'A stored version; default the latest' }),
  method: z.enum(METHODS).optional().meta({
    description:
      'Circularity method; the stored indicators use emf2015, another method is computed on request',
  }),
});

const buildingSummarySchema = z
  .object({
    ref: z.string(),
    name: z.string().optional(),
    version: z.number().int(),
    elements: z.number().int(),
    massKg: z.number(),
  })
  .meta({ id: 'BuildingSummary' });

const passportDocumentSchema = passportSchema.meta({ id: 'Passport' });
const indicatorsDocumentSchema = indicatorsSchema.meta({ id: 'Indicators' });

/** `/api/buildings…`: read-only until accounts and roles exist (roadmap item 4). */
export const buildingRoutes =
  (deps: ServerDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/buildings',
      {
        schema: {
          summary: 'List buildings with a stored passport (latest version of each)',
          response: { 200: z.object({ buildings: z.array(buildingSummarySchema) }) },
        },
      },
      async () => ({ buildings: await listPassports(deps.database) }),
    );

    app.get(
      '/buildings/:ref/passport',
      {
        schema: {
          summary: 'The stored passport document of a building, with its indicators',
          params: refParams,
          querystring: versionQuery,
          response: {
            200: z.object({
              ref: z.string(),
              version: z.number().int(),
              passport: passportDocumentSchema,
              indicators: indicatorsDocumentSchema,
            }),
            404: errorBodySchema,
          },
        },
      },
      async (req) => {
        const { ref } = req.params;
        const [passport, stored] = await Promise.all([
          exportPassport(deps.database, ref, req.query.version),
          getIndicators(deps.database, ref, req.query.version),
        ]);
        return {
          ref,
          version: stored.version,
          passport,
          indicators: indicatorsOf(stored.indicators, passport, deps, req.query.method),
        };
      },
    );

    app.get(
      '/buildings/:ref/indicators',
      {
        schema: {
          summary: 'Indicators of the stored passport (computed when the version was saved)',
          params: refParams,
          querystring: versionQuery,
          response: { 200: indicatorsDocumentSchema, 404: errorBodySchema },
        },
      },
      async (req) => {
        const { ref } = req.params;
        const stored = await getIndicators(deps.database, ref, req.query.version);
        if (stored.indicators !== null && storedFits(stored.indicators, req.query.method))
          return stored.indicators as Indicators;
        return indicatorsOf(
          null,
          await exportPassport(deps.database, ref, stored.version),
          deps,
          req.query.method,
        );
      },
    );
  };

/** Whether stored indicators were computed with the asked-for method (none asked: yes). */
function storedFits(stored: unknown, method: Method | undefined): boolean {
  return method === undefined || (stored as Indicators).circularity.method === method;
}

/**
 * Stored indicators, or computed now: for a version stored without them, or for another
 * circularity method than the stored one.
 */
function indicatorsOf(
  stored: unknown,
  passport: Passport,
  deps: ServerDeps,
  method?: Method,
): Indicators {
  return stored !== null && storedFits(stored, method)
    ? (stored as Indicators)
    : evaluatePassport(passport, {
        vndPerEur: deps.config.vndPerEur,
        ...(method ? { method } : {}),
      });
}
