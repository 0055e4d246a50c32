/**
 * Adversarial tests of the data layer through the passport services, on every engine:
 * awkward text and numbers round-trip exactly, failed imports leave nothing behind and do
 * not spoil the connection, concurrent imports get distinct versions.
 *
 * Every expected value is derived here from the test's own inputs.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.ts';
import { migrate } from '../../src/db/migrate.ts';
import { listAudit } from '../../src/db/repositories/audit.ts';
import {
  exportPassport,
  getIndicators,
  importPassport,
  listBuildings,
  listPassports,
} from '../../src/services/passports.ts';
import { matbankRejection, rejection, rowCounts } from '../helpers/database.ts';
import { ENGINES, TEST_DATABASE_URL } from '../helpers/engines.ts';

type Doc = {
  format: string;
  building: Record<string, unknown> & { ref: string };
  source?: Record<string, unknown>;
  elements: {
    id: string;
    layer: string;
    materials: Record<string, unknown>[];
    [k: string]: unknown;
  }[];
};

/** Text that breaks naive CSV, COPY text format, JSON or encodings. */
const AWKWARD = [
  'tab\there',
  'new\nline',
  'carriage\rreturn',
  'crlf\r\nline',
  'back\\slash',
  "quote \" and 'single'",
  '""',
  '\\N',
  '\\.',
  '\\.\n',
  'a\n\\.\nb',
  '\r\\.\r',
  '\n\\.',
  'NULL',
  ',',
  ' ',
  '',
  'emoji 🏗️👷🏽‍♀️ and CJK 建筑',
  'Nguyễn Thị Hằng — Phường Điện Biên, Quận Ba Đình, Hà Nội: ắằẳẵặ ỡợ ữự',
  // decomposed diacritics must not be normalised on the way
  'Ha\u0300 No\u0302\u0323i',
  '\u00a0non-breaking\u2028line separator\u2029',
];

/**
 * Longer than the COPY chunk (256 Ki UTF-16 units), with every awkward piece inside. (It
 * ends in a letter: validation trims identifiers and required names, see elements below.)
 */
const LONG = `${AWKWARD.join('|').repeat(Math.ceil(600_000 / AWKWARD.join('|').length))}end`;

/** Exact decimal value of a JavaScript number's shortest text, as [digits, scale]. */
function decimal(x: number): [bigint, number] {
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(x));
  if (m === null) throw new Error(`unexpected number text ${String(x)}`);
  const [, sign, int, frac = '', exp = '0'] = m;
  let digits = BigInt(`${sign}${int}${frac}`);
  let scale = frac.length - Number(exp);
  if (scale < 0) {
    digits *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return [digits, scale];
}

/** Σ of the numbers in exact decimal arithmetic, as plain decimal text without trailing zeros. */
function exactSum(xs: readonly number[]): string {
  const parts = xs.map(decimal);
  const scale = Math.max(0, ...parts.map(([, s]) => s));
  let total = 0n;
  for (const [d, s] of parts) total += d * 10n ** BigInt(scale - s);
  const negative = total < 0n;
  const text = (negative ? -total : total).toString().padStart(scale + 1, '0');
  let out = scale === 0 ? text : `${text.slice(0, -scale)}.${text.slice(-scale)}`;
  if (out.includes('.')) out = out.replace(/0+$/, '').replace(/\.$/, '');
  return (negative ? '-' : '') + out;
}

