/**
 * Real filled-in spreadsheets: what Excel, LibreOffice and Google Sheets in Vietnamese and
 * Dutch settings produce. Every expected value is computed here from what the test writes
 * into the file.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { zipSync } from 'fflate';
import type { Passport } from '../../src/core/passport/schema.ts';
import { validatePassport } from '../../src/core/passport/validate.ts';
import { materialLibrary } from '../../src/core/materials.ts';
import {
  exportSpreadsheet,
  importSpreadsheet,
  spreadsheetTemplate,
} from '../../src/ifc/spreadsheet/index.ts';
import {
  BUILDING_FIELDS,
  ELEMENT_COLUMNS,
  MATERIAL_COLUMNS,
} from '../../src/ifc/spreadsheet/columns.ts';
import { loadWorkbook, saveWorkbook, xlsxWith, failure, lines } from './helpers.ts';
import { noMatch, testLibrary } from './fixtures.ts';
import { runCli } from '../cli/run.ts';

const opts = { library: testLibrary, match: noMatch };

/** CSV text the way a spreadsheet writes it: quotes only where needed. */
function csvString(rows: string[][], sep = ',', eol = '\r\n'): string {
  const q = (c: string) =>
    c.includes(sep) || /["\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c;
  return rows.map((r) => r.map(q).join(sep)).join(eol) + eol;
}
const utf8 = (s: string) => new TextEncoder().encode(s);

async function editedWorkbook(
  input: Parameters<typeof xlsxWith>[0],
  edit: (wb: ExcelJS.Workbook) => void,
): Promise<Uint8Array> {
  const wb = await loadWorkbook(await xlsxWith(input));
  edit(wb);
  return saveWorkbook(wb);
}
/** Column number of `key` in row 1 of a template sheet. */
function colOf(ws: ExcelJS.Worksheet, key: string): number {
  const keys = (ws.getRow(1).values as unknown[]).map((v) => String(v));
  const col = keys.indexOf(key);
  if (col < 1) throw new Error(`no column ${key}`);
  return col;
}

// --------------------------------------------------------------------------------- CSV

describe('CSV as spreadsheets save it', () => {
  const header = [
    'building.ref',
    'building.grossFloorAreaM2',
    'element.id',
    'element.name',
    'element.layer',
    'material.name',
    'material.massKg',
    'material.recycledFraction',
    'substances',
  ];
  const elementName = 'Tường ngoài, tầng 1; "phía bắc"';
  const materialName = 'Bê tông; đổ tại chỗ';
  const row = [
    'HN-2026-000123',
    '1.250,5',
    'e-1',
    elementName,
    'skin',
    materialName,
    '12.345,5',
    '12,5%',
    '1332-21-4|amiăng|0,1',
  ];
  const expected = {
    ref: 'HN-2026-000123',
    gfa: 1250.5,
    elementName,
    materialName,
    massKg: 12345.5,
    recycledFraction: 0.125,
    substances: [{ cas: '1332-21-4', name: 'amiăng', massFraction: 0.1 }],
  };
  const check = (p: Passport) => {
    expect(p.building.ref).toBe(expected.ref);
    expect(p.building.grossFloorAreaM2).toBe(expected.gfa);
    expect(p.elements).toHaveLength(1);
    const e = p.elements[0]!;
    expect(e.name).toBe(expected.elementName);
    expect(e.materials).toHaveLength(1);
    const m = e.materials[0]!;
    expect(m.name).toBe(expected.materialName);
    expect(m.massKg).toBe(expected.massKg);
    expect(m.recycledFraction).toBe(expected.recycledFraction);
    expect(m.substances).toEqual(expected.substances);
  };

  for (const sep of [';', ',', '\t']) {
    for (const bom of [true, false]) {
      for (const eol of ['\r\n', '\n', '\r']) {
        const label = `${JSON.stringify(sep)}, ${bom ? 'with' : 'without'} BOM, ${JSON.stringify(eol)}`;
        it(`UTF-8 ${label}`, async () => {
          const text = (bom ? '\uFEFF' : '') + csvString([header, row], sep, eol);
          check((await importSpreadsheet(utf8(text), 'csv', opts)).passport);
          check((await importSpreadsheet(text, 'csv', opts)).passport);
        });
      }
    }
  }

  it('UTF-16 with BOM (Excel "Unicode Text", tab separated), little and big endian', async () => {
    const text = '\uFEFF' + csvString([header, row], '\t');
    const le = new Uint8Array(Buffer.from(text, 'utf16le'));
    const be = new Uint8Array(le.length);
    for (let i = 0; i < le.length; i += 2) [be[i], be[i + 1]] = [le[i + 1]!, le[i]!];
    check((await importSpreadsheet(le, 'csv', opts)).passport);
    check((await importSpreadsheet(be, 'csv', opts)).passport);
  });

  it('"sep=;" on the first line (Excel’s separator hint) is honoured and not a header', async () => {
    const text = 'sep=;\r\n' + csvString([header, row], ';');
    check((await importSpreadsheet(text, 'csv', opts)).passport);
  });

  it('Windows-1258 (Vietnamese "CSV (Comma delimited)") is refused naming the line and byte', async () => {
    // "Tường" in Windows-1258: T, ư = 0xFD, ơ = 0xF5, combining grave = 0xCC, n, g.
    const bytes = new Uint8Array([
      ...utf8('building.ref,element.id,element.name,element.layer\r\nHN-1,e-1,'),
      0x54,
      0xfd,
      0xf5,
      0xcc,
      0x6e,
      0x67,
      ...utf8(',skin\r\n'),
    ]);
    const e = await failure(importSpreadsheet(bytes, 'csv', opts));
    expect(e.code).toBe('BAD_INPUT');
    expect(e.exitCode).toBe(2);
    expect(e.message).toMatch(/not UTF-8/);
    expect(e.message).toMatch(/line 2/);
    expect(e.message).toMatch(/0xFD/);
    expect(e.message).toMatch(/Windows-1258/);
    expect(e.message).toMatch(/CSV UTF-8/);
  });

  it('Windows-1252 (Dutch) is refused the same way', async () => {
    const bytes = new Uint8Array([
      ...utf8('building.ref,building.name,element.id,element.layer\nNL-1,Gebouw Ru'),
      0xeb, // ë
      ...utf8(',e-1,skin\n'),
    ]);
    const e = await failure(importSpreadsheet(bytes, 'csv', opts));
    expect(e.code).toBe('BAD_INPUT');
    expect(e.message).toMatch(/line 2.*0xEB/s);
  });

  it('quoted fields with embedded line breaks keep them; rows are counted as a spreadsheet shows them', async () => {
    const name1 = 'Tường ngoài\r\ntầng 1';
    const name2 = 'Cột\nkhung "A"';
    const h = ['building.ref', 'element.id', 'element.name', 'element.layer', 'material.name'];
    const h2 = [...h, 'material.recycledFraction'];
    const text = csvString([
      h2,
      ['HN-1', 'e-1', name1, 'skin', 'Gạch\r\nđỏ', ''],
      ['HN-1', 'e-2', name2, 'structure', 'Thép', '0,5'],
      ['HN-1', 'e-3', 'x', 'structure', 'Thép', '150%'],
    ]);
    const e = await failure(importSpreadsheet(text, 'csv', opts));
    expect(lines(e)).toEqual([
      'CSV row 4, column material.recycledFraction: must be between 0 and 1',
    ]);
    const ok = csvString([h2, ...parse(text, { relax_column_count: true }).slice(1, 3)]);
    const { passport } = await importSpreadsheet(ok, 'csv', opts);
    expect(passport.elements.map((x) => x.name)).toEqual([name1, name2]);
    expect(passport.elements[0]!.materials[0]!.name).toBe('Gạch\r\nđỏ');
  });

  it('trailing empty rows and columns (and blank rows in between) are ignored', async () => {
    const text =
      csvString(
        [
          [...header, '', '', ''],
          [...row, '', '', ''],
          ['', '', '', '', '', '', '', '', '', '', '', ''],
          [],
        ],
        ';',
      ) + ';;;;;;;;;\r\n\r\n   \r\n';
    const { passport, report } = await importSpreadsheet(text, 'csv', opts);
    check(passport);
    expect(report.warnings.filter((w) => w.code === 'UNKNOWN_COLUMN')).toEqual([]);
  });

  it('header names: any case, stray spaces, and the template labels (English or Vietnamese)', async () => {
    const variants = [
      [
        ' Building.Ref ',
        'BUILDING.GROSSFLOORAREAM2',
        'element.ID',
        'element. name',
        'Element.Layer\u00a0',
        'material.Name',
        'material.mass Kg',
        'material.recycledfraction',
        'Substances',
      ],
      [
        'Mã công trình',
        'Tổng diện tích sàn (m²)',
        'Mã cấu kiện',
        'Tên cấu kiện',
        'Lớp công trình',
        'Tên vật liệu',
        'Khối lượng (kg)',
        'Tỷ lệ nguyên liệu tái chế',
        'substances',
      ],
      [
        'Building reference',
        'Gross floor area (m²)',
        'Element id',
        'Element name',
        'Layer',
        'Material name',
        'Mass (kg)',
        'Recycled content',
        'substances',
      ],
    ];
    for (const h of variants) {
      const { passport, report } = await importSpreadsheet(csvString([h, row], ';'), 'csv', opts);
      check(passport);
      expect(report.warnings.filter((w) => w.code === 'UNKNOWN_COLUMN')).toEqual([]);
    }
  });

  it('title and blank rows above the header are skipped; row numbers stay as shown', async () => {
    const bad = [...row];
    bad[7] = '150%';
    const text = csvString(
      [['BẢNG THỐNG KÊ VẬT LIỆU'], [], header, row, bad.map((c, i) => (i === 2 ? 'e-2' : c))],
      ';',
    );
    const e = await failure(importSpreadsheet(text, 'csv', opts));
    expect(lines(e)).toEqual([
      'CSV row 5, column material.recycledFraction: must be between 0 and 1',
    ]);
  });

  it('spreadsheet error values (#N/A, #DIV/0!) are refused naming row and column', async () => {
    const r1 = [...row];
    r1[6] = '#N/A';
    const r2 = [...row];
    r2[2] = 'e-2';
    r2[7] = '#DIV/0!';
    const e = await failure(importSpreadsheet(csvString([header, r1, r2], ';'), 'csv', opts));
    expect(lines(e)).toEqual([
      'CSV row 2, column material.massKg: the cell holds the spreadsheet error #N/A',
      'CSV row 3, column material.recycledFraction: the cell holds the spreadsheet error #DIV/0!',
    ]);
  });

  it('a stray quote inside an unquoted cell is kept as typed', async () => {
    const name = 'Cửa 20" x 40"';
    const text = `${header.join(';')}\r\nHN-1;;e-1;${name};skin;;;;\r\n`;
    const { passport } = await importSpreadsheet(text, 'csv', opts);
    expect(passport.elements[0]!.name).toBe(name);
  });
});

describe('CSV that cannot be read', () => {
  for (const [what, input] of [
    ['an empty file', new Uint8Array(0)],
    ['only a BOM', utf8('\uFEFF')],
    ['only blank lines', utf8('\r\n \r\n;;;\r\n')],
  ] as const) {
    it(`${what} is refused`, async () => {
      const e = await failure(importSpreadsheet(input, 'csv', opts));
      expect(e.code).toBe('BAD_INPUT');
      expect(e.message).toMatch(/empty/);
    });
  }

  it('a CSV without a header row says so', async () => {
    const text = csvString([
      ['HN-1', 'e-1', 'Tường', 'skin', 'Gạch', '100'],
      ['HN-1', 'e-2', 'Cột', 'structure', 'Thép', '200'],
    ]);
    const e = await failure(importSpreadsheet(text, 'csv', opts));
    expect(e.code).toBe('BAD_INPUT');
    expect(e.message).toMatch(/no header row/);
    expect(e.message).toMatch(/"HN-1"/);
    expect(e.details).toEqual([]);
  });

  it('an xlsx workbook given as CSV is named as such', async () => {
    const e = await failure(importSpreadsheet(await spreadsheetTemplate('xlsx'), 'csv', opts));
    expect(e.code).toBe('BAD_INPUT');
    expect(e.message).toMatch(/xlsx workbook/);
    expect(e.message).toMatch(/import it as xlsx/);
  });
});

// ------------------------------------------------------------------------------- numbers

describe('numbers as people type them', () => {
  const styles: [string, number][] = [
    ['1.234,5', 1234.5],
    ['1,234.5', 1234.5],
    ['1 234,5', 1234.5],
    ['1\u00a0234,5', 1234.5],
    ['1\u202f234,5', 1234.5],
    ['1234,5', 1234.5],
    ['1.234.567', 1234567],
    ['1 234 567', 1234567],
    ['1,234,567.25', 1234567.25],
    ['−0,005', -0.005],
  ];

  it('csv: thousand separators and decimal marks', async () => {
    const h = [
      'building.ref',
      'element.id',
      'element.layer',
      'material.name',
      'material.gwpKgCo2ePerKg.D',
    ];
    const rows = styles.map(([typed], i) => ['HN-1', `e-${i}`, 'skin', 'x', typed]);
    const { passport } = await importSpreadsheet(csvString([h, ...rows], ';'), 'csv', opts);
    expect(passport.elements.map((e) => e.materials[0]!.gwpKgCo2ePerKg!.D)).toEqual(
      styles.map(([, v]) => v),
    );
  });

  it('xlsx: the same typed as text', async () => {
    const bytes = await xlsxWith({
      building: { 'building.ref': 'HN-1', 'building.storeys': ' 5 ' },
      elements: styles.map((_, i) => ({ id: `e-${i}`, layer: 'skin' })),
      materials: styles.map(([typed], i) => ({
        elementId: `e-${i}`,
        name: 'x',
        'gwpKgCo2ePerKg.D': typed,
      })),
    });
    const { passport } = await importSpreadsheet(bytes, 'xlsx', opts);
    expect(passport.building.storeys).toBe(5);
    expect(passport.elements.map((e) => e.materials[0]!.gwpKgCo2ePerKg!.D)).toEqual(
      styles.map(([, v]) => v),
    );
  });

  it('percentages in fraction columns: typed text, and numbers formatted as %', async () => {
    const typed: [string, number][] = [
      ['80%', 0.8],
      ['80 %', 0.8],
      ['12,5%', 0.125],
      ['0,5%', 0.005],
    ];
    const bytes = await editedWorkbook(
      {
        building: { 'building.ref': 'HN-1' },
        elements: [{ id: 'e-1', layer: 'skin' }],
        materials: [
          ...typed.map(([t]) => ({ elementId: 'e-1', name: 'x', recycledFraction: t })),
          { elementId: 'e-1', name: 'y', recycledFraction: 0.35 },
        ],
      },
      (wb) => {
        const ws = wb.getWorksheet('Materials')!;
        ws.getCell(3 + typed.length, colOf(ws, 'recycledFraction')).numFmt = '0%';
      },
    );
    const { passport } = await importSpreadsheet(bytes, 'xlsx', opts);
    expect(passport.elements[0]!.materials.map((m) => m.recycledFraction)).toEqual([
      ...typed.map(([, v]) => v),
      0.35,
    ]);
  });

  it('negative and non-finite values are refused naming sheet, row and column (csv)', async () => {
    const h = [
      'building.ref',
      'element.id',
      'element.layer',
      'material.name',
      'material.massKg',
      'material.volumeM3',
      'material.densityKgPerM3',
      'material.recycledFraction',
    ];
    const text = csvString(
      [
        h,
        ['HN-1', 'e-1', 'skin', 'a', '-5', '', '', ''],
        ['HN-1', 'e-1', 'skin', 'b', '', '−2', '', ''],
        ['HN-1', 'e-1', 'skin', 'c', 'NaN', '', 'Infinity', ''],
        ['HN-1', 'e-1', 'skin', 'd', '1e999', '', '', '-10%'],
      ],
      ';',
    );
    const e = await failure(importSpreadsheet(text, 'csv', opts));
    expect(e.code).toBe('VALIDATION_FAILED');
    expect(e.exitCode).toBe(2);
    expect(e.details.map((d) => d.path)).toEqual([
      'CSV row 2, column material.massKg',
      'CSV row 3, column material.volumeM3',
      'CSV row 4, column material.massKg',
      'CSV row 4, column material.densityKgPerM3',
      'CSV row 5, column material.massKg',
      'CSV row 5, column material.recycledFraction',
    ]);
    expect(e.details.map((d) => d.message)).toEqual([
      'must be ≥ 0',
      'must be ≥ 0',
      '"NaN" is not a number',
      '"Infinity" is not a number',
      '"1e999" is out of range',
      'must be between 0 and 1',
    ]);
  });

  it('negative and error values are refused naming sheet, row and column (xlsx)', async () => {
    const bytes = await xlsxWith({
      building: { 'building.ref': 'HN-1', 'building.grossFloorAreaM2': -100 },
      elements: [{ id: 'e-1', layer: 'skin', lifespanYears: '-3' }],
      materials: [
        { elementId: 'e-1', name: 'a', volumeM3: -1 },
        { elementId: 'e-1', name: 'b', massKg: 'vô hạn' },
      ],
    });
    const wb = await loadWorkbook(bytes);
    const ws = wb.getWorksheet('Materials')!;
    ws.getCell(5, colOf(ws, 'name')).value = 'c';
    ws.getCell(5, colOf(ws, 'elementId')).value = 'e-1';
    ws.getCell(5, colOf(ws, 'massKg')).value = { error: '#DIV/0!' };
    const e = await failure(importSpreadsheet(await saveWorkbook(wb), 'xlsx', opts));
    expect(e.details.map((d) => d.path)).toEqual([
      expect.stringMatching(/^Building row \d+ \(building\.grossFloorAreaM2\), column value$/),
      'Elements row 3, column lifespanYears',
      'Materials row 3, column volumeM3',
      'Materials row 4, column massKg',
      'Materials row 5, column massKg',
    ]);
    expect(e.details[4]!.message).toMatch(/#DIV\/0!/);
  });
});

// --------------------------------------------------------------------------------- xlsx

describe('xlsx cells as Excel, LibreOffice and Google Sheets save them', () => {
  const base = { building: { 'building.ref': 'HN-1' } };

  it('formulas and shared formulas are read by their saved result', async () => {
    const volumes = [5, 2.5, 0.25];
    const density = 2400;
    const gfa = 10 * 125;
    const bytes = await editedWorkbook(
      {
        ...base,
        elements: [{ id: 'e-1', layer: 'structure' }],
        materials: volumes.map((v) => ({
          elementId: 'e-1',
          name: 'x',
          volumeM3: v,
          densityKgPerM3: density,
        })),
      },
      (wb) => {
        const b = wb.getWorksheet('Building')!;
        b.eachRow((r) => {
          if (r.getCell(1).value === 'building.grossFloorAreaM2')
            r.getCell(2).value = { formula: '10*125', result: gfa };
        });
        const el = wb.getWorksheet('Elements')!;
        el.getCell(3, colOf(el, 'name')).value = {
          formula: '"Tường "&"ngoài"',
          result: 'Tường ngoài',
        };
        const ws = wb.getWorksheet('Materials')!;
        const mass = colOf(ws, 'massKg');
        const vol = ws.getColumn(colOf(ws, 'volumeM3')).letter;
        const den = ws.getColumn(colOf(ws, 'densityKgPerM3')).letter;
        const m = ws.getColumn(mass).letter;
        ws.getCell(3, mass).value = {
          formula: `${vol}3*${den}3`,
          result: volumes[0]! * density,
          shareType: 'shared',
          ref: `${m}3:${m}5`,
        } as ExcelJS.CellValue;
        for (const i of [1, 2])
          ws.getCell(3 + i, mass).value = {
            sharedFormula: `${m}3`,
            result: volumes[i]! * density,
          } as ExcelJS.CellValue;
        ws.getCell(3, colOf(ws, 'name')).value = { formula: '"Bê "&"tông"', result: 'Bê tông' };
      },
    );
    const { passport } = await importSpreadsheet(bytes, 'xlsx', opts);
    expect(passport.building.grossFloorAreaM2).toBe(gfa);
    expect(passport.elements[0]!.name).toBe('Tường ngoài');
    expect(passport.elements[0]!.materials.map((m) => m.massKg)).toEqual(
      volumes.map((v) => v * density),
    );
    expect(passport.elements[0]!.materials[0]!.name).toBe('Bê tông');
  });

  it('formula errors and formulas without a saved result name their cell', async () => {
    const bytes = await editedWorkbook(
      { ...base, elements: [{ id: 'e-1', layer: 'skin' }] },
      (wb) => {
        const ws = wb.getWorksheet('Materials')!;
        ws.getCell(3, colOf(ws, 'elementId')).value = 'e-1';
        ws.getCell(3, colOf(ws, 'name')).value = 'a';
        ws.getCell(3, colOf(ws, 'massKg')).value = {
          formula: '1/0',
          result: { error: '#DIV/0!' },
        } as ExcelJS.CellValue;
        ws.getCell(4, colOf(ws, 'elementId')).value = 'e-1';
        ws.getCell(4, colOf(ws, 'name')).value = 'b';
        ws.getCell(4, colOf(ws, 'volumeM3')).value = { formula: 'A1*2' } as ExcelJS.CellValue;
      },
    );
    const e = await failure(importSpreadsheet(bytes, 'xlsx', opts));
    expect(lines(e)).toEqual([
      'Materials row 3, column massKg: the formula gives the error #DIV/0!',
      'Materials row 4, column volumeM3: the formula has no saved result (open and save the file in Excel first)',
    ]);
  });

  it('rich text in data and header cells', async () => {
    const runs = ['Bê ', 'tông', ' C30/37'];
    const bytes = await editedWorkbook(
      { ...base, elements: [{ id: 'e-1', layer: 'skin' }], materials: [{ elementId: 'e-1' }] },
      (wb) => {
        const ws = wb.getWorksheet('Materials')!;
        ws.getCell(3, colOf(ws, 'name')).value = {
          richText: runs.map((text, i) => (i === 1 ? { text, font: { bold: true } } : { text })),
        };
        ws.getCell(3, colOf(ws, 'massKg')).value = {
          richText: [{ text: '1.2' }, { text: '34,5', font: { italic: true } }],
        };
        const c = colOf(ws, 'volumeM3');
        ws.getCell(1, c).value = {
          richText: [{ text: 'volume', font: { bold: true } }, { text: 'M3' }],
        };
        ws.getCell(3, c).value = 0.5;
      },
    );
    const { passport, report } = await importSpreadsheet(bytes, 'xlsx', opts);
    const m = passport.elements[0]!.materials[0]!;
    expect(m.name).toBe(runs.join(''));
    expect(m.massKg).toBe(1234.5);
    expect(m.volumeM3).toBe(0.5);
    expect(report.warnings.filter((w) => w.code === 'UNKNOWN_COLUMN')).toEqual([]);
  });

  it('hyperlink cells: text columns read the shown text, the DPP URL column reads the link', async () => {
    const link = 'https://dpp.example.org/p/123?lang=vi';
    const bytes = await editedWorkbook(
      {
        ...base,
        elements: [
          { id: 'e-1', layer: 'skin' },
          { id: 'e-2', layer: 'skin' },
        ],
      },
      (wb) => {
        const ws = wb.getWorksheet('Elements')!;
        ws.getCell(3, colOf(ws, 'product.name')).value = {
          text: 'Tấm ốp X',
          hyperlink: 'https://maker.example.vn/x',
        };
        ws.getCell(3, colOf(ws, 'product.dppUrl')).value = { text: 'Xem DPP', hyperlink: link };
        ws.getCell(4, colOf(ws, 'product.dppUrl')).value = { text: link, hyperlink: link };
      },
    );
    const { passport } = await importSpreadsheet(bytes, 'xlsx', opts);
    expect(passport.elements[0]!.product).toEqual({ name: 'Tấm ốp X', dppUrl: link });
    expect(passport.elements[1]!.product).toEqual({ dppUrl: link });
  });

  it('numbers stored as text, next to real numbers', async () => {
    const bytes = await xlsxWith({
      building: {
        'building.ref': 'HN-1',
        'building.constructionYear': '2026',
        'building.storeys': 5,
      },
      elements: [{ id: 'e-1', layer: 'skin', lifespanYears: ' 50 ' }],
      materials: [{ elementId: 'e-1', name: 'x', massKg: '12000', volumeM3: 5 }],
    });
    const { passport } = await importSpreadsheet(bytes, 'xlsx', opts);
    expect(passport.building.constructionYear).toBe(2026);
    expect(passport.building.storeys).toBe(5);
    expect(passport.elements[0]!.lifespanYears).toBe(50);
    expect(passport.elements[0]!.materials[0]!).toMatchObject({ massKg: 12000, volumeM3: 5 });
  });

  it('dates where a number or a code was expected are refused, not turned into text', async () => {
    // What Excel does to "1.5" typed in a number column or "21.10" in a code column.
    const may1 = new Date(Date.UTC(2026, 4, 1));
    const oct21 = new Date(Date.UTC(2026, 9, 21));
    const imported = new Date(Date.UTC(2026, 2, 1, 10, 0, 0));
    // A date cell is a number with a date format; the template's text columns are "@", so
    // the date format is set too, as when dates are pasted in.
    const asDate = (cell: ExcelJS.Cell, d: Date) => {
      cell.value = d;
      cell.numFmt = 'd/m/yyyy';
    };
    const withDates = (dates: boolean) =>
      editedWorkbook(
        {
          building: { 'building.ref': 'HN-1' },
          elements: [{ id: 'e-1', layer: 'skin' }],
          materials: [{ elementId: 'e-1', name: 'x' }],
        },
        (wb) => {
          const b = wb.getWorksheet('Building')!;
          b.eachRow((r) => {
            if (r.getCell(1).value === 'source.importedAt') asDate(r.getCell(2), imported);
          });
          if (!dates) return;
          const el = wb.getWorksheet('Elements')!;
          el.getCell(3, colOf(el, 'classification.system')).value = 'NL-SfB';
          asDate(el.getCell(3, colOf(el, 'classification.code')), oct21);
          const m = wb.getWorksheet('Materials')!;
          asDate(m.getCell(3, colOf(m, 'massKg')), may1);
        },
      );
    const bytes = await withDates(true);
    const e = await failure(importSpreadsheet(bytes, 'xlsx', opts));
    expect(e.details.map((d) => d.path)).toEqual([
      'Elements row 3, column classification.code',
      'Materials row 3, column massKg',
    ]);
    expect(e.details[0]!.message).toMatch(/^is a date \(2026-10-21\)/);
    expect(e.details[1]!.message).toMatch(/^is a date \(2026-05-01\), must be a number/);
    // A date where a date belongs (source.importedAt) is fine.
    const { passport } = await importSpreadsheet(await withDates(false), 'xlsx', opts);
    expect(passport.source?.importedAt).toBe(imported.toISOString());
  });

  it('merged cells: down a column the value fills the rows; across columns it is the first column’s', async () => {
    const bytes = await editedWorkbook(
      {
        ...base,
        elements: [
          { id: 'e-1', layer: 'skin' },
          { id: 'e-2', layer: 'structure' },
        ],
        materials: [
          { elementId: 'e-1', name: 'Gạch', massKg: 100 },
          { name: 'Vữa', massKg: 20 },
          { name: 'Sơn', massKg: 1 },
          { elementId: 'e-2', name: 'Thép' },
        ],
      },
      (wb) => {
        const ws = wb.getWorksheet('Materials')!;
        const id = ws.getColumn(colOf(ws, 'elementId')).letter;
        ws.mergeCells(`${id}3:${id}5`); // one element id for three material rows
        const name = colOf(ws, 'name');
        ws.mergeCells(6, name, 6, name + 1); // name spread over the next column (massKg)
      },
    );
    const { passport } = await importSpreadsheet(bytes, 'xlsx', opts);
    expect(passport.elements[0]!.materials.map((m) => [m.name, m.massKg])).toEqual([
      ['Gạch', 100],
      ['Vữa', 20],
      ['Sơn', 1],
    ]);
    expect(passport.elements[1]!.materials).toEqual([{ name: 'Thép' }]);
  });

  it('a number merged down several rows is refused (it would be counted once per row)', async () => {
    const bytes = await editedWorkbook(
      {
        ...base,
        elements: [{ id: 'e-1', layer: 'skin' }],
        materials: [
          { elementId: 'e-1', name: 'a', massKg: 500 },
          { elementId: 'e-1', name: 'b' },
        ],
      },
      (wb) => {
        const ws = wb.getWorksheet('Materials')!;
        const c = ws.getColumn(colOf(ws, 'massKg')).letter;
        ws.mergeCells(`${c}3:${c}4`);
      },
    );
    const e = await failure(importSpreadsheet(bytes, 'xlsx', opts));
    expect(e.details.map((d) => d.path)).toEqual(['Materials row 4, column massKg']);
    expect(e.details[0]!.message).toMatch(/merged/);
  });

  it('empty rows in the middle are skipped and later rows keep their numbers', async () => {
    const bytes = await editedWorkbook(base, (wb) => {
      const el = wb.getWorksheet('Elements')!;
      const put = (ws: ExcelJS.Worksheet, r: number, cells: Record<string, unknown>) => {
        for (const [k, v] of Object.entries(cells))
          ws.getCell(r, colOf(ws, k)).value = v as ExcelJS.CellValue;
      };
      put(el, 3, { id: 'e-1', layer: 'skin' });
      put(el, 5, { id: 'e-2', layer: 'skin' });
      put(el, 6, { name: '   ' }); // whitespace only: empty
      el.getRow(7).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } };
      put(el, 9, { id: 'e-3', layer: 'site' });
      const m = wb.getWorksheet('Materials')!;
      put(m, 3, { elementId: 'e-1', name: 'a', massKg: 1 });
      put(m, 12, { elementId: 'e-3', name: 'b', massKg: 'x' });
    });
    const e = await failure(importSpreadsheet(bytes, 'xlsx', opts));
    expect(lines(e)).toEqual(['Materials row 12, column massKg: "x" is not a number']);
  });

  it('extra columns and sheets the user added are ignored (with a warning for columns)', async () => {
    const input = {
      ...base,
      elements: [{ id: 'e-1', name: 'Tường', layer: 'skin' }],
      materials: [{ elementId: 'e-1', name: 'Gạch', massKg: 100 }],
    };
    const plain = (await importSpreadsheet(await xlsxWith(input), 'xlsx', opts)).passport;
    const bytes = await editedWorkbook(input, (wb) => {
      for (const sheet of ['Elements', 'Materials']) {
        const ws = wb.getWorksheet(sheet)!;
        const c = ws.actualColumnCount + 2;
        ws.getCell(1, c).value = 'Ghi chú';
        ws.getCell(3, c).value = 'kiểm tra lại';
        ws.getCell(4, c).value = 'chỉ ghi chú'; // a row with only an unknown column: not a row
      }
      const extra = wb.addWorksheet('Tổng hợp');
      extra.addRow(['Tổng khối lượng', { formula: 'SUM(Materials!E:E)', result: 100 }]);
    });
    const { passport, report } = await importSpreadsheet(bytes, 'xlsx', opts);
    expect(passport).toStrictEqual(plain);
    expect(report.warnings.filter((w) => w.code === 'UNKNOWN_COLUMN')).toHaveLength(2);
  });

  it('a workbook made from scratch: columns in any order, no label row, no Substances sheet', async () => {
    const wb = new ExcelJS.Workbook();
    const b = wb.addWorksheet('Building');
    b.addRow(['value', 'key']);
    b.addRow(['HN-7', 'building.ref']);
    b.addRow(['Nhà kho', 'building.name']);
    const el = wb.addWorksheet('Elements');
    el.addRow(['layer', 'name', 'id']);
    el.addRow(['structure', 'Khung thép', 'e-1']);
    const m = wb.addWorksheet('Materials');
    m.addRow(['densityKgPerM3', 'volumeM3', 'name', 'elementId']);
    m.addRow([7850, 0.5, 'Thép', 'e-1']);
    const { passport } = await importSpreadsheet(await saveWorkbook(wb), 'xlsx', opts);
    expect(passport.building).toEqual({ ref: 'HN-7', name: 'Nhà kho' });
    expect(passport.elements).toEqual([
      {
        id: 'e-1',
        name: 'Khung thép',
        layer: 'structure',
        materials: [
          {
            name: 'Thép',
            volumeM3: 0.5,
            densityKgPerM3: 7850,
            massKg: 0.5 * 7850,
            massSource: 'netVolume',
          },
        ],
      },
    ]);
  });

  const input: Parameters<typeof xlsxWith>[0] = {
    building: { 'building.ref': 'HN-1' },
    elements: [{ id: 'e-1', name: 'Tường', layer: 'skin', lifespanYears: 40 }],
    materials: [
      { elementId: 'e-1', name: 'Gạch', massKg: 100, recycledFraction: 0.2 },
      { elementId: 'e-1', name: 'Vữa', massKg: 20 },
    ],
    substances: [{ elementId: 'e-1', materialIndex: 2, name: 'chì', massFraction: 0.01 }],
  };

  it('the key row deleted: the label row (English + Vietnamese) is the header', async () => {
    const plain = (await importSpreadsheet(await xlsxWith(input), 'xlsx', opts)).passport;
    const bytes = await editedWorkbook(input, (wb) => {
      for (const sheet of ['Elements', 'Materials', 'Substances'])
        wb.getWorksheet(sheet)!.spliceRows(1, 1);
    });
    const { passport, report } = await importSpreadsheet(bytes, 'xlsx', opts);
    expect(passport).toStrictEqual(plain);
    expect(report.warnings.filter((w) => w.code === 'UNKNOWN_COLUMN')).toEqual([]);
  });

  for (const lang of ['vi', 'en'] as const) {
    it(`header names in ${lang === 'vi' ? 'Vietnamese' : 'English'} as the template labels them`, async () => {
      const plain = (await importSpreadsheet(await xlsxWith(input), 'xlsx', opts)).passport;
      const specs: Record<string, Map<string, { en: string; vi: string }>> = {
        Elements: new Map(ELEMENT_COLUMNS.map((c) => [c.key, c])),
        Materials: new Map<string, { en: string; vi: string }>([
          ['elementId', { en: 'Element id', vi: 'Mã cấu kiện' }],
          ...MATERIAL_COLUMNS.map((c) => [c.key, c] as const),
        ]),
      };
      const bytes = await editedWorkbook(input, (wb) => {
        for (const sheet of ['Elements', 'Materials']) {
          const ws = wb.getWorksheet(sheet)!;
          ws.getRow(1).eachCell((cell) => {
            const key = String(cell.value);
            const spec = specs[sheet]!.get(key);
            if (spec !== undefined) cell.value = spec[lang];
          });
          ws.spliceRows(2, 1); // and no label row
        }
      });
      const { passport } = await importSpreadsheet(bytes, 'xlsx', opts);
      expect(passport.elements[0]!.materials.map((m) => m.name)).toEqual(['Gạch', 'Vữa']);
      expect(passport).toStrictEqual(plain);
    });
  }

  it('header keys in another case or with stray spaces', async () => {
    const plain = (await importSpreadsheet(await xlsxWith(input), 'xlsx', opts)).passport;
    const bytes = await editedWorkbook(input, (wb) => {
      const el = wb.getWorksheet('Elements')!;
      el.getCell(1, colOf(el, 'id')).value = ' ID ';
      el.getCell(1, colOf(el, 'layer')).value = 'Layer\u00a0';
      el.getCell(1, colOf(el, 'lifespanYears')).value = 'lifespan years';
      const m = wb.getWorksheet('Materials')!;
      m.getCell(1, colOf(m, 'elementId')).value = 'ElementID';
      m.getCell(1, colOf(m, 'massKg')).value = 'mass kg';
      m.getCell(1, colOf(m, 'recycledFraction')).value = 'RecycledFraction ';
    });
    const { passport, report } = await importSpreadsheet(bytes, 'xlsx', opts);
    expect(passport).toStrictEqual(plain);
    expect(report.warnings.filter((w) => w.code === 'UNKNOWN_COLUMN')).toEqual([]);
  });

  it('title rows above the header are skipped; row numbers stay as shown', async () => {
    const wb = new ExcelJS.Workbook();
    const b = wb.addWorksheet('Building');
    b.addRow(['key', 'value']);
    b.addRow(['building.ref', 'HN-1']);
    const el = wb.addWorksheet('Elements');
    el.addRow(['BẢNG CẤU KIỆN — công trình HN-1']);
    el.addRow([]);
    el.addRow(['id', 'layer']);
    el.addRow(['e-1', 'skin']);
    const m = wb.addWorksheet('Materials');
    m.addRow(['Vật liệu']);
    m.addRow(['elementId', 'name', 'massKg']);
    m.addRow(['Element id\nMã cấu kiện', 'Material name\nTên vật liệu', 'Mass (kg)']);
    m.addRow(['e-1', 'Gạch', 100]);
    m.addRow(['e-1', 'Vữa', -1]);
    const e = await failure(importSpreadsheet(await saveWorkbook(wb), 'xlsx', opts));
    expect(lines(e)).toEqual(['Materials row 5, column massKg: must be ≥ 0']);
  });
});

