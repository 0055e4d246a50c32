/**
 * Presents errors the same way on every route: `{ error: { code, message, details } }`
 * with the HTTP status from the error catalogue (src/core/errors.ts).
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ERRORS, isMatbankError, type ErrorCode } from '../core/errors.ts';

export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.enum(Object.keys(ERRORS) as [ErrorCode, ...ErrorCode[]]),
      message: z.string(),
      details: z.array(z.object({ path: z.string(), message: z.string() })),
    }),
  })
  .meta({ id: 'Error' });

export type ErrorBody = z.infer<typeof errorBodySchema>;

function body(
  code: ErrorCode,
  message: string,
  details: { path: string; message: string }[] = [],
): ErrorBody {
  return { error: { code, message, details } };
}

/** Fastify error handler: catalogue errors keep their code; anything else is INTERNAL. */
export function handleError(
  err: FastifyError | Error,
  req: FastifyRequest,
  reply: FastifyReply,
): void {
  if (isMatbankError(err)) {
    void reply.status(err.httpStatus).send(body(err.code, err.message, [...err.details]));
    return;
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const details = err.validation.map((v) => ({
      path: `${err.validationContext ?? 'request'}${v.instancePath.replaceAll('/', '.')}`,
      message: v.message ?? 'is invalid',
    }));
    void reply.status(400).send(body('BAD_INPUT', 'the request is invalid', details));
    return;
  }
  const status = (err as FastifyError).statusCode;
  if (status !== undefined && status >= 400 && status < 500) {
    const code: ErrorCode =
      status === 404 ? 'NOT_FOUND' : status === 413 ? 'TOO_LARGE' : 'BAD_INPUT';
    void reply.status(status).send(body(code, err.message));
    return;
  }
  req.log.error(err);
  void reply.status(500).send(body('INTERNAL', 'internal error'));
}
