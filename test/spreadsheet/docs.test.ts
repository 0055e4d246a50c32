import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  BUILDING_FIELDS,
  ELEMENT_COLUMNS,
  MATERIAL_COLUMNS,
  MATERIAL_LINK_COLUMNS,
  SUBSTANCE_COLUMNS,
  SUBSTANCE_LINK_COLUMNS,
} from '../../src/ifc/spreadsheet/columns.ts';

const doc = readFileSync(new URL('../../docs/spreadsheet.md', import.meta.url), 'utf8');

describe('docs/spreadsheet.md', () => {
  it('documents every column key of the template', () => {
    const keys = [
      ...BUILDING_FIELDS,
      ...ELEMENT_COLUMNS,
      ...MATERIAL_LINK_COLUMNS,
      ...MATERIAL_COLUMNS,
      ...SUBSTANCE_LINK_COLUMNS,
      ...SUBSTANCE_COLUMNS,
    ].map((c) => c.key);
    const missing = keys.filter((k) => !doc.includes(`\`${k}\``));
    expect(missing).toEqual([]);
  });
});
