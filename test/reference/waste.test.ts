import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  findWasteCode,
  isHazardousEwc,
  loadWasteList,
  normaliseEwcCode,
  parseWasteList,
} from '../../src/reference/index.ts';

describe('List of Waste', () => {
  const list = loadWasteList();

  it('has the 842 codes of Decision 2000/532/EC, 38 in chapter 17 of which 16 hazardous', () => {
    expect(list.length).toBe(842);
    const ch17 = list.filter((w) => w.code.startsWith('17 '));
    expect(ch17.length).toBe(38);
    expect(ch17.filter((w) => w.hazardous).length).toBe(16);
    expect(new Set(list.map((w) => w.code)).size).toBe(842);
  });

  it('is a faithful copy of the shared file', () => {
    const shared = JSON.parse(
      readFileSync(
        new URL('../../../shared/data/waste/ewc-list-of-waste.json', import.meta.url),
        'utf8',
      ),
    );
    const ours = JSON.parse(
      readFileSync(new URL('../../data/waste/ewc-list-of-waste.json', import.meta.url), 'utf8'),
    );
    expect(ours).toEqual(shared);
  });

  it('knows which construction wastes are hazardous, in any spelling', () => {
    expect(isHazardousEwc('17 06 05*')).toBe(true); // construction materials containing asbestos
    expect(isHazardousEwc('17 06 05')).toBe(true);
    expect(isHazardousEwc('170605')).toBe(true);
    expect(isHazardousEwc('17 01 01')).toBe(false); // concrete
    expect(isHazardousEwc('17 09 02')).toBe(true); // PCB
    expect(isHazardousEwc('99 99 99')).toBe(false);
    expect(isHazardousEwc('concrete')).toBe(false);
    expect(findWasteCode('17 04 05')?.description).toBe('Iron and steel');
    expect(normaliseEwcCode('17-04-05')).toBe('17 04 05');
    expect(normaliseEwcCode('17 04')).toBeUndefined();
  });

  it('rejects an entry whose asterisk and flag disagree', () => {
    const bad = JSON.stringify([
      {
        code: '17 01 01*',
        hazardous: false,
        entryType: 'x',
        chapter: 'x',
        subChapter: 'x',
        description: 'x',
      },
    ]);
    expect(() => parseWasteList(bad, 'w.json')).toThrow(/w\.json entry 0, field hazardous/);
    expect(() => parseWasteList('[{"code":"17 1 1"}]', 'w.json')).toThrow(
      /w\.json entry 0, field code/,
    );
  });
});
