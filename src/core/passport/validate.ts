/**
 * Validation of passport documents with messages that name the path and the rule,
 * e.g. `elements[3].materials[0].endOfLife: fractions sum to 1.3, must be 1`.
 */
import type { z } from 'zod';
import { passportSchema, type Passport } from './schema.ts';

/** One problem in a document: where (`elements[3].materials[0].massKg`) and what. */
export interface ValidationIssue {
  path: string;
  message: string;
}

export type ValidationResult =
  { ok: true; passport: Passport } | { ok: false; issues: ValidationIssue[] };

/** Formats a zod path as JavaScript accessor text: `elements[3].materials[0]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(document)' : out;
}

/** Turns zod issues into path + rule pairs, one per problem. */
export function toValidationIssues(error: z.ZodError): ValidationIssue[] {
  return error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return {
        path: formatPath(issue.path),
        message: `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`,
      };
    }
    return { path: formatPath(issue.path), message: issue.message };
  });
}

/** Validates an unknown value (parsed JSON) as a `matbank/passport@1` document. */
export function validatePassport(input: unknown): ValidationResult {
  const result = passportSchema.safeParse(input);
  if (result.success) return { ok: true, passport: result.data };
  return { ok: false, issues: toValidationIssues(result.error) };
}

/** One line per issue, `path: message`. */
export function formatIssues(issues: readonly ValidationIssue[]): string {
  return issues.map((i) => `${i.path}: ${i.message}`).join('\n');
}