/** Plain decimal text of a numeric column without trailing zeros. */
function trimDecimal(s: string): string {
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

/** More digits than a double holds: the value is the nearest double, 123456789.12345679. */
const MANY_DIGITS = Number('123456789.123456789');
/** A negative D-module factor with all 17 significant digits of its double. */
const NEGATIVE_D = Number('-1.2345678901234567e-7');

/** Masses that a float column or a careless decimal conversion would change. */
const MASSES = [
  1e-12,
  0.1 + 0.2,
  MANY_DIGITS,
  1e15,
  0,
  Number.MAX_SAFE_INTEGER,
  Number.MIN_VALUE,
  2 ** -1074 * 3,
  1e21,
  1.5e300,
  0.1,
  7850.000000000001,
];

/** A document with an awkward value in every free-text field and awkward numbers. */
function awkwardDoc(ref: string): Doc {
  const materials: Record<string, unknown>[] = MASSES.map((massKg, i) => ({
    name: AWKWARD[i % AWKWARD.length],
    massKg,
    volumeM3: massKg / 3,
  }));
  materials.push(
    {
      materialId: AWKWARD[0],
      name: LONG,
      recycledFraction: 0,
      reusedFraction: 1,
      renewableFraction: 0,
      endOfLife: { reuse: 1, recycle: 0, energyRecovery: 0, landfill: 0 },
      recyclingEfficiencyIn: 1,
      recyclingEfficiencyOut: 0,
      gwpKgCo2ePerKg: { A1A3: 1e-12, C3C4: MANY_DIGITS, D: -0.005 },
      biogenicCarbonKgCPerKg: 0,
      substances: [
        { cas: '1332-21-4', name: AWKWARD[1]! },
        { ec: '231-100-4', name: AWKWARD[10]!, massFraction: 1, location: AWKWARD[11] },
        { cas: '7439-92-1', ec: '231-100-4', name: 'lead', massFraction: 0 },
        { name: LONG, location: '' },
      ],
    },
    {
      name: 'only D',
      gwpKgCo2ePerKg: { D: NEGATIVE_D },
      endOfLife: { landfill: 1 },
      recycledFraction: 1,
    },
    { name: 'no gwp members', gwpKgCo2ePerKg: {}, substances: [] },
    { materialId: 'id-only' },
  );
  return {
    format: 'matbank/passport@1',
    building: {
      ref,
      name: LONG,
      address: AWKWARD[10],
      ward: AWKWARD[18],
      district: AWKWARD[7],
      city: AWKWARD[17],
      country: 'VN',
      location: { lat: -90, lon: 179.99999999999997 },
      use: 'mixed',
      grossFloorAreaM2: 0.1 + 0.2,
      storeys: 0,
      constructionYear: 3000,
      designLifeYears: 1e-12,
    },
    source: { kind: 'manual', file: AWKWARD[11], application: AWKWARD[17] },
    elements: [
      {
        // ids, codes and substance names are trimmed by validation: no blank at either end
        id: AWKWARD[10]!,
        name: AWKWARD[9],
        layer: 'structure',
        ifcClass: AWKWARD[0],
        ifcGlobalId: AWKWARD[8],
        storey: AWKWARD[19],
        classification: { system: AWKWARD[5]!, code: AWKWARD[4]!, name: AWKWARD[16] },
        lifespanYears: 1e-12,
        industryAverageLifespanYears: 1e15,
        detachability: {
          connectionType: 'hardChemical',
          accessibility: 'notAccessible',
          intersection: 'complete',
          productEdge: 'closed',
        },
        product: { name: AWKWARD[2], manufacturer: AWKWARD[3] },
        materials,
      },
      // element ids that differ only in ways a careless encoder would merge
      ...AWKWARD.filter((s) => s.trim() !== '').map((s, i) => ({
        id: `${i}:${s}:`,
        name: s,
        layer: 'stuff',
        materials: [{ name: s, massKg: i + 0.1 }],
      })),
    ],
  };
}

/** Every massKg of a document. */
function massesOf(doc: Doc): number[] {
  return doc.elements.flatMap((e) =>
    e.materials.flatMap((m) => (typeof m.massKg === 'number' ? [m.massKg] : [])),
  );
}

const small = (ref: string, masses: number[], extra: Record<string, unknown> = {}): Doc => ({
  format: 'matbank/passport@1',
  building: { ref, name: `building ${ref}` },
  elements: [
    {
      id: 'e',
      layer: 'structure',
      materials: masses.map((massKg, i) => ({ name: `m${i}`, massKg, ...extra })),
    },
  ],
});

for (const engine of ENGINES) {
  describe(`${engine.name}: adversarial round trips`, () => {
    let database: Database;
    beforeAll(async () => {
      database = await engine.openMigrated();
    });
    afterAll(async () => {
      await database.close();
    });

    it('exports every awkward text and number exactly as imported', async () => {
      const doc = awkwardDoc('HN-AWK-1');
      const result = await importPassport(database, doc);
      const masses = massesOf(doc);
      expect(result.materialUses).toBe(doc.elements.reduce((n, e) => n + e.materials.length, 0));
      expect(result.massKg).toBe(Number(exactSum(masses)));
      const back = await exportPassport(database, 'HN-AWK-1');
      const diffs: string[] = [];
      const walk = (a: unknown, b: unknown, p: string): void => {
        if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
          for (const k of new Set([...Object.keys(a), ...Object.keys(b)]))
            walk((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${p}.${k}`);
        } else if (!Object.is(a, b)) diffs.push(`${p}: ${String(a)} vs ${String(b)}`);
      };
      walk(back, doc, '');
      expect(diffs).toEqual([]);
      expect(back).toEqual(doc);
      // absent stays absent (toEqual ignores undefined-valued keys)
      expect(JSON.parse(JSON.stringify(back))).toEqual(doc);
      // numbers identical to the bit, not merely close
      const backMasses = massesOf(back as unknown as Doc);
      expect(backMasses.length).toBe(masses.length);
      backMasses.forEach((m, i) => expect(Object.is(m, masses[i])).toBe(true));
      const listed = (await listPassports(database)).find((p) => p.ref === 'HN-AWK-1');
      expect(listed?.massKg).toBe(Number(exactSum(masses)));
      const buildings = await listBuildings(database);
      const { version, updatedAt, ...building } = buildings.find((b) => b.ref === 'HN-AWK-1')!;
      expect(version).toBe(1);
      expect(typeof updatedAt).toBe('string');
      expect(building).toEqual(doc.building);
    });

    it('stores the total mass as the exact decimal sum (audit log and version row)', async () => {
      const masses = [0.1, 0.2, 1e-12, MANY_DIGITS, 1e15, 0.30000000000000004];
      const r = await importPassport(database, small('HN-AWK-SUM', masses));
      const expected = exactSum(masses);
      expect(r.massKg).toBe(Number(expected));
      const building = (await database.db
        .selectFrom('buildings')
        .select('id')
        .where('ref', '=', 'HN-AWK-SUM')
        .executeTakeFirstOrThrow())!.id;
      const row = await database.db
        .selectFrom('passport_versions')
        .select('mass_kg')
        .where('building_id', '=', building)
        .executeTakeFirstOrThrow();
      expect(trimDecimal(row.mass_kg)).toBe(expected);
      const audit = await listAudit(database.db, { buildingId: building });
      expect(trimDecimal((audit[0]!.data as { massKg: string }).massKg)).toBe(expected);
    });

    it('keeps optional fields absent vs present apart, field by field', async () => {
      const optional: Record<string, unknown> = {
        materialId: 'x',
        volumeM3: 0,
        densityKgPerM3: 1e-12,
        thicknessM: 0,
        massSource: 'declared',
        recycledFraction: 0,
        reusedFraction: 0,
        renewableFraction: 0,
        endOfLife: { recycle: 1 },
        recyclingEfficiencyIn: 0,
        recyclingEfficiencyOut: 1,
        substances: [],
        ewcCode: '17 01 01',
        gwpKgCo2ePerKg: { D: 0 },
        biogenicCarbonKgCPerKg: 0,
      };
      const materials = Object.entries(optional).map(([k, v]) => ({ name: k, [k]: v }));
      const doc: Doc = {
        format: 'matbank/passport@1',
        building: { ref: 'HN-AWK-OPT' },
        elements: [{ id: 'e', layer: 'site', materials }],
      };
      await importPassport(database, doc);
      const back = await exportPassport(database, 'HN-AWK-OPT');
      expect(JSON.parse(JSON.stringify(back))).toEqual(doc);
      back.elements[0]!.materials.forEach((m, i) => {
        expect(Object.keys(m).sort()).toEqual(Object.keys(materials[i]!).sort());
      });
      expect(Object.keys(back.building)).toEqual(['ref']);
      expect('source' in back).toBe(false);
    });

    it('refuses text PostgreSQL cannot store exactly (lone UTF-16 surrogates) with its path, storing nothing', async () => {
      const before = await rowCounts(database);
      for (const [path, patch] of [
        ['building.name', (d: Doc) => (d.building.name = 'a\uD800b')],
        [
          'elements[0].materials[0].name',
          (d: Doc) => (d.elements[0]!.materials[0]!.name = 'x\uDC00'),
        ],
      ] as const) {
        const doc = small('HN-AWK-SURR', [1]);
        patch(doc);
        const err = await matbankRejection(importPassport(database, doc));
        expect(err.code).toBe('VALIDATION_FAILED');
        expect(err.details.map((d) => d.path)).toEqual([path]);
      }
      expect(await rowCounts(database)).toEqual(before);
      // a well-formed pair is fine
      const ok = small('HN-AWK-SURR', [1]);
      ok.building.name = '\uD83C\uDFD7';
      await importPassport(database, ok);
      expect((await exportPassport(database, 'HN-AWK-SURR')).building.name).toBe('\uD83C\uDFD7');
    });

    it('refuses numbers the integer columns cannot hold as a validation error naming the path', async () => {
      const before = await rowCounts(database);
      const doc = small('HN-AWK-INT', [1]);
      doc.building.storeys = 2 ** 31;
      const err = await matbankRejection(importPassport(database, doc));
      expect(err.code).toBe('VALIDATION_FAILED');
      expect(err.details.map((d) => d.path)).toEqual(['building.storeys']);
      expect(await rowCounts(database)).toEqual(before);
      doc.building.storeys = 2 ** 31 - 1;
      await importPassport(database, doc);
      expect((await exportPassport(database, 'HN-AWK-INT')).building.storeys).toBe(2 ** 31 - 1);
    });
  });

  it.runIf(engine.name === 'postgres')(
    `${engine.name}: no float drift on a server configured with extra_float_digits = 0`,
    async () => {
      const owner = await engine.open();
      try {
        const { rows } = await sql<{ d: string }>`SELECT current_database() AS d`.execute(owner.db);
        const name = rows[0]!.d;
        // the pre-PostgreSQL-12 default: 15 significant digits, 0.1 + 0.2 prints as 0.3
        await sql`ALTER DATABASE ${sql.id(name)} SET extra_float_digits = 0`.execute(owner.db);
        const u = new URL(TEST_DATABASE_URL!);
        u.pathname = `/${name}`;
        const database = await openDatabase({ databaseUrl: u.toString() });
        try {
          await migrate(database);
          const doc = small('HN-EFD', [0.1 + 0.2], {
            recycledFraction: 0.1 + 0.2,
            densityKgPerM3: 7850.000000000001,
            gwpKgCo2ePerKg: { A1A3: 1 / 3, D: NEGATIVE_D },
          });
          doc.building.location = { lat: 21.0333333333333, lon: 105.84999999999998 };
          doc.building.grossFloorAreaM2 = 1250.0000000000002;
          await importPassport(database, doc);
          expect(await exportPassport(database, 'HN-EFD')).toEqual(doc);
          const listed = (await listBuildings(database)).find((b) => b.ref === 'HN-EFD');
          expect(listed?.location).toEqual(doc.building.location);
          expect(listed?.grossFloorAreaM2).toBe(doc.building.grossFloorAreaM2);
        } finally {
          await database.close();
        }
      } finally {
        await owner.close();
      }
    },
  );

  describe(`${engine.name}: versions that cannot exist`, () => {
    let database: Database;
    beforeAll(async () => {
      database = await engine.openMigrated();
    });
    afterAll(async () => {
      await database.close();
    });

    it('asking for a version no integer column holds is NOT_FOUND naming ref and version', async () => {
      await importPassport(database, small('HN-VER-X', [1]));
      for (const v of [0, -1, 1.5, 2 ** 31, 2 ** 53, Number.NaN]) {
        for (const call of [exportPassport, getIndicators]) {
          const err = await matbankRejection(call(database, 'HN-VER-X', v));
          expect(err.code, `${call.name}(${v})`).toBe('NOT_FOUND');
          expect(err.message).toContain('"HN-VER-X"');
          expect(err.message).toContain(`version ${v}`);
        }
      }
    });
  });

  describe(`${engine.name}: failed imports`, () => {
    let database: Database;
    beforeAll(async () => {
      database = await engine.openMigrated();
      // A rule only this test database has: a substance named "boom" is refused by the
      // substances COPY, after the elements and material uses have been copied.
      await sql`ALTER TABLE substances ADD CONSTRAINT test_no_boom CHECK (name <> 'boom')`.execute(
        database.db,
      );
    });
    afterAll(async () => {
      await database.close();
    });

    const withSubstance = (ref: string, substance: string): Doc =>
      small(ref, [1, 2, 3], { substances: [{ name: substance }] });

    it('a COPY refused after the material uses were copied leaves nothing, and the next import works', async () => {
      const v1 = withSubstance('HN-FAIL-1', 'lead');
      expect((await importPassport(database, v1)).version).toBe(1);
      const before = await rowCounts(database);
      for (let attempt = 0; attempt < 3; attempt++) {
        const err = await rejection(importPassport(database, withSubstance('HN-FAIL-1', 'boom')));
        expect(String(err)).toMatch(/test_no_boom/);
        const fresh = await rejection(
          importPassport(database, withSubstance('HN-FAIL-NEW', 'boom')),
        );
        expect(String(fresh)).toMatch(/test_no_boom/);
        expect(await rowCounts(database)).toEqual(before);
      }
      expect(await exportPassport(database, 'HN-FAIL-1')).toEqual(v1);
      expect((await listBuildings(database)).some((b) => b.ref === 'HN-FAIL-NEW')).toBe(false);
      // the session is not left inside an (aborted) transaction: new work commits
      const v2 = withSubstance('HN-FAIL-1', 'cadmium');
      expect((await importPassport(database, v2)).version).toBe(2);
      expect(await exportPassport(database, 'HN-FAIL-1')).toEqual(v2);
      const { rows } = await sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM passport_versions`.execute(database.db);
      expect(rows[0]!.n).toBe(before.passport_versions! + 1);
    });

    it('a COPY refused at its first row while megabytes are still streaming leaves nothing', async () => {
      const before = await rowCounts(database);
      const n = 30_000;
      const doc = small(
        'HN-FAIL-BIG',
        Array.from({ length: n }, (_, i) => i + 0.5),
        { substances: [{ name: 'lead', location: 'x'.repeat(100) }] },
      );
      // the first substance breaks the rule: the server refuses the COPY while the client
      // still has most of its ~4 MB to send
      (doc.elements[0]!.materials[0]!.substances as { name: string }[])[0]!.name = 'boom';
      const err = await rejection(importPassport(database, doc));
      expect(String(err)).toMatch(/test_no_boom/);
      expect(await rowCounts(database)).toEqual(before);
      (doc.elements[0]!.materials[0]!.substances as { name: string }[])[0]!.name = 'lead';
      const r = await importPassport(database, doc);
      expect(r).toEqual({
        ref: 'HN-FAIL-BIG',
        version: 1,
        elements: 1,
        materialUses: n,
        massKg: Number(exactSum(massesOf(doc))),
      });
    });

    it('when the first of two concurrent imports of a new building fails, the other is version 1', async () => {
      const failing = withSubstance('HN-FAIL-RACE', 'boom');
      const landing = withSubstance('HN-FAIL-RACE', 'mercury');
      const [a, b] = await Promise.allSettled([
        importPassport(database, failing),
        importPassport(database, landing),
      ]);
      expect(a.status).toBe('rejected');
      expect(b.status === 'fulfilled' && b.value.version).toBe(1);
      expect(await exportPassport(database, 'HN-FAIL-RACE')).toEqual(landing);
      const listed = (await listPassports(database)).find((p) => p.ref === 'HN-FAIL-RACE');
      expect(listed?.version).toBe(1);
    });

    it('failing and succeeding imports interleaved, many at once, each land whole or not at all', async () => {
      const before = await rowCounts(database);
      const n = 16;
      const docs = Array.from({ length: n }, (_, i) =>
        withSubstance(`HN-FAIL-MIX-${i}`, i % 2 === 0 ? 'boom' : 'asbestos'),
      );
      const settled = await Promise.allSettled(docs.map((d) => importPassport(database, d)));
      settled.forEach((s, i) => expect(s.status).toBe(i % 2 === 0 ? 'rejected' : 'fulfilled'));
      for (const [i, d] of docs.entries()) {
        if (i % 2 === 0) {
          const e = await matbankRejection(exportPassport(database, d.building.ref));
          expect(e.code).toBe('NOT_FOUND');
        } else {
          expect(await exportPassport(database, d.building.ref)).toEqual(d);
        }
      }
      const after = await rowCounts(database);
      const good = n / 2;
      expect(after).toEqual({
        buildings: before.buildings! + good,
        passports: before.passports! + good,
        passport_versions: before.passport_versions! + good,
        elements: before.elements! + good,
        material_uses: before.material_uses! + good * 3,
        substances: before.substances! + good * 3,
        audit_log: before.audit_log! + good,
      });
    });
  });

  describe(`${engine.name}: concurrent imports`, () => {
    let database: Database;
    beforeAll(async () => {
      database = await engine.openMigrated();
    });
    afterAll(async () => {
      await database.close();
    });

    it('many imports of one new building at once get versions 1..n, each stored whole', async () => {
      const n = 8;
      const docs = Array.from({ length: n }, (_, i) =>
        small('HN-RACE', [i + 1, 0.5], { substances: [{ name: `s${i}` }] }),
      );
      const slow = () => new Promise<void>((resolve) => setTimeout(resolve, 5));
      const results = await Promise.all(
        docs.map((d) => importPassport(database, d, { beforeCommit: slow })),
      );
      expect(results.map((r) => r.version).sort((a, b) => a - b)).toEqual(
        Array.from({ length: n }, (_, i) => i + 1),
      );
      for (const [i, r] of results.entries()) {
        expect(r.massKg).toBe(Number(exactSum(massesOf(docs[i]!))));
        expect(await exportPassport(database, 'HN-RACE', r.version)).toEqual(docs[i]);
      }
      const listed = (await listPassports(database)).find((p) => p.ref === 'HN-RACE');
      expect(listed?.version).toBe(n);
      // the building row carries the fields of the version that is current
      const current = results.find((r) => r.version === n)!;
      const currentDoc = docs[results.indexOf(current)]!;
      expect(listed?.massKg).toBe(Number(exactSum(massesOf(currentDoc))));
      const audit = (await listAudit(database.db)).filter((a) => a.entityId.startsWith('HN-RACE@'));
      expect(audit.map((a) => a.entityId).sort()).toEqual(
        Array.from({ length: n }, (_, i) => `HN-RACE@${i + 1}`).sort(),
      );
    });

    it('imports of different buildings in parallel all land', async () => {
      const n = 24;
      const docs = Array.from({ length: n }, (_, i) => small(`HN-PAR-${i}`, [i, i + 0.25]));
      const results = await Promise.all(docs.map((d) => importPassport(database, d)));
      results.forEach((r, i) => {
        expect(r).toEqual({
          ref: docs[i]!.building.ref,
          version: 1,
          elements: 1,
          materialUses: 2,
          massKg: Number(exactSum(massesOf(docs[i]!))),
        });
      });
      for (const d of docs) expect(await exportPassport(database, d.building.ref)).toEqual(d);
    });

    it('exports running during imports of the same building see whole versions only', async () => {
      const v1 = small('HN-READ', [1, 2, 3]);
      await importPassport(database, v1);
      const v2 = small('HN-READ', [4, 5]);
      const [, ...reads] = await Promise.all([
        importPassport(database, v2, {
          beforeCommit: () => new Promise((resolve) => setTimeout(resolve, 30)),
        }),
        ...Array.from({ length: 5 }, () => exportPassport(database, 'HN-READ')),
      ]);
      for (const r of reads) expect([v1, v2]).toContainEqual(r);
      expect(await exportPassport(database, 'HN-READ')).toEqual(v2);
    });
  });
}
