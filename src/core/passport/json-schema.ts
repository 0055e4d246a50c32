/**
 * The JSON Schema of the passport format, generated from the zod schema so that the two
 * cannot disagree. Cross-field rules (sums, unique ids) are zod refinements and are not
 * expressible here; the schema's description says so.
 */
import { z } from 'zod';
import { PASSPORT_FORMAT, passportSchema } from './schema.ts';

/** Returns the JSON Schema (draft 2020-12) document for `matbank/passport@1`. */
export function passportJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(passportSchema, { io: 'input', target: 'draft-2020-12' });
  return {
    ...schema,
    $id: 'https://matbank.example/schemas/passport@1.json',
    title: PASSPORT_FORMAT,
    description:
      'Material passport document, format matbank/passport@1 (docs/passport-format.md). ' +
      'Also enforced by matbank but not expressible in JSON Schema: end-of-life fractions sum to 1 (±1e-6), ' +
      'feedstock fractions sum to at most 1, element ids are unique, each material use has a name or a materialId.',
  };
}
