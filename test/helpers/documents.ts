/**
 * Passport documents for the data-layer tests: one that uses every field of the format,
 * and generated ones of any size whose totals are known in closed form.
 */
import type { LibraryMaterial } from '../../src/core/materials.ts';

/**
 * A document that uses every field of passport@1, with awkward text (Vietnamese, quotes,
 * commas, newlines, backslashes) in free-text fields, numbers that do not survive a
 * careless decimal round trip, empty optional objects and arrays, and optional fields
 * left out. Its material masses are 0.1, 0.2, 12000, 1e6 and 5 (others have none), so Σ
 * massKg is 1 012 005.3 exactly (a float sum in another order may differ in the last bit).
 */
export function richPassport(ref = 'HN-2026-000123'): Record<string, unknown> {
  return {
    format: 'matbank/passport@1',
    building: {
      ref,
      name: 'Nhà ở "Hoa Sen", khối A',
      address: 'Số 12, ngõ 34\nphố Nguyễn Thái Học',
      ward: 'Phường Điện Biên',
      district: 'Quận Ba Đình',
      city: 'Hà Nội',
      country: 'VN',
      location: { lat: 21.0333333, lon: 105.8499999 },
      use: 'residential',
      grossFloorAreaM2: 1250.75,
      storeys: 5,
      constructionYear: 2026,
      designLifeYears: 50,
    },
    source: {
      kind: 'ifc',
      file: 'mô hình, "bản cuối".ifc',
      schema: 'IFC4',
      application: 'Revit 2025',
      importedAt: '2026-01-02T03:04:05Z',
    },
    elements: [
      {
        id: 'e-1',
        name: 'Tường ngoài, tầng 1 — "loại A", C:\\dữ liệu\\N',
        layer: 'structure',
        ifcClass: 'IfcWall',
        ifcGlobalId: '2O2Fr$t4X7Zf8NOew3FLOH',
        storey: 'Tầng 1',
        classification: { system: 'NL-SfB', code: '21.12', name: 'Buitenwanden, constructief' },
        lifespanYears: 50,
        industryAverageLifespanYears: 100,
        detachability: {
          connectionType: 'dry',
          accessibility: 'free',
          intersection: 'none',
          productEdge: 'open',
        },
        product: {
          name: 'Gạch nung 4 lỗ',
          manufacturer: 'Viglacera, "Hà Nội"',
          gtin: '08934567890123',
          dppUrl: 'https://dpp.example.vn/p/123?x=1&y=2',
        },
        materials: [
          {
            materialId: 'concrete-c30-37',
            name: 'Bê tông C30/37',
            massKg: 0.1,
            volumeM3: 0.30000000000000004,
            densityKgPerM3: 2400,
            thicknessM: 0.2,
            massSource: 'netVolume',
            recycledFraction: 0.1,
            reusedFraction: 0,
            renewableFraction: 1 / 3 - 0.2,
            endOfLife: { reuse: 0, recycle: 0.8, energyRecovery: 0, landfill: 0.2 },
            recyclingEfficiencyIn: 0.75,
            recyclingEfficiencyOut: 0.7500000000000001,
            substances: [
              {
                cas: '1332-21-4',
                ec: '215-481-4',
                name: 'asbestos',
                massFraction: 0.1,
                location: 'lớp phủ, "mặt trong"\n\\N',
              },
              { name: 'chì' },
            ],
            ewcCode: '17 06 05*',
            gwpKgCo2ePerKg: { A1A3: 0.089, C3C4: 0.013, D: -0.005 },
            biogenicCarbonKgCPerKg: 0,
          },
          { name: '', materialId: 'steel-rebar', massKg: 0.2, substances: [], gwpKgCo2ePerKg: {} },
          { name: 'Thép, cốt\tthép', massKg: 12000, endOfLife: { landfill: 1 } },
        ],
      },
      {
        id: 'e-2',
        layer: 'skin',
        classification: { system: 'Uniclass2015', code: 'Ss_25_10' },
        product: {},
        materials: [],
      },
      {
        id: 'e-3',
        name: '\\.',
        layer: 'services',
        materials: [
          { name: 'Đồng', massKg: 1e6, volumeM3: 1e21, gwpKgCo2ePerKg: { D: -1.2345678901234567 } },
          {
            name: '"',
            massKg: 5,
            volumeM3: 1e-9,
            densityKgPerM3: 7850.000000000001,
            massSource: 'declared',
          },
          { materialId: 'x', name: ',' },
        ],
      },
    ],
  };
}

