import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MatbankError } from '../../core/errors.ts';
import { importReportSchema } from '../../core/import-report.ts';
import { passportSchema } from '../../core/passport/schema.ts';
import { previewModelBytes } from '../../services/imports.ts';
import type { ServerDeps } from '../app.ts';
import { errorBodySchema } from '../errors.ts';

const previewQuery = z.object({
  kind: z.enum(['ifc', 'xlsx', 'csv']).meta({ description: 'What the body is' }),
  fileName: z
    .string()
    .min(1)
    .max(255)
    .optional()
    .meta({ description: 'The uploaded file name (.ifczip is unzipped); names errors' }),
  building: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .meta({ description: 'Building reference (default: from the file name)' }),
  org: z
    .string()
    .min(1)
    .max(100)
    .default('default')
    .meta({ description: 'Organisation whose material mapping table applies' }),
  geometry: z
    .enum(['true', 'false'])
    .default('true')
    .meta({ description: 'IFC: volumes from the body mesh where the model has no quantity' }),
});

/**
 * `POST /api/imports/preview`: the file in the body (application/octet-stream) becomes a
 * passport draft and its import report; nothing is stored, so it needs no account (storing
 * waits for accounts and roles, roadmap item 4). The IFC work runs in the importer's worker
 * thread: the server keeps answering while a large model is read.
 */
/**
 * Previews read or waiting at once. The route needs no account, and each waiting upload
 * holds its body in memory (up to MATBANK_MAX_IMPORT_MB): more are refused with BUSY (429)
 * rather than queued without bound.
 */
export const MAX_PREVIEWS_IN_FLIGHT = 2;

export const importRoutes =
  (deps: ServerDeps): FastifyPluginAsyncZod =>
  async (app) => {
    let inFlight = 0;
    app.addContentTypeParser(
      'application/octet-stream',
      { parseAs: 'buffer', bodyLimit: deps.config.maxImportBytes },
      (_req, body, done) => done(null, body),
    );

    app.post(
      '/imports/preview',
      {
        schema: {
          summary:
            'Read an IFC model or a spreadsheet into a passport draft and report; store nothing',
          description:
            'Send the file as the body with Content-Type application/octet-stream. ' +
            'Invalid or unreadable files are refused (400, 413, 415) naming what and where.',
          querystring: previewQuery,
          response: {
            200: z.object({ report: importReportSchema, passport: passportSchema }),
            400: errorBodySchema,
            413: errorBodySchema,
            415: errorBodySchema,
            429: errorBodySchema,
          },
        },
      },
      async (req) => {
        const q = req.query;
        if (!Buffer.isBuffer(req.body) || req.body.length === 0)
          throw new MatbankError(
            'BAD_INPUT',
            'body: send the file as application/octet-stream (the body is empty or not a file)',
          );
        if (inFlight >= MAX_PREVIEWS_IN_FLIGHT)
          throw new MatbankError(
            'BUSY',
            `${inFlight} previews are being read already; try again when one has finished`,
          );
        const bytes = new Uint8Array(req.body.buffer, req.body.byteOffset, req.body.length);
        inFlight++;
        try {
          return await previewModelBytes(deps.database, q.kind, bytes, {
            fileName: q.fileName ?? `upload.${q.kind}`,
            buildingRef: q.building,
            organisation: q.org,
            maxBytes: deps.config.maxImportBytes,
            geometry: q.geometry === 'true',
          });
        } finally {
          inFlight--;
        }
      },
    );
  };
