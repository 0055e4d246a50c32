import { describe, expect, it } from 'vitest';
import { PASSPORT_FORMAT, type Passport } from '../../src/core/passport/schema.ts';
import { formatIssues, formatPath, validatePassport } from '../../src/core/passport/validate.ts';

/** A small valid document; each test breaks one thing in a copy. */
function valid(): Passport {
  return {
    format: PASSPORT_FORMAT,
    building: {
      ref: 'HN-2026-000001',
      name: 'Nhà A',
      city: 'Hà Nội',
      country: 'VN',
      grossFloorAreaM2: 120,
    },
    elements: [
      {
        id: 'e-1',
        layer: 'structure',
        materials: [
          {
            name: 'Concrete C30/37',
            massKg: 1000,
            endOfLife: { reuse: 0, recycle: 0.8, energyRecovery: 0, landfill: 0.2 },
          },
        ],
      },
      { id: 'e-2', layer: 'skin', materials: [{ materialId: 'glass-float' }] },
    ],
  };
}

/** Applies `mutate` to a fresh valid document and returns the `path: message` lines. */
function issuesAfter(mutate: (doc: Record<string, any>) => void): string[] {
  const doc = structuredClone(valid()) as Record<string, any>;
  mutate(doc);
  const result = validatePassport(doc);
  if (result.ok) return [];
  return formatIssues(result.issues).split('\n');
}

