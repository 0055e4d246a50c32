import { describe, expect, it } from 'vitest';
import { importSpreadsheet, parseNumber } from '../../src/ifc/spreadsheet/index.ts';
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
