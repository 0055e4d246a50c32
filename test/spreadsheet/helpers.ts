/** Builds test inputs the way a person would: by typing into the template. */
import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import { MatbankError } from '../../src/core/errors.ts';
import { spreadsheetTemplate } from '../../src/ifc/spreadsheet/index.ts';

export type Cells = Record<string, string | number | boolean | Date | null>;

export async function loadWorkbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return wb;
}

export async function saveWorkbook(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/** Row number of `key` in the Building sheet (column A). */
export function buildingRowOf(wb: ExcelJS.Workbook, key: string): number {
  let found = 0;
  wb.getWorksheet('Building')!.eachRow((row, r) => {
    if (row.getCell(1).value === key) found = r;
  });
  if (found === 0) throw new Error(`no Building key ${key}`);
  return found;
}

/** The template with values typed in: Building by key, table sheets from row 3 by column key. */
export async function xlsxWith(input: {
  building?: Cells;
  elements?: Cells[];
  materials?: Cells[];
  substances?: Cells[];
}): Promise<Uint8Array> {
  const wb = await loadWorkbook(await spreadsheetTemplate('xlsx'));
  for (const [key, value] of Object.entries(input.building ?? {})) {
    wb.getWorksheet('Building')!.getCell(buildingRowOf(wb, key), 2).value = value;
  }
  const fill = (sheet: string, rows: Cells[] | undefined) => {
    const ws = wb.getWorksheet(sheet)!;
    const keys = (ws.getRow(1).values as unknown[]).map(String);
    (rows ?? []).forEach((cells, i) => {
      for (const [key, value] of Object.entries(cells)) {
        const col = keys.indexOf(key);
        if (col < 1) throw new Error(`no column ${key} in ${sheet}`);
        ws.getCell(3 + i, col).value = value;
      }
    });
  };
  fill('Elements', input.elements);
  fill('Materials', input.materials);
  fill('Substances', input.substances);
  return saveWorkbook(wb);
}

/** A CSV from a header and rows (cells joined with `sep`, no quoting: keep test cells simple). */
export function csvText(header: string[], rows: (string | number)[][], sep = ','): string {
  return [header.join(sep), ...rows.map((r) => r.join(sep))].join('\r\n') + '\r\n';
}

/** The MatbankError an import rejects with (fails the test when it resolves). */
export async function failure(p: Promise<unknown>): Promise<MatbankError> {
  const e = await p.then(
    () => {
      throw new Error('expected the import to fail');
    },
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(MatbankError);
  return e as MatbankError;
}

/** An error's details as `path: message` lines. */
export const lines = (e: MatbankError) => e.details.map((d) => `${d.path}: ${d.message}`);