/** The Σ massKg of {@link richPassport}, as exact decimal arithmetic gives it. */
export const RICH_PASSPORT_MASS_KG = 1012005.3;

/**
 * A generated document with `elements × perElement` material uses. Material use k (0-based
 * over the document) has massKg (k mod 1000) + 0.5, so over n·1000 uses Σ massKg is
 * n·500 000. Every fifth material use carries one substance.
 */
export function generatedPassport(
  ref: string,
  elements: number,
  perElement: number,
): Record<string, unknown> {
  const out: Record<string, unknown>[] = [];
  let k = 0;
  for (let e = 0; e < elements; e++) {
    const materials: Record<string, unknown>[] = [];
    for (let m = 0; m < perElement; m++, k++) {
      const use: Record<string, unknown> = {
        materialId: `mat-${k % 37}`,
        name: `Vật liệu ${k}, "lớp" ${m}`,
        massKg: (k % 1000) + 0.5,
        volumeM3: ((k % 1000) + 0.5) / 2400,
        recycledFraction: (k % 10) / 10,
        endOfLife: { recycle: 0.8, landfill: 0.2 },
        gwpKgCo2ePerKg: { A1A3: 0.089, C3C4: 0.013 },
      };
      if (k % 5 === 0) use.substances = [{ cas: '7439-92-1', name: 'lead', massFraction: 0.001 }];
      materials.push(use);
    }
    out.push({
      id: `e-${e}`,
      name: `Cấu kiện ${e}`,
      layer: ['structure', 'skin', 'services', 'spacePlan'][e % 4],
      ifcClass: 'IfcWall',
      detachability: {
        connectionType: 'dry',
        accessibility: 'free',
        intersection: 'none',
        productEdge: 'open',
      },
      materials,
    });
  }
  return {
    format: 'matbank/passport@1',
    building: {
      ref,
      name: `Công trình ${ref}`,
      city: 'Hà Nội',
      country: 'VN',
      grossFloorAreaM2: 1000,
    },
    elements: out,
  };
}

/** Two library materials using every LibraryMaterial field. */
export function libraryMaterials(): LibraryMaterial[] {
  return [
    {
      id: 'concrete-c30-37',
      names: { en: 'Concrete C30/37', vi: 'Bê tông C30/37', nl: 'Beton C30/37' },
      category: 'concrete',
      densityKgPerM3: 2400,
      gwpA1A3KgCo2ePerKg: 0.089,
      gwpC3C4KgCo2ePerKg: 0.013,
      biogenicCarbonKgCPerKg: 0,
      kbobId: '01.002',
      recycledFraction: 0.1,
      endOfLife: { reuse: 0, recycle: 0.8, energyRecovery: 0, landfill: 0.2 },
      recyclingEfficiency: 0.75,
      technicalLifespanYears: 100,
      ewcCode: '17 01 01',
      synonyms: ['beton', 'bê tông', 'concrete, "in situ"', '{a,b}'],
    },
    {
      id: 'timber-glulam',
      names: { en: 'Glulam', vi: 'Gỗ ghép thanh', nl: 'Gelamineerd hout' },
      category: 'timber',
      densityKgPerM3: 470,
      gwpA1A3KgCo2ePerKg: 0.24400000000000002,
      gwpC3C4KgCo2ePerKg: 1.65,
      biogenicCarbonKgCPerKg: 0.5,
      kbobId: '07.011',
      recycledFraction: 0,
      endOfLife: { reuse: 0.1, recycle: 0.2, energyRecovery: 0.7, landfill: 0 },
      recyclingEfficiency: 0.5,
      technicalLifespanYears: 60,
      ewcCode: '17 02 01',
      synonyms: [],
    },
  ];
}
