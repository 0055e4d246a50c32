/** A library material for importer tests: the density (and names) are what the test fixes. */
import type { LibraryMaterial } from '../../src/core/materials.ts';

export function testMaterial(m: {
  id: string;
  en: string;
  densityKgPerM3: number;
  category?: string;
  synonyms?: string[];
}): LibraryMaterial {
  return {
    id: m.id,
    names: { en: m.en, vi: m.en, nl: m.en },
    category: m.category ?? 'test',
    densityKgPerM3: m.densityKgPerM3,
    gwpA1A3KgCo2ePerKg: 0.1,
    gwpC3C4KgCo2ePerKg: 0.01,
    biogenicCarbonKgCPerKg: 0,
    kbobId: '0',
    recycledFraction: 0,
    endOfLife: { reuse: 0, recycle: 0, energyRecovery: 0, landfill: 1 },
    recyclingEfficiency: 0.75,
    technicalLifespanYears: 50,
    ewcCode: '17 01 07',
    synonyms: m.synonyms ?? [],
  };
}
