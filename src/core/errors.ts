/**
 * The one error catalogue. Every error the product reports carries a stable code from
 * here; the CLI maps it to an exit code and the server to an HTTP status, so a caller can
 * rely on the code while the wording improves.
 */

export const ERRORS = {
  VALIDATION_FAILED: { exit: 2, http: 422, title: 'The document is not valid' },
  BAD_INPUT: { exit: 2, http: 400, title: 'The input cannot be read' },
  UNSUPPORTED_FORMAT: { exit: 2, http: 415, title: 'The file format is not supported' },
  TOO_LARGE: { exit: 2, http: 413, title: 'The input is too large' },
  NOT_FOUND: { exit: 3, http: 404, title: 'Not found' },
  CONFLICT: { exit: 4, http: 409, title: 'Conflict' },
  BUSY: { exit: 75, http: 429, title: 'Too many requests at once; try again shortly' },
  CONFIG_INVALID: { exit: 78, http: 500, title: 'The configuration is not valid' },
  DB_UNAVAILABLE: { exit: 69, http: 503, title: 'The database is not reachable' },
  INTERNAL: { exit: 70, http: 500, title: 'Internal error' },
} as const;

export type ErrorCode = keyof typeof ERRORS;

/** A problem the user can act on; `details` lists each issue (path + message). */
export class MatbankError extends Error {
  readonly code: ErrorCode;
  readonly details: readonly { path: string; message: string }[];

  constructor(
    code: ErrorCode,
    message: string,
    details: readonly { path: string; message: string }[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'MatbankError';
    this.code = code;
    this.details = details;
  }

  get exitCode(): number {
    return ERRORS[this.code].exit;
  }

  get httpStatus(): number {
    return ERRORS[this.code].http;
  }
}

export function isMatbankError(e: unknown): e is MatbankError {
  return e instanceof MatbankError;
}
