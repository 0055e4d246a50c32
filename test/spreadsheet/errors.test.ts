import { describe, expect, it } from 'vitest';
import { zipSync } from 'fflate';
import {
  exportSpreadsheet,
  importSpreadsheet,
  spreadsheetTemplate,
} from '../../src/ifc/spreadsheet/index.ts';
import {
  buildingRowOf,
  csvText,
  loadWorkbook,
  saveWorkbook,
  xlsxWith,
  failure,
  lines,
} from './helpers.ts';
import { noMatch, richPassport, testLibrary } from './fixtures.ts';

const opts = { library: testLibrary, match: noMatch };

const base = {
  building: { 'building.ref': 'HN-9' },
  elements: [{ id: 'e-1', name: 'Tường', layer: 'skin' }],
};

describe('validation errors name sheet, row and column', () => {
  it('a fraction out of range in Materials row 4', async () => {
    const bytes = await xlsxWith({
      ...base,
      materials: [
        { elementId: 'e-1', name: 'a', recycledFraction: 0.5 },
        { elementId: 'e-1', name: 'b', recycledFraction: 1.5 },
      ],
    });
    const e = await failure(importSpreadsheet(bytes, 'xlsx', opts));
    expect(e.code).toBe('VALIDATION_FAILED');
    expect(lines(e)).toEqual(['Materials row 4, column recycledFraction: must be between 0 and 1']);
    expect(e.message).toContain(
      'Materials row 4, column recycledFraction: must be between 0 and 1',
    );
  });

  it('a percentage written as 75 gets a hint', async () => {
    const bytes = await xlsxWith({
      ...base,
      materials: [{ elementId: 'e-1', name: 'a', reusedFraction: 75 }],
    });
    const e = await failure(importSpreadsheet(bytes, 'xlsx', opts));
    expect(lines(e)).toEqual([
      'Materials row 3, column reusedFraction: must be between 0 and 1 (for a percentage write 75%)',
    ]);
  });

  it('end-of-life shares that do not sum to 1 name the end-of-life columns', async () => {
    const bytes = await xlsxWith({
      ...base,
      materials: [
        { elementId: 'e-1', name: 'a', 'endOfLife.recycle': 0.8, 'endOfLife.landfill': '50%' },
      ],
    });
    const e = await failure(importSpreadsheet(bytes, 'xlsx', opts));
    expect(lines(e)).toEqual([
      'Materials row 3, column endOfLife.*: fractions sum to 1.3, must be 1',
    ]);
  });

  it('several problems at once, in file order, each in its place', async () => {
    const bytes = await xlsxWith({
      building: {
        'building.ref': 'HN-9',
        'building.grossFloorAreaM2': -5,
        'building.use': 'palace',
      },
      elements: [
        { id: 'e-1', layer: 'roof' },
        { id: 'e-2' },
        { id: 'e-1', layer: 'skin' },
        { id: 'e-4', layer: 'skin', 'detachability.connectionType': 'dry' },
      ],
      materials: [
        { elementId: 'e-1', name: 'a', massKg: 'nhiều' },
        { elementId: 'e-9', name: 'b' },
        { elementId: 'e-2' },
      ],
      substances: [
        { elementId: 'e-1', materialIndex: 1, name: 'asbestos', cas: '1332214' },
        { elementId: 'e-1', materialIndex: 3, name: 'lead' },
      ],
    });
    const wb = await loadWorkbook(bytes);
    const gfaRow = buildingRowOf(wb, 'building.grossFloorAreaM2');
    const useRow = buildingRowOf(wb, 'building.use');
    const e = await failure(importSpreadsheet(bytes, 'xlsx', opts));
    expect(lines(e)).toEqual([
      `Building row ${useRow} (building.use), column value: must be one of residential | office | retail | industrial | education | healthcare | hotel | mixed | other`,
      `Building row ${gfaRow} (building.grossFloorAreaM2), column value: must be > 0`,
      'Elements row 3, column layer: must be one of site | structure | skin | services | spacePlan | stuff',
      'Elements row 4, column layer: is required',
      'Elements row 5, column id: duplicate element id "e-1" (first in Elements row 3)',
      'Elements row 6, column detachability.accessibility: is required',
      'Elements row 6, column detachability.intersection: is required',
      'Elements row 6, column detachability.productEdge: is required',
      'Materials row 3, column massKg: "nhiều" is not a number',
      'Materials row 4, column elementId: no element "e-9" in sheet Elements',
      'Materials row 5: needs a name or a materialId',
      'Substances row 3, column cas: must be a CAS number such as 1332-21-4',
      'Substances row 4, column materialIndex: must be a whole number from 1 to 1 (element "e-1" has 1 material rows)',
    ]);
  });

  it('csv: row numbers as a spreadsheet shows them (header = row 1), columns by their CSV name', async () => {
    const header = [
      'building.ref',
      'element.id',
      'element.name',
      'element.layer',
      'material.name',
      'material.recycledFraction',
      'substances',
    ];
    const text = csvText(header, [
      [
        'HN-9',
        'e-1',
        'Tường',
        'skin',
        'Gạch',
        '0.2',
        '1332-21-4|asbestos|0.1;50-00-0|formaldehyde|2',
      ],
      ['HN-9', 'e-1', 'Tường khác', 'skin', 'Vữa', '1.5', ''],
      ['HN-10', 'e-2', '', 'skin', '', '', ''],
    ]);
    const e = await failure(importSpreadsheet(text, 'csv', opts));
    expect(lines(e)).toEqual([
      'CSV row 2, column substances, entry 2 (massFraction): must be between 0 and 1 (for a percentage write 2%)',
      'CSV row 3, column element.name: "Tường khác" differs from "Tường" in row 2 (element columns must be equal on every row of element "e-1", or empty)',
      'CSV row 3, column material.recycledFraction: must be between 0 and 1',
      'CSV row 4, column building.ref: "HN-10" differs from "HN-9" in row 2 (building columns must be equal on every row, or empty)',
    ]);
  });

  it('the error is a MatbankError with exit code 2 and HTTP 422, and nothing is returned', async () => {
    const bytes = await xlsxWith({
      ...base,
      materials: [{ elementId: 'e-1', name: 'a', massKg: -1 }],
    });
    const e = await failure(importSpreadsheet(bytes, 'xlsx', opts));
    expect([e.exitCode, e.httpStatus]).toEqual([2, 422]);
    expect(lines(e)).toEqual(['Materials row 3, column massKg: must be ≥ 0']);
  });
});