// --------------------------------------------------------------------------- bad files

describe('files that are not an xlsx workbook', () => {
  // The first bytes of an OLE2 compound file: Excel 97–2003 .xls, or an encrypted .xlsx.
  const ole = new Uint8Array(512);
  ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  const cases: [string, Uint8Array, RegExp][] = [
    ['an .xls (Excel 97–2003) file', ole, /Excel 97–2003/],
    ['an empty file', new Uint8Array(0), /empty/],
    [
      'a zip of something else',
      zipSync({ 'ảnh/mặt-bằng.txt': utf8('xin chào') }),
      /zip archive but not an xlsx workbook/,
    ],
    [
      'an OpenDocument spreadsheet (.ods)',
      zipSync({
        mimetype: utf8('application/vnd.oasis.opendocument.spreadsheet'),
        'content.xml': utf8('<x/>'),
      }),
      /OpenDocument/,
    ],
    [
      'a CSV file',
      utf8('building.ref,element.id,element.layer\r\nHN-1,e-1,skin\r\n'),
      /import it as csv/,
    ],
  ];
  for (const [what, bytes, message] of cases) {
    it(`${what} is refused with one clear message`, async () => {
      const e = await failure(importSpreadsheet(bytes, 'xlsx', opts));
      expect(e.code).toBe('BAD_INPUT');
      expect(e.exitCode).toBe(2);
      expect(e.details).toEqual([]);
      expect(e.message).toMatch(message);
      expect(e.message.split('\n')).toHaveLength(1);
    });
  }
});

