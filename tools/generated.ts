/**
 * Files generated from code. `npm run gen` writes them; a test fails when a committed
 * copy drifts from what the code generates.
 */
import { passportJsonSchema } from '../src/core/passport/json-schema.ts';

export interface GeneratedFile {
  path: string;
  content: () => Promise<string>;
}

export const GENERATED: GeneratedFile[] = [
  {
    path: 'docs/passport.schema.json',
    content: async () => JSON.stringify(passportJsonSchema(), null, 2) + '\n',
  },
  {
    path: 'docs/openapi.json',
    content: async () => {
      const { openApiDocument } = await import('../src/server/openapi.ts');
      return JSON.stringify(await openApiDocument(), null, 2) + '\n';
    },
  },
];