describe('passport validation', () => {
  it('accepts a valid document', () => {
    expect(validatePassport(valid()).ok).toBe(true);
  });

  it('formats paths as accessors', () => {
    expect(formatPath(['elements', 3, 'materials', 0, 'endOfLife'])).toBe(
      'elements[3].materials[0].endOfLife',
    );
    expect(formatPath([])).toBe('(document)');
  });

  it('names the path and the sum when end-of-life fractions do not sum to 1', () => {
    expect(
      issuesAfter((d) => {
        d.elements[0].materials[0].endOfLife = { recycle: 0.8, landfill: 0.5 };
      }),
    ).toEqual(['elements[0].materials[0].endOfLife: fractions sum to 1.3, must be 1']);
  });

  it('accepts end-of-life sums within 1e-6 of 1 and refuses beyond', () => {
    expect(
      issuesAfter((d) => {
        d.elements[0].materials[0].endOfLife = { recycle: 0.3333333, landfill: 0.6666667 };
      }),
    ).toEqual([]);
    expect(
      issuesAfter((d) => {
        d.elements[0].materials[0].endOfLife = { recycle: 0.333, landfill: 0.666 };
      }),
    ).toEqual(['elements[0].materials[0].endOfLife: fractions sum to 0.999, must be 1']);
  });

  it('refuses negative and non-finite masses and volumes', () => {
    expect(issuesAfter((d) => (d.elements[0].materials[0].massKg = -1))).toEqual([
      'elements[0].materials[0].massKg: must be ≥ 0',
    ]);
    expect(
      issuesAfter((d) => (d.elements[1].materials[0].volumeM3 = Number.POSITIVE_INFINITY)),
    ).toEqual(['elements[1].materials[0].volumeM3: must be a finite number']);
    expect(issuesAfter((d) => (d.elements[1].materials[0].volumeM3 = Number.NaN))).toEqual([
      'elements[1].materials[0].volumeM3: must be a finite number',
    ]);
    expect(issuesAfter((d) => (d.elements[1].materials[0].massKg = '12'))).toEqual([
      'elements[1].materials[0].massKg: must be a finite number',
    ]);
  });

  it('refuses fractions outside 0–1', () => {
    for (const field of [
      'recycledFraction',
      'reusedFraction',
      'renewableFraction',
      'recyclingEfficiencyOut',
    ]) {
      expect(issuesAfter((d) => (d.elements[0].materials[0][field] = 1.2))).toEqual([
        `elements[0].materials[0].${field}: must be between 0 and 1`,
      ]);
      expect(issuesAfter((d) => (d.elements[0].materials[0][field] = -0.1))).toEqual([
        `elements[0].materials[0].${field}: must be between 0 and 1`,
      ]);
    }
    expect(
      issuesAfter(
        (d) => (d.elements[0].materials[0].substances = [{ name: 'x', massFraction: 2 }]),
      ),
    ).toEqual(['elements[0].materials[0].substances[0].massFraction: must be between 0 and 1']);
  });

  it('refuses feedstock fractions summing above 1 and accepts exactly 1', () => {
    expect(
      issuesAfter((d) =>
        Object.assign(d.elements[0].materials[0], {
          recycledFraction: 0.5,
          reusedFraction: 0.3,
          renewableFraction: 0.4,
        }),
      ),
    ).toEqual([
      'elements[0].materials[0]: feedstock fractions (recycled + reused + renewable) sum to 1.2, must be ≤ 1',
    ]);
    expect(
      issuesAfter((d) =>
        Object.assign(d.elements[0].materials[0], {
          recycledFraction: 0.5,
          reusedFraction: 0.3,
          renewableFraction: 0.2,
        }),
      ),
    ).toEqual([]);
  });

  it('refuses a zero incoming recycling efficiency with recycled feedstock (it divides)', () => {
    expect(
      issuesAfter((d) =>
        Object.assign(d.elements[0].materials[0], {
          recycledFraction: 0.5,
          recyclingEfficiencyIn: 0,
        }),
      ),
    ).toEqual([
      'elements[0].materials[0].recyclingEfficiencyIn: must be > 0 when recycledFraction > 0 (recycled feedstock cannot come from 0 % efficient recycling)',
    ]);
  });

  it('refuses values outside the closed sets', () => {
    expect(issuesAfter((d) => (d.elements[0].layer = 'roof'))).toEqual([
      'elements[0].layer: must be one of site | structure | skin | services | spacePlan | stuff',
    ]);
    expect(
      issuesAfter((d) => {
        d.elements[0].detachability = {
          connectionType: 'glued',
          accessibility: 'free',
          intersection: 'none',
          productEdge: 'open',
        };
      }),
    ).toEqual([
      'elements[0].detachability.connectionType: must be one of dry | added | direct | softChemical | hardChemical',
    ]);
    expect(issuesAfter((d) => (d.building.use = 'castle'))).toEqual([
      'building.use: must be one of residential | office | retail | industrial | education | healthcare | hotel | mixed | other',
    ]);
    expect(issuesAfter((d) => (d.elements[0].materials[0].massSource = 'guess'))).toHaveLength(1);
  });

  it('refuses duplicate element ids naming both', () => {
    expect(issuesAfter((d) => (d.elements[1].id = 'e-1'))).toEqual([
      'elements[1].id: duplicate element id "e-1" (first used by elements[0])',
    ]);
  });

  it('refuses an empty or missing building ref', () => {
    expect(issuesAfter((d) => (d.building.ref = '   '))).toEqual([
      'building.ref: must not be empty',
    ]);
    expect(issuesAfter((d) => delete d.building.ref)).toEqual(['building.ref: is required']);
  });

  it('refuses the wrong format and unknown fields (typos are not silently dropped)', () => {
    expect(issuesAfter((d) => (d.format = 'matbank/passport@2'))).toEqual([
      'format: must be "matbank/passport@1"',
    ]);
    expect(issuesAfter((d) => (d.elements[0].materials[0].massKG = 3))).toEqual([
      'elements[0].materials[0]: unknown field "massKG"',
    ]);
  });

  it('checks identifiers: CAS, EC, EWC, GTIN, country', () => {
    expect(issuesAfter((d) => (d.elements[0].materials[0].ewcCode = '170101'))).toEqual([
      'elements[0].materials[0].ewcCode: must be an EWC code such as 17 01 01',
    ]);
    expect(issuesAfter((d) => (d.elements[0].materials[0].ewcCode = '17 06 05*'))).toEqual([]);
    expect(
      issuesAfter(
        (d) => (d.elements[0].materials[0].substances = [{ name: 'asbestos', cas: '1332214' }]),
      ),
    ).toEqual([
      'elements[0].materials[0].substances[0].cas: must be a CAS number such as 1332-21-4',
    ]);
    expect(issuesAfter((d) => (d.elements[0].product = { gtin: '12345' }))).toEqual([
      'elements[0].product.gtin: must be a GTIN of 8, 12, 13 or 14 digits',
    ]);
    expect(issuesAfter((d) => (d.building.country = 'Vietnam'))).toEqual([
      'building.country: must be an ISO 3166-1 alpha-2 code such as VN or NL',
    ]);
  });

  it('needs a name or a library id on every material use', () => {
    expect(issuesAfter((d) => (d.elements[0].materials[0] = { massKg: 3 }))).toEqual([
      'elements[0].materials[0]: needs a name or a materialId',
    ]);
  });

  it('reports every problem at once, not only the first', () => {
    const lines = issuesAfter((d) => {
      d.building.ref = '';
      d.elements[0].materials[0].massKg = -5;
      d.elements[1].layer = 'x';
    });
    expect(lines).toHaveLength(3);
  });
});
