import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { validatePassport } from '../../src/core/passport/validate.ts';
import { materialLibrary } from '../../src/core/materials.ts';
import {
  exportSpreadsheet,
  importSpreadsheet,
  spreadsheetTemplate,
} from '../../src/ifc/spreadsheet/index.ts';
import { noMatch, richPassport } from './fixtures.ts';

const empty = materialLibrary([]);

describe('round trip', () => {
  it('the rich passport is itself valid (so the round trip tests every field, not a broken one)', () => {
    expect(validatePassport(richPassport).ok).toBe(true);
  });

  for (const kind of ['xlsx', 'csv'] as const) {
    it(`${kind}: export then import gives back the same passport, every field`, async () => {
      const bytes = await exportSpreadsheet(richPassport, kind);
      const { passport } = await importSpreadsheet(bytes, kind, {
        library: empty,
        match: noMatch,
        fileName: `x.${kind}`,
      });
      expect(passport).toStrictEqual(richPassport);
    });

    it(`${kind}: re-exporting the imported passport imports the same again`, async () => {
      const once = await importSpreadsheet(await exportSpreadsheet(richPassport, kind), kind, {
        library: empty,
        match: noMatch,
      });
      const twice = await importSpreadsheet(await exportSpreadsheet(once.passport, kind), kind, {
        library: empty,
        match: noMatch,
      });
      expect(twice.passport).toStrictEqual(once.passport);
    });

    it(`${kind}: a passport without elements round-trips`, async () => {
      const p = {
        format: 'matbank/passport@1' as const,
        building: { ref: 'HN-0', storeys: 0 },
        source: { kind },
        elements: [],
      };
      const { passport } = await importSpreadsheet(await exportSpreadsheet(p, kind), kind, {
        library: empty,
        match: noMatch,
      });
      expect(passport).toStrictEqual(p);
    });
  }

  it('source: without source.* in the file, the import is the source (kind and file name)', async () => {
    const { source: _drop, ...noSource } = richPassport;
    const { passport } = await importSpreadsheet(await exportSpreadsheet(noSource, 'csv'), 'csv', {
      library: empty,
      match: noMatch,
      fileName: 'upload.csv',
    });
    expect(passport.source).toStrictEqual({ kind: 'csv', file: 'upload.csv' });
  });
});

describe('template', () => {
  it('xlsx has the five sheets, the key row and the bilingual label row', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await spreadsheetTemplate('xlsx')) as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Read me',
      'Building',
      'Elements',
      'Materials',
      'Substances',
    ]);
    const keys = (sheet: string) =>
      (wb.getWorksheet(sheet)!.getRow(1).values as unknown[]).slice(1);
    expect(keys('Elements')).toEqual([
      'id',
      'name',
      'layer',
      'ifcClass',
      'ifcGlobalId',
      'storey',
      'classification.system',
      'classification.code',
      'classification.name',
      'lifespanYears',
      'industryAverageLifespanYears',
      'detachability.connectionType',
      'detachability.accessibility',
      'detachability.intersection',
      'detachability.productEdge',
      'product.name',
      'product.manufacturer',
      'product.gtin',
      'product.dppUrl',
    ]);
    expect(keys('Materials').slice(0, 5)).toEqual([
      'elementId',
      'materialRef',
      'materialId',
      'name',
      'massKg',
    ]);
    expect(keys('Materials')).toContain('endOfLife.energyRecovery');
    expect(keys('Materials')).toContain('gwpKgCo2ePerKg.D');
    expect(keys('Substances')).toEqual([
      'elementId',
      'materialIndex',
      'materialRef',
      'cas',
      'ec',
      'name',
      'massFraction',
      'location',
    ]);
    const massLabel = wb.getWorksheet('Materials')!.getCell('E2').value;
    expect(massLabel).toBe('Mass (kg)\nKhối lượng (kg)');
    const building = wb.getWorksheet('Building')!;
    const buildingKeys = building.getColumn(1).values.slice(2);
    expect(buildingKeys).toContain('building.ref');
    expect(buildingKeys).toContain('building.location.lat');
    // The Read me explains columns in both languages.
    const readMe = JSON.stringify(wb.getWorksheet('Read me')!.getSheetValues());
    expect(readMe).toContain('Tỷ lệ nguyên liệu tái chế');
    expect(readMe).toContain('hardChemical = hard chemical');
  });

  it('xlsx enum columns carry drop-down lists of the allowed values', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await spreadsheetTemplate('xlsx')) as unknown as ExcelJS.Buffer);
    const layer = wb.getWorksheet('Elements')!.getCell('C3').dataValidation;
    expect(layer.type).toBe('list');
    expect(layer.formulae).toEqual(['"site,structure,skin,services,spacePlan,stuff"']);
    expect(wb.getWorksheet('Elements')!.getCell('C4000').dataValidation.type).toBe('list');
    const building = wb.getWorksheet('Building')!;
    let useRow = 0;
    building.eachRow((row, r) => {
      if (row.getCell(1).value === 'building.use') useRow = r;
    });
    expect(building.getCell(useRow, 2).dataValidation.formulae[0]).toContain('healthcare');
  });

  for (const kind of ['xlsx', 'csv'] as const) {
    it(`${kind} template imports as an empty passport when given a building ref`, async () => {
      const { passport, report } = await importSpreadsheet(await spreadsheetTemplate(kind), kind, {
        buildingRef: 'HN-2026-000001',
        library: empty,
        match: noMatch,
      });
      expect(passport).toStrictEqual({
        format: 'matbank/passport@1',
        building: { ref: 'HN-2026-000001' },
        source: { kind },
        elements: [],
      });
      expect(report.counts).toEqual({ elements: 0, materialUses: 0, materials: 0 });
      expect(report.mass.measuredShare).toBeNull();
    });

    it(`${kind} template without a building ref is invalid, naming where the ref goes`, async () => {
      const err = await importSpreadsheet(await spreadsheetTemplate(kind), kind, {
        library: empty,
        match: noMatch,
      }).catch((e) => e);
      expect(err.code).toBe('VALIDATION_FAILED');
      expect(err.details[0].path).toMatch(
        kind === 'xlsx'
          ? /^Building row \d+ \(building\.ref\), column value$/
          : /^CSV column building\.ref$/,
      );
      expect(err.details[0].message).toBe('is required');
    });
  }

  it('csv template is the header line, with a BOM so Excel reads UTF-8', async () => {
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(
      await spreadsheetTemplate('csv'),
    );
    expect(text.startsWith('\uFEFFbuilding.ref,building.name,')).toBe(true);
    expect(text.trimEnd().split('\r\n')).toHaveLength(1);
    expect(text).toContain(',element.id,element.name,element.layer,');
    expect(text.trimEnd().endsWith(',material.biogenicCarbonKgCPerKg,substances')).toBe(true);
  });
});
