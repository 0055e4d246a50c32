/** Shared test data: a passport that uses every field of passport@1, and test stand-ins. */
import type { Passport } from '../../src/core/passport/schema.ts';
import { materialLibrary, type LibraryMaterial } from '../../src/core/materials.ts';
import type { MatchFn } from '../../src/ifc/spreadsheet/index.ts';

/** Every field of the schema is set somewhere; texts are chosen to trip CSV and Excel. */
export const richPassport: Passport = {
  format: 'matbank/passport@1',
  building: {
    ref: 'HN-2026-000123',
    name: 'Nhà "Hoa Sen"; khối A, B',
    address: '12 Phố Huế\nTầng trệt',
    ward: 'Phường Hàng Bài',
    district: 'Quận Hoàn Kiếm',
    city: 'Hà Nội',
    country: 'VN',
    location: { lat: 21.028511, lon: 105.854167 },
    use: 'mixed',
    grossFloorAreaM2: 1250.5,
    storeys: 5,
    constructionYear: 2026,
    designLifeYears: 50,
  },
  source: {
    kind: 'ifc',
    file: 'model, v2.ifc',
    schema: 'IFC4',
    application: 'Revit 2024',
    importedAt: '2026-03-01T10:00:00.000Z',
  },
  elements: [
    {
      id: 'e-1',
      name: 'External wall, level 1 | "north"',
      layer: 'skin',
      ifcClass: 'IfcWall',
      ifcGlobalId: '2O2Fr$t4X7Zf8NOew3FLOH',
      storey: '  Tầng 1 (mezzanine)  ',
      classification: { system: 'NL-SfB', code: '21.10', name: 'Buitenwanden' },
      lifespanYears: 50,
      industryAverageLifespanYears: 100,
      detachability: {
        connectionType: 'added',
        accessibility: 'noDamage',
        intersection: 'incidental',
        productEdge: 'overlapping',
      },
      product: {
        name: 'Panel X;1',
        manufacturer: 'Công ty Vật liệu Xanh',
        gtin: '08712345678906',
        dppUrl: 'https://dpp.example.org/p/123?a=1,2',
      },
      materials: [
        {
          materialId: 'concrete-c30-37',
          name: 'Bê tông C30/37; "đổ tại chỗ" | lớp 1',
          massKg: 12000,
          volumeM3: 5,
          densityKgPerM3: 2400,
          thicknessM: 0.2,
          massSource: 'declared',
          recycledFraction: 0.1,
          reusedFraction: 0.05,
          renewableFraction: 0,
          endOfLife: { reuse: 0.05, recycle: 0.8, energyRecovery: 0, landfill: 0.15 },
          recyclingEfficiencyIn: 0.75,
          recyclingEfficiencyOut: 0.7,
          substances: [
            {
              cas: '1332-21-4',
              ec: '215-481-4',
              name: 'asbestos; chrysotile | amiăng',
              massFraction: 0.001,
              location: 'joint filler, north side',
            },
            { name: 'lead \\ chì' },
          ],
          ewcCode: '17 06 05*',
          gwpKgCo2ePerKg: { A1A3: 0.089, C3C4: 0.013, D: -0.005 },
          biogenicCarbonKgCPerKg: 0,
        },
        {
          name: 'Gỗ thông (pine), xử lý',
          massKg: 450.5,
          volumeM3: 0.901,
          massSource: 'netVolume',
          renewableFraction: 1,
          endOfLife: { energyRecovery: 1 },
          gwpKgCo2ePerKg: { A1A3: 0.2 },
          biogenicCarbonKgCPerKg: 0.5,
        },
      ],
    },
    { id: 'e-2', name: 'Cửa sổ chưa có vật liệu', layer: 'skin', materials: [] },
    {
      id: 'e-3',
      layer: 'structure',
      materials: [{ materialId: 'steel-s235', volumeM3: 0.02 }],
    },
  ],
};

/** A two-material library with round numbers, so expectations are easy to compute by hand. */
export const testMaterials: LibraryMaterial[] = [
  {
    id: 'steel-s235',
    names: { en: 'Steel S235', vi: 'Thép S235', nl: 'Staal S235' },
    category: 'metal',
    densityKgPerM3: 7850,
    gwpA1A3KgCo2ePerKg: 1.5,
    gwpC3C4KgCo2ePerKg: 0.01,
    biogenicCarbonKgCPerKg: 0,
    kbobId: 'test',
    recycledFraction: 0.5,
    endOfLife: { reuse: 0, recycle: 0.9, energyRecovery: 0, landfill: 0.1 },
    recyclingEfficiency: 0.9,
    technicalLifespanYears: 100,
    ewcCode: '17 04 05',
    synonyms: ['thép'],
  },
  {
    id: 'concrete-c30-37',
    names: { en: 'Concrete C30/37', vi: 'Bê tông C30/37', nl: 'Beton C30/37' },
    category: 'mineral',
    densityKgPerM3: 2400,
    gwpA1A3KgCo2ePerKg: 0.1,
    gwpC3C4KgCo2ePerKg: 0.01,
    biogenicCarbonKgCPerKg: 0,
    kbobId: 'test',
    recycledFraction: 0,
    endOfLife: { reuse: 0, recycle: 0.8, energyRecovery: 0, landfill: 0.2 },
    recyclingEfficiency: 0.75,
    technicalLifespanYears: 100,
    ewcCode: '17 01 01',
    synonyms: ['bê tông'],
  },
];
export const testLibrary = materialLibrary(testMaterials);

/** Matches exact synonyms only (case-insensitive), confidence 1; else unmatched. */
export const synonymMatch: MatchFn = (name, library) => {
  const wanted = name.trim().toLowerCase();
  const hit = library.all().find((m) => m.synonyms.includes(wanted));
  return hit
    ? { materialId: hit.id, confidence: 1, via: 'synonym' }
    : { materialId: undefined, reason: 'no synonym matches' };
};

/** Never matches: round trips must not change a passport through matching. */
export const noMatch: MatchFn = () => ({ materialId: undefined, reason: 'test: matching off' });
