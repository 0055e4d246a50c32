import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Passport } from '../../src/core/passport/schema.ts';
import { validatePassport } from '../../src/core/passport/validate.ts';
import { materialLibrary } from '../../src/core/materials.ts';
import { exportSpreadsheet, importSpreadsheet } from '../../src/ifc/spreadsheet/index.ts';
import {
  formatSubstanceCell,
  parseSubstanceCell,
} from '../../src/ifc/spreadsheet/substance-cell.ts';
import { noMatch } from './fixtures.ts';

// Any Unicode text (all planes, control characters, quotes, commas, semicolons, pipes,
// backslashes, line ends); only whitespace-only text is left out, since an empty-looking
// cell means "absent" by the documented rule.
const name = fc
  .string({ unit: 'binary', minLength: 1, maxLength: 40 })
  .filter((s) => s.trim() !== '');
const tricky = fc.constantFrom(
  '"',
  ',',
  ';',
  '|',
  '\\',
  '\r',
  '\n',
  '\r\n',
  ' ',
  '\u00a0',
  '\ufeff',
  '=',
  'Ư',
  '𝄞',
);
const nameWithTricks = fc
  .array(fc.oneof(name, tricky), { minLength: 1, maxLength: 6 })
  .map((parts) => parts.join(''))
  .filter((s) => s.trim() !== '');

describe('CSV escaping (property)', () => {
  it('element, material and substance names of any Unicode text survive export → import', async () => {
    await fc.assert(
      fc.asyncProperty(
        nameWithTricks,
        nameWithTricks,
        nameWithTricks,
        nameWithTricks,
        async (elementName, materialName, substanceName, location) => {
          const p: Passport = {
            format: 'matbank/passport@1',
            building: { ref: 'HN-P', name: elementName },
            source: { kind: 'csv' },
            elements: [
              {
                id: 'e-1',
                name: elementName,
                layer: 'skin',
                materials: [
                  {
                    name: materialName,
                    massKg: 1,
                    massSource: 'declared',
                    substances: [{ name: substanceName, location }, { name: materialName }],
                  },
                ],
              },
            ],
          };
          const bytes = await exportSpreadsheet(p, 'csv');
          const { passport } = await importSpreadsheet(bytes, 'csv', {
            library: materialLibrary([]),
            match: noMatch,
          });
          // The schema itself trims some texts (substance names, ids): compare with its normal form.
          const normal = validatePassport(p);
          expect(normal.ok).toBe(true);
          if (normal.ok) expect(passport).toStrictEqual(normal.passport);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('the substances cell: format then parse gives back the parts', () => {
    const part = fc.option(nameWithTricks, { nil: undefined });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(part, nameWithTricks, part, part, part), { minLength: 1, maxLength: 4 }),
        (entries) => {
          const parsed = parseSubstanceCell(formatSubstanceCell(entries));
          expect(parsed.ok).toBe(true);
          if (!parsed.ok) return;
          // Trailing empty parts are not written, so compare with them padded back.
          expect(parsed.entries.map((e) => [0, 1, 2, 3, 4].map((i) => e[i]))).toEqual(entries);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('hand-typed cells: spaces around separators are dropped, escapes kept', () => {
    expect(parseSubstanceCell(' 1332-21-4 | asbestos | 10 % ; |lead\\|chì\\;x|')).toEqual({
      ok: true,
      entries: [
        ['1332-21-4', 'asbestos', '10 %'],
        [undefined, 'lead|chì;x', undefined],
      ],
    });
    expect(parseSubstanceCell('\\ a\\ ')).toEqual({ ok: true, entries: [[' a ']] });
    expect(parseSubstanceCell('a\\').ok).toBe(false);
  });
});
