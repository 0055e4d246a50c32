/**
 * Every FILE_SCHEMA spelling of the three supported schemas opens, including those web-ifc
 * does not know by name (IFC4_ADD2_TC1, IFC4X3_TC1, IFC2X3_TC1 …), and gives the same
 * passport as the plain name; the report keeps the identifier as written.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closeIfcImporter, importIfc } from '../../src/ifc/index.ts';
import { generateSyntheticIfc } from '../../scripts/gen-synthetic-ifc.ts';

afterAll(() => closeIfcImporter());

const ifcDir = path.resolve(import.meta.dirname, '../../../shared/data/ifc');
const withSchema = (text: string, id: string) => {
  const out = text.replace(/FILE_SCHEMA\s*\(\s*\(\s*'[^']*'\s*\)\s*\)/, `FILE_SCHEMA(('${id}'))`);
  expect(out).toContain(`FILE_SCHEMA(('${id}'))`);
  return new TextEncoder().encode(out);
};
const AT = '2026-01-01T00:00:00.000Z';

const cases: { family: string; text: () => string; ids: string[] }[] = [
  {
    family: 'IFC2X3 (duplex.ifc)',
    text: () => readFileSync(path.join(ifcDir, 'duplex.ifc'), 'latin1'),
    ids: ['IFC2X3', 'IFC2X3_TC1', 'IFC2X3_FINAL'],
  },
  {
    family: 'IFC4 (IfcOpenHouse_IFC4.ifc)',
    text: () => readFileSync(path.join(ifcDir, 'IfcOpenHouse_IFC4.ifc'), 'latin1'),
    ids: ['IFC4', 'IFC4_ADD1', 'IFC4_ADD2', 'IFC4_ADD2_TC1'],
  },
  {
    family: 'IFC4X3 (synthetic)',
    text: () => generateSyntheticIfc({ elements: 25, units: 'm', schema: 'IFC4X3' }),
    ids: ['IFC4X3', 'IFC4X3_ADD2', 'IFC4X3_ADD1', 'IFC4X3_TC1', 'IFC4X3_RC4'],
  },
];

describe('FILE_SCHEMA spellings', () => {
  for (const c of cases) {
    it(`${c.family}: ${c.ids.join(', ')} give the same passport`, async () => {
      const text = c.text();
      const [first, ...rest] = c.ids;
      const base = await importIfc(withSchema(text, first!), { fileName: 'm.ifc', importedAt: AT });
      expect(base.passport.elements.length).toBeGreaterThan(0);
      for (const id of rest) {
        const r = await importIfc(withSchema(text, id), { fileName: 'm.ifc', importedAt: AT });
        expect(r.report.source.schema).toBe(id);
        expect(r.passport.elements).toEqual(base.passport.elements);
        expect(r.report.mass.totalKg).toBe(base.report.mass.totalKg);
      }
    }, 60_000);
  }
});