describe('the CLI refuses unreadable spreadsheets with exit 2 and stores nothing', () => {
  let dir: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'matbank-sheet-'));
    env = { MATBANK_DATA_DIR: path.join(dir, 'db') };
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('xls, empty xlsx, CSV without header, empty CSV', { timeout: 120_000 }, async () => {
    const ole = new Uint8Array(512);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const files: [string, 'xlsx' | 'csv', Uint8Array, RegExp][] = [
      ['old.xls', 'xlsx', ole, /Excel 97–2003/],
      ['empty.xlsx', 'xlsx', new Uint8Array(0), /empty/],
      ['noheader.csv', 'csv', utf8('HN-1,e-1,skin\r\n'), /no header row/],
      ['empty.csv', 'csv', new Uint8Array(0), /empty/],
    ];
    for (const [name, kind, bytes, message] of files) {
      const file = path.join(dir, name);
      await writeFile(file, bytes);
      const r = await runCli(['import', kind, file, '--building', 'HN-T-9'], env);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/^error \[BAD_INPUT\]: /);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    const list = await runCli(['passport', 'list', '--json'], env);
    expect(JSON.parse(list.stdout)).toEqual([]);
  });
});

// --------------------------------------------------------------------------- round trip

/** Several elements, several materials with several substances, names in many scripts. */
const unicodePassport: Passport = {
  format: 'matbank/passport@1',
  building: {
    ref: 'HN-2026-000777',
    name: 'Tòa nhà Hoa Sen — khối B',
    city: 'Hà Nội',
    country: 'VN',
    grossFloorAreaM2: 0.1 + 0.2,
  },
  source: { kind: 'manual' },
  elements: [
    {
      id: 'tường-1',
      // "Tường" decomposed (NFD), as macOS may write it: must come back as written.
      name: 'Tường ngoài'.normalize('NFD'),
      layer: 'skin',
      materials: [
        {
          name: 'Gạch đỏ 🧱',
          massKg: 1000 / 3,
          massSource: 'declared',
          recycledFraction: 1 / 7,
          substances: [
            { cas: '1332-21-4', name: 'amiăng', massFraction: 0.001, location: 'mạch vữa' },
            { cas: '7439-92-1', ec: '231-100-4', name: 'chì (lead)', massFraction: 1e-7 },
            { name: 'IJzeren ankers — ĳ' },
          ],
        },
        {
          name: '混凝土 / خرسانة / бетон',
          volumeM3: 2.5,
          densityKgPerM3: 2400,
          massKg: 6000,
          massSource: 'netVolume',
          gwpKgCo2ePerKg: { A1A3: 0.089, D: -0.005 },
          substances: [{ cas: '50-00-0', name: 'formaldehyde\u200d👩‍🔧', massFraction: 0.02 }],
        },
        { name: 'Sơn chống thấm', massKg: 12.75, massSource: 'declared' },
      ],
    },
    {
      id: 'e-2',
      name: 'Gevelbekleding "Oosterdok"',
      layer: 'skin',
      classification: { system: 'NL-SfB', code: '21.10' },
      materials: [
        {
          name: 'Hout (vuren), geïmpregneerd',
          massKg: 123456789.125,
          massSource: 'weight',
          endOfLife: { reuse: 0.25, recycle: 0.5, energyRecovery: 0.125, landfill: 0.125 },
          substances: [
            { cas: '7440-43-9', name: 'cadmium', massFraction: 0.0005 },
            { name: 'koper', location: 'verankering; noord' },
          ],
        },
        { name: 'Isolatie', massKg: 2 ** 53, massSource: 'declared' },
      ],
    },
  ],
};

