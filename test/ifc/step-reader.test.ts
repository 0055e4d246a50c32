/**
 * The JS STEP reader (src/ifc/step-reader.ts) must give the importer exactly what web-ifc's
 * GetRawLineData gives: the same passport and report on every model.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as W from 'web-ifc';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractPassport } from '../../src/ifc/extract.ts';
import { prepareInput } from '../../src/ifc/input.ts';
import { decodeStepText } from '../../src/ifc/step-reader.ts';
import { loadMaterialLibrary } from '../../src/reference/index.ts';

const ifcDir = path.resolve(import.meta.dirname, '../../../shared/data/ifc');
const api = new W.IfcAPI();
beforeAll(async () => {
  await api.Init(undefined, true);
  api.SetLogLevel(W.LogLevel.LOG_LEVEL_OFF);
});

describe('StepReader vs web-ifc GetRawLineData', () => {
  it.each(readdirSync(ifcDir).filter((f) => f.endsWith('.ifc')))(
    '%s: same passport and report',
    (f) => {
      const p = prepareInput(new Uint8Array(readFileSync(path.join(ifcDir, f))), f);
      const o = { fileName: f, library: loadMaterialLibrary(), importedAt: 'x' };
      const a = extractPassport(api, p, { ...o, rawReader: 'web-ifc' });
      const b = extractPassport(api, p, { ...o, rawReader: 'js' });
      a.report.durationMs = b.report.durationMs = 0;
      expect(b).toEqual(a);
    },
  );

  it('decodes STEP string escapes', () => {
    expect(decodeStepText('H\\X2\\00F6\\X0\\he')).toBe('Höhe');
    expect(decodeStepText('Au\\X2\\00DF\\X0\\en')).toBe('Außen');
    expect(decodeStepText('\\X\\E9t\\X\\E9')).toBe('été');
    expect(decodeStepText("it''s")).toBe("it's");
    expect(decodeStepText('\\S\\D')).toBe('Ä');
  });
});