describe('files that cannot be read', () => {
  it('random bytes are not an xlsx', async () => {
    const e = await failure(importSpreadsheet(new Uint8Array([1, 2, 3, 4, 5, 6]), 'xlsx', opts));
    expect(e.code).toBe('BAD_INPUT');
    expect(e.message).toMatch(/not an xlsx workbook/);
  });

  it('a CSV given as xlsx is refused', async () => {
    const e = await failure(importSpreadsheet(await spreadsheetTemplate('csv'), 'xlsx', opts));
    expect(e.code).toBe('BAD_INPUT');
  });

  it('a truncated (corrupt) xlsx', async () => {
    const bytes = await exportSpreadsheet(richPassport, 'xlsx');
    const e = await failure(
      importSpreadsheet(bytes.slice(0, Math.floor(bytes.length / 2)), 'xlsx', opts),
    );
    expect(e.code).toBe('BAD_INPUT');
    expect(e.message).toMatch(/damaged|not an Excel workbook/);
  });

  it('a zip that is not a workbook', async () => {
    const zip = zipSync({ 'hello.txt': new TextEncoder().encode('xin chào') });
    const e = await failure(importSpreadsheet(zip, 'xlsx', opts));
    expect(e.code).toBe('BAD_INPUT');
  });

  it('a missing sheet is named', async () => {
    const wb = await loadWorkbook(await xlsxWith(base));
    wb.removeWorksheet(wb.getWorksheet('Materials')!.id);
    const e = await failure(importSpreadsheet(await saveWorkbook(wb), 'xlsx', opts));
    expect(e.code).toBe('BAD_INPUT');
    expect(e.message).toMatch(/no sheet "Materials"/);
  });

  it('a missing required column is named', async () => {
    const wb = await loadWorkbook(await xlsxWith(base));
    wb.getWorksheet('Elements')!.getCell('C1').value = 'lop';
    const e = await failure(importSpreadsheet(await saveWorkbook(wb), 'xlsx', opts));
    expect(e.code).toBe('BAD_INPUT');
    expect(e.message).toMatch(/Sheet "Elements" is missing the required column "layer"/);
  });

  it('a CSV without element.id is refused', async () => {
    const e = await failure(importSpreadsheet('building.ref,name\nHN-1,x\n', 'csv', opts));
    expect(e.code).toBe('BAD_INPUT');
    expect(e.message).toMatch(/"element\.id", "element\.layer"/);
  });

  it('a CSV that is not UTF-8 (Windows-1258 bytes)', async () => {
    const header = new TextEncoder().encode(
      'building.ref,element.id,element.layer\nHN-1,e-1,skin,',
    );
    const bytes = new Uint8Array([...header, 0xd0, 0xe1]);
    const e = await failure(importSpreadsheet(bytes, 'csv', opts));
    expect(e.code).toBe('BAD_INPUT');
    expect(e.message).toMatch(/not UTF-8/);
  });

  it('a CSV with an unclosed quote', async () => {
    const e = await failure(
      importSpreadsheet('building.ref,element.id,element.layer\n"HN-1,e-1,skin\n', 'csv', opts),
    );
    expect(e.code).toBe('BAD_INPUT');
  });

  it('over maxBytes is TOO_LARGE, before anything is parsed', async () => {
    const e = await failure(
      importSpreadsheet(new Uint8Array(101), 'xlsx', { ...opts, maxBytes: 100 }),
    );
    expect(e.code).toBe('TOO_LARGE');
    const e2 = await failure(importSpreadsheet('é'.repeat(60), 'csv', { ...opts, maxBytes: 100 })); // 120 bytes in UTF-8
    expect(e2.code).toBe('TOO_LARGE');
  });

  it('a workbook of another passport format version', async () => {
    const wb = await loadWorkbook(await xlsxWith(base));
    wb.getWorksheet('Building')!.getCell(buildingRowOf(wb, 'format'), 2).value =
      'matbank/passport@2';
    const e = await failure(importSpreadsheet(await saveWorkbook(wb), 'xlsx', opts));
    expect(e.code).toBe('UNSUPPORTED_FORMAT');
  });

  it('xlsx given as text', async () => {
    const e = await failure(importSpreadsheet('PK', 'xlsx', opts));
    expect(e.code).toBe('BAD_INPUT');
  });
});
