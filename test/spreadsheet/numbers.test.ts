import { describe, expect, it } from 'vitest';
import { importSpreadsheet, parseNumber } from '../../src/ifc/spreadsheet/index.ts';
import { detectDecimalMark } from '../../src/ifc/spreadsheet/numbers.ts';
import { csvText, xlsxWith } from './helpers.ts';
import { noMatch, testLibrary } from './fixtures.ts';

describe('parseNumber', () => {
  const ok: [string, boolean, number][] = [
    ['1234.5', false, 1234.5],
    ['1.234,5', false, 1234.5], // Vietnamese / Dutch
    ['1,234.5', false, 1234.5], // English
    ['1 234,5', false, 1234.5],
    ['1\u00a0234,5', false, 1234.5],
    ['0,75', false, 0.75],
    ['1,234', false, 1.234], // a single comma is a decimal comma, by our rule
    ['1.234.567', false, 1234567],
    ['1,234,567', false, 1234567],
    ['-0,005', false, -0.005],
    ['\u22120,005', false, -0.005],
    ['+3', false, 3],
    ['1,5e3', false, 1500],
    ['2E-3', false, 0.002],
    ['.5', false, 0.5],
    ['75%', true, 0.75],
    ['7,5 %', true, 0.075],
    ['100%', true, 1],
    ['0', false, 0],
  ];
  for (const [raw, pct, want] of ok) {
    it(`"${raw}" → ${want}`, () => {
      expect(parseNumber(raw, pct)).toEqual({ ok: true, value: want });
    });
  }
  const bad: [string, boolean, RegExp][] = [
    ['abc', false, /is not a number/],
    ['1.23.4', false, /groups must be of three/],
    ['1,2,3', false, /groups must be of three/],
    ['12,34.5', false, /groups must be of three/],
    ['75%', false, /only allowed in fraction columns/],
    ['', false, /is not a number/],
    ['1e999', false, /out of range/],
    ['1..2', false, /not a number/],
  ];
  for (const [raw, pct, want] of bad) {
    it(`"${raw}" is refused`, () => {
      const r = parseNumber(raw, pct);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).toMatch(want);
    });
  }
});

describe('decimal commas and percentages in files', () => {
  it('csv with semicolons (Excel in Vietnamese/Dutch) and decimal commas', async () => {
    const header = [
      'building.ref',
      'building.grossFloorAreaM2',
      'element.id',
      'element.layer',
      'material.name',
      'material.massKg',
      'material.recycledFraction',
      'material.recyclingEfficiencyIn',
      'material.endOfLife.recycle',
      'material.endOfLife.landfill',
    ];
    const text = csvText(
      header,
      [['HN-1', '1.234,5', 'e-1', 'structure', 'Thép', '1.234,5', '75%', '0,75', '80 %', '0,2']],
      ';',
    );
    const { passport } = await importSpreadsheet(text, 'csv', {
      library: testLibrary,
      match: noMatch,
    });
    expect(passport.building.grossFloorAreaM2).toBe(1234.5);
    const m = passport.elements[0]!.materials[0]!;
    expect(m.massKg).toBe(1234.5);
    expect(m.recycledFraction).toBe(0.75);
    expect(m.recyclingEfficiencyIn).toBe(0.75);
    expect(m.endOfLife).toEqual({ recycle: 0.8, landfill: 0.2 });
  });

  it('xlsx cells typed as text with decimal commas and percentages, next to real numbers', async () => {
    const bytes = await xlsxWith({
      building: {
        'building.ref': 'HN-2',
        'building.designLifeYears': '50',
        'building.location.lat': '21,03',
        'building.location.lon': 105.85,
      },
      elements: [{ id: 'e-1', layer: 'Structure' }],
      materials: [
        {
          elementId: 'e-1',
          name: 'Bê tông',
          massKg: '12.000,5',
          reusedFraction: '5%',
          renewableFraction: 0.25,
        },
      ],
    });
    const { passport } = await importSpreadsheet(bytes, 'xlsx', {
      library: testLibrary,
      match: noMatch,
    });
    expect(passport.building.location).toEqual({ lat: 21.03, lon: 105.85 });
    expect(passport.building.designLifeYears).toBe(50);
    expect(passport.elements[0]!.layer).toBe('structure'); // enums are matched case-insensitively
    const m = passport.elements[0]!.materials[0]!;
    expect(m.massKg).toBe(12000.5);
    expect(m.reusedFraction).toBe(0.05);
    expect(m.renewableFraction).toBe(0.25);
  });
});

describe('the file decides an ambiguous 12.000', () => {
  it.each([
    [['0,75', '12.000'], ','],
    [['1.234,5'], ','],
    [['2.5', '1,000'], '.'],
    [['1,234.5'], '.'],
    [['12.000', '1,234'], undefined], // every number fits either reading
    [['0,75', '2.5'], undefined], // the file contradicts itself
    [['80%', '−0,005'], ','],
  ] as const)('%j → %s', (texts, mark) => expect(detectDecimalMark(texts)).toBe(mark));

  it('with a decimal comma, one point groups thousands; with a decimal point, one comma does', () => {
    expect(parseNumber('12.000', false, ',')).toEqual({ ok: true, value: 12000 });
    expect(parseNumber('12,000', false, '.')).toEqual({ ok: true, value: 12000 });
    expect(parseNumber('0,75', true, ',')).toEqual({ ok: true, value: 0.75 });
    // A point that cannot group in a decimal-comma file is an error, not a guess.
    expect(parseNumber('1.5', false, ',').ok).toBe(false);
    // Without evidence the single-number rule stands: one mark is the decimal mark.
    expect(parseNumber('12.000', false)).toEqual({ ok: true, value: 12 });
  });

  it('a Vietnamese CSV: 12.000 kg is twelve tonnes when the file writes 0,75 for fractions', async () => {
    const header = [
      'building.ref',
      'element.id',
      'element.layer',
      'material.name',
      'material.massKg',
      'material.recycledFraction',
    ];
    const text = csvText(
      header,
      [
        ['HN-3', 'e-1', 'structure', 'Bê tông', '12.000', '0,75'],
        ['HN-3', 'e-2', 'structure', 'Thép', '1.250', '0,9'],
      ],
      ';',
    );
    const { passport, report } = await importSpreadsheet(text, 'csv', {
      library: testLibrary,
      match: noMatch,
    });
    expect(passport.elements.map((e) => e.materials[0]!.massKg)).toEqual([12000, 1250]);
    expect(report.warnings.map((w) => w.code)).toContain('DECIMAL_COMMA');
  });

  it('no DECIMAL_COMMA warning when no number reads differently', async () => {
    const text = csvText(
      ['building.ref', 'element.id', 'element.layer', 'material.name', 'material.massKg'],
      [['HN-4', 'e-1', 'structure', 'Thép', '1250,5']],
      ';',
    );
    const { passport, report } = await importSpreadsheet(text, 'csv', {
      library: testLibrary,
      match: noMatch,
    });
    expect(passport.elements[0]!.materials[0]!.massKg).toBe(1250.5);
    expect(report.warnings.map((w) => w.code)).not.toContain('DECIMAL_COMMA');
  });
});
