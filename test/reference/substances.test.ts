import { describe, expect, it } from 'vitest';
import { findWasteCode, loadSubstances, parseSubstancesCsv } from '../../src/reference/index.ts';

/** CAS check digit: digits before it, from the right, weighted 1, 2, 3 …; sum mod 10. */
function casCheckDigitValid(cas: string): boolean {
  const m = /^(\d{2,7})-(\d{2})-(\d)$/.exec(cas);
  if (!m) return false;
  const digits = (m[1]! + m[2]!).split('').reverse();
  const sum = digits.reduce((s, d, i) => s + (i + 1) * Number(d), 0);
  return sum % 10 === Number(m[3]);
}

/** EC check digit: first six digits weighted 1…6 from the left; sum mod 11 (10 is not issued). */
function ecCheckDigitValid(ec: string): boolean {
  const m = /^(\d{3})-(\d{3})-(\d)$/.exec(ec);
  if (!m) return false;
  const digits = (m[1]! + m[2]!).split('');
  const sum = digits.reduce((s, d, i) => s + (i + 1) * Number(d), 0);
  return sum % 11 === Number(m[3]);
}

describe('check-digit helpers (known numbers)', () => {
  it('accept known-good and reject altered numbers', () => {
    expect(casCheckDigitValid('7732-18-5')).toBe(true); // water
    expect(casCheckDigitValid('1332-21-4')).toBe(true); // asbestos
    expect(casCheckDigitValid('1332-21-5')).toBe(false);
    expect(ecCheckDigitValid('231-791-2')).toBe(true); // water
    expect(ecCheckDigitValid('231-791-3')).toBe(false);
  });
});

describe('substances of concern', () => {
  const substances = loadSubstances();
  const byCas = new Map(substances.map((s) => [s.cas, s]));

  it('covers the groups found in buildings', () => {
    expect(substances.length).toBeGreaterThanOrEqual(25);
    for (const cas of [
      '1332-21-4',
      '12001-29-5',
      '12172-73-5',
      '12001-28-4',
      '1336-36-3',
      '50-32-8',
      '1333-82-0',
      '1303-28-2',
      '25637-99-4',
      '85535-84-8',
      '7439-97-6',
      '75-69-4',
      '1717-00-6',
      '50-00-0',
      '87-86-5',
      '58-89-9',
    ]) {
      expect(byCas.has(cas), cas).toBe(true);
    }
    expect(new Set(substances.map((s) => s.cas)).size).toBe(substances.length);
  });

  it.each(substances.map((s) => [s.cas, s] as const))(
    '%s has valid identifiers and a cited threshold',
    (_cas, s) => {
      expect(casCheckDigitValid(s.cas)).toBe(true);
      if (s.ec !== undefined) expect(ecCheckDigitValid(s.ec)).toBe(true);
      expect(s.names.vi).not.toBe('');
      expect(s.names.nl).not.toBe('');
      expect(s.source.length).toBeGreaterThan(10);
      if (s.thresholdMassFraction !== null) {
        expect(s.thresholdMassFraction).toBeGreaterThan(0);
        expect(s.thresholdMassFraction).toBeLessThanOrEqual(0.01);
      }
      if (s.ewcHazardousCode !== undefined) {
        const w = findWasteCode(s.ewcHazardousCode);
        expect(w?.hazardous).toBe(true);
        expect(w?.code.startsWith('17 ')).toBe(true);
      }
    },
  );

  it('uses the regulatory thresholds', () => {
    expect(byCas.get('1332-21-4')?.thresholdMassFraction).toBe(0.1 / 100); // 0.1 % w/w, Carc. 1A
    expect(byCas.get('1336-36-3')?.thresholdMassFraction).toBe(50 / 1e6); // PCB 50 mg/kg, POPs Annex IV
    expect(byCas.get('85535-84-8')?.thresholdMassFraction).toBe(10_000 / 1e6); // SCCP 10 000 mg/kg
    expect(byCas.get('58-89-9')?.thresholdMassFraction).toBe(50 / 1e6); // HCH incl. lindane
    expect(byCas.get('1336-36-3')?.ewcHazardousCode).toBe('17 09 02');
    expect(byCas.get('1332-21-4')?.ewcHazardousCode).toBe('17 06 05');
    expect(byCas.get('1317-38-0')?.thresholdMassFraction).toBeNull();
  });

  it('reports a bad CAS number with file, line and column', () => {
    const header =
      'cas,ec,name_en,name_vi,name_nl,group,typical_locations,threshold_mass_fraction,ewc_hazardous_code,source';
    const text = `${header}\n50-00-0,200-001-8,F,F,F,g,l,0.001,17 02 04*,src\n1332214,,A,A,A,g,l,0.001,17 06 05*,src\n`;
    expect(() => parseSubstancesCsv(text, 's.csv')).toThrow(
      /^s\.csv line 3, column cas: must be a CAS number/,
    );
  });
});