describe('round trip with several materials, substances and Unicode names', () => {
  const none = { library: materialLibrary([]), match: noMatch };

  it('the passport is valid', () => {
    const r = validatePassport(unicodePassport);
    expect(r.ok, JSON.stringify(r)).toBe(true);
  });

  for (const kind of ['xlsx', 'csv'] as const) {
    it(`${kind}: export then import gives the same passport`, async () => {
      const bytes = await exportSpreadsheet(unicodePassport, kind);
      const { passport } = await importSpreadsheet(bytes, kind, none);
      expect(passport).toStrictEqual(unicodePassport);
    });
  }

  it('csv re-saved by Excel with Vietnamese or Dutch settings (semicolons, decimal commas)', async () => {
    const text = new TextDecoder().decode(await exportSpreadsheet(unicodePassport, 'csv'));
    const rows: string[][] = parse(text.replace(/^\uFEFF/, ''), { relax_column_count: true });
    const numeric = new Set(
      [
        ...BUILDING_FIELDS.map((c) => [c.key, c] as const),
        ...ELEMENT_COLUMNS.map((c) => [`element.${c.key}`, c] as const),
        ...MATERIAL_COLUMNS.map((c) => [`material.${c.key}`, c] as const),
      ]
        .filter(([, c]) => c.type === 'number' || c.type === 'int' || c.type === 'fraction')
        .map(([k]) => k),
    );
    const header = rows[0]!;
    const resaved = rows.map((r, i) =>
      i === 0 ? r : r.map((cell, j) => (numeric.has(header[j]!) ? cell.replace('.', ',') : cell)),
    );
    const { passport } = await importSpreadsheet(csvString(resaved, ';'), 'csv', none);
    expect(passport).toStrictEqual(unicodePassport);
  });

  it('xlsx with every number turned into decimal-comma text', async () => {
    const wb = await loadWorkbook(await exportSpreadsheet(unicodePassport, 'xlsx'));
    for (const sheet of ['Building', 'Elements', 'Materials', 'Substances']) {
      wb.getWorksheet(sheet)!.eachRow((row) =>
        row.eachCell((cell) => {
          if (typeof cell.value === 'number') cell.value = String(cell.value).replace('.', ',');
        }),
      );
    }
    const { passport } = await importSpreadsheet(await saveWorkbook(wb), 'xlsx', none);
    expect(passport).toStrictEqual(unicodePassport);
  });
});
