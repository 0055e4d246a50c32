/**
 * Queries of buildings, passports and passport versions, and the mapping between a
 * passport document and its rows.
 *
 * Mapping rules (so that export returns exactly what was imported):
 * - an optional field absent from the document is NULL, and NULL is left out on export;
 * - objects that may be present but empty (`product: {}`, `gwpKgCo2ePerKg: {}`,
 *   `substances: []`) have a presence column; `detachability` and `classification` have
 *   required members, so a non-NULL member marks them present; `endOfLife` must sum to 1,
 *   so it always has a member;
 * - order is kept by ordinal columns (0-based positions in the document);
 * - masses and volumes are numeric: written as the shortest decimal of the JS number,
 *   read back as that same decimal, so `Number()` gives the identical double.
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import type {
  Building,
  Element,
  MaterialUse,
  Passport,
  Substance,
} from '../../core/passport/schema.ts';
import { PASSPORT_FORMAT } from '../../core/passport/schema.ts';
import type { BulkCopy, CopyValue } from '../copy.ts';
import type {
  BuildingsTable,
  DB,
  ElementsTable,
  MaterialUsesTable,
  SubstancesTable,
} from '../types.ts';

type BuildingColumns = Omit<
  BuildingsTable,
  'id' | 'ref' | 'current_version' | 'created_at' | 'updated_at'
>;

function buildingColumns(b: Building): { [K in keyof BuildingColumns]: BuildingColumns[K] } {
  return {
    name: b.name ?? null,
    address: b.address ?? null,
    ward: b.ward ?? null,
    district: b.district ?? null,
    city: b.city ?? null,
    country: b.country ?? null,
    lat: b.location?.lat ?? null,
    lon: b.location?.lon ?? null,
    use: b.use ?? null,
    gross_floor_area_m2: b.grossFloorAreaM2 ?? null,
    storeys: b.storeys ?? null,
    construction_year: b.constructionYear ?? null,
    design_life_years: b.designLifeYears ?? null,
  };
}

/**
 * Creates the building of `building.ref` or updates its fields, and reserves the next
 * version number. The row stays locked until the transaction ends, so two imports of the
 * same ref get consecutive versions rather than the same one.
 */
export async function upsertBuildingNextVersion(
  trx: Kysely<DB>,
  building: Building,
): Promise<{ buildingId: number; version: number; created: boolean }> {
  const cols = buildingColumns(building);
  const row = await trx
    .insertInto('buildings')
    .values({ ref: building.ref, ...cols, current_version: 1 })
    .onConflict((oc) =>
      oc.column('ref').doUpdateSet({
        ...cols,
        current_version: sql<number>`buildings.current_version + 1`,
        updated_at: sql<Date>`now()`,
      }),
    )
    .returning(['id', 'current_version'])
    .executeTakeFirstOrThrow();
  return { buildingId: row.id, version: row.current_version, created: row.current_version === 1 };
}

/** Makes sure the building has its passport row (lifecycle), touching updated_at. */
export async function ensurePassport(trx: Kysely<DB>, buildingId: number): Promise<void> {
  await trx
    .insertInto('passports')
    .values({ building_id: buildingId })
    .onConflict((oc) => oc.column('building_id').doUpdateSet({ updated_at: sql<Date>`now()` }))
    .execute();
}

/** Row counts of one stored version. */
export interface VersionCounts {
  elements: number;
  materialUses: number;
  substances: number;
}

/** Inserts the version row and copies its elements, material uses and substances. */
export async function insertVersion(
  trx: Kysely<DB>,
  copy: BulkCopy,
  v: {
    buildingId: number;
    version: number;
    passport: Passport;
    indicators: unknown;
    actor: string;
  },
): Promise<VersionCounts & { massKg: string }> {
  const { buildingId, version, passport } = v;
  const counts = countRows(passport);
  await trx
    .insertInto('passport_versions')
    .values({
      building_id: buildingId,
      version,
      format: passport.format,
      building: JSON.stringify(passport.building),
      source: passport.source === undefined ? null : JSON.stringify(passport.source),
      indicators: v.indicators === undefined ? null : JSON.stringify(v.indicators),
      element_count: counts.elements,
      material_use_count: counts.materialUses,
      substance_count: counts.substances,
      created_by: v.actor,
    })
    .execute();
  await copy.copyInto(trx, 'elements', ELEMENT_COLUMNS, elementRows(buildingId, version, passport));
  await copy.copyInto(
    trx,
    'material_uses',
    MATERIAL_USE_COLUMNS,
    materialUseRows(buildingId, version, passport),
  );
  if (counts.substances > 0) {
    await copy.copyInto(
      trx,
      'substances',
      SUBSTANCE_COLUMNS,
      substanceRows(buildingId, version, passport),
    );
  }
  // The total comes from the stored rows (exact numeric sum), not from a float sum in JS.
  const totals = await trx
    .updateTable('passport_versions')
    .set({
      mass_kg: sql<string>`(SELECT coalesce(sum(m.mass_kg), 0) FROM material_uses m
        WHERE m.building_id = ${buildingId} AND m.version = ${version})`,
    })
    .where('building_id', '=', buildingId)
    .where('version', '=', version)
    .returning('mass_kg')
    .executeTakeFirstOrThrow();
  return { ...counts, massKg: totals.mass_kg };
}

function countRows(p: Passport): VersionCounts {
  let materialUses = 0;
  let substances = 0;
  for (const e of p.elements) {
    materialUses += e.materials.length;
    for (const m of e.materials) substances += m.substances?.length ?? 0;
  }
  return { elements: p.elements.length, materialUses, substances };
}

const ELEMENT_COLUMNS = [
  'building_id',
  'version',
  'ordinal',
  'element_id',
  'name',
  'layer',
  'ifc_class',
  'ifc_global_id',
  'storey',
  'classification_system',
  'classification_code',
  'classification_name',
  'lifespan_years',
  'industry_average_lifespan_years',
  'connection_type',
  'accessibility',
  'intersection',
  'product_edge',
  'has_product',
  'product_name',
  'product_manufacturer',
  'product_gtin',
  'product_dpp_url',
] as const satisfies readonly (keyof ElementsTable)[];

function* elementRows(buildingId: number, version: number, p: Passport): Generator<CopyValue[]> {
  for (let i = 0; i < p.elements.length; i++) {
    const e = p.elements[i]!;
    yield [
      buildingId,
      version,
      i,
      e.id,
      e.name,
      e.layer,
      e.ifcClass,
      e.ifcGlobalId,
      e.storey,
      e.classification?.system,
      e.classification?.code,
      e.classification?.name,
      e.lifespanYears,
      e.industryAverageLifespanYears,
      e.detachability?.connectionType,
      e.detachability?.accessibility,
      e.detachability?.intersection,
      e.detachability?.productEdge,
      e.product !== undefined,
      e.product?.name,
      e.product?.manufacturer,
      e.product?.gtin,
      e.product?.dppUrl,
    ];
  }
}

/** Columns of a material-use row, in the order of {@link materialUseRows} (COPY). */
export const MATERIAL_USE_COLUMNS = [
  'building_id',
  'version',
  'element_ordinal',
  'ordinal',
  'material_id',
  'name',
  'mass_kg',
  'volume_m3',
  'density_kg_per_m3',
  'thickness_m',
  'mass_source',
  'recycled_fraction',
  'reused_fraction',
  'renewable_fraction',
  'eol_reuse',
  'eol_recycle',
  'eol_energy_recovery',
  'eol_landfill',
  'recycling_efficiency_in',
  'recycling_efficiency_out',
  'ewc_code',
  'has_gwp',
  'gwp_a1a3_kg_co2e_per_kg',
  'gwp_c3c4_kg_co2e_per_kg',
  'gwp_d_kg_co2e_per_kg',
  'biogenic_carbon_kg_c_per_kg',
  'has_substances',
] as const satisfies readonly (keyof MaterialUsesTable)[];

/** The material-use rows of a passport version, for COPY into MATERIAL_USE_COLUMNS. */
export function* materialUseRows(
  buildingId: number,
  version: number,
  p: Passport,
): Generator<CopyValue[]> {
  for (let ei = 0; ei < p.elements.length; ei++) {
    const materials = p.elements[ei]!.materials;
    for (let mi = 0; mi < materials.length; mi++) {
      const m = materials[mi]!;
      yield [
        buildingId,
        version,
        ei,
        mi,
        m.materialId,
        m.name,
        m.massKg,
        m.volumeM3,
        m.densityKgPerM3,
        m.thicknessM,
        m.massSource,
        m.recycledFraction,
        m.reusedFraction,
        m.renewableFraction,
        m.endOfLife?.reuse,
        m.endOfLife?.recycle,
        m.endOfLife?.energyRecovery,
        m.endOfLife?.landfill,
        m.recyclingEfficiencyIn,
        m.recyclingEfficiencyOut,
        m.ewcCode,
        m.gwpKgCo2ePerKg !== undefined,
        m.gwpKgCo2ePerKg?.A1A3,
        m.gwpKgCo2ePerKg?.C3C4,
        m.gwpKgCo2ePerKg?.D,
        m.biogenicCarbonKgCPerKg,
        m.substances !== undefined,
      ];
    }
  }
}

const SUBSTANCE_COLUMNS = [
  'building_id',
  'version',
  'element_ordinal',
  'material_ordinal',
  'ordinal',
  'cas',
  'ec',
  'name',
  'mass_fraction',
  'location',
] as const satisfies readonly (keyof SubstancesTable)[];

function* substanceRows(buildingId: number, version: number, p: Passport): Generator<CopyValue[]> {
  for (let ei = 0; ei < p.elements.length; ei++) {
    const materials = p.elements[ei]!.materials;
    for (let mi = 0; mi < materials.length; mi++) {
      const subs = materials[mi]!.substances ?? [];
      for (let si = 0; si < subs.length; si++) {
        const s = subs[si]!;
        yield [buildingId, version, ei, mi, si, s.cas, s.ec, s.name, s.massFraction, s.location];
      }
    }
  }
}

/** The building row of a ref, or undefined. */
export async function findBuildingByRef(
  db: Kysely<DB>,
  ref: string,
): Promise<{ id: number; currentVersion: number } | undefined> {
  const row = await db
    .selectFrom('buildings')
    .select(['id', 'current_version'])
    .where('ref', '=', ref)
    .executeTakeFirst();
  return row && { id: row.id, currentVersion: row.current_version };
}

/** Whether a version of a building exists. */
export async function versionExists(
  db: Kysely<DB>,
  buildingId: number,
  version: number,
): Promise<boolean> {
  const row = await db
    .selectFrom('passport_versions')
    .select('version')
    .where('building_id', '=', buildingId)
    .where('version', '=', version)
    .executeTakeFirst();
  return row !== undefined;
}

/** Rebuilds the document of one stored version, or undefined when there is no such version. */
export async function loadPassport(
  db: Kysely<DB>,
  buildingId: number,
  version: number,
): Promise<Passport | undefined> {
  const head = await db
    .selectFrom('passport_versions')
    .select(['format', 'building', 'source'])
    .where('building_id', '=', buildingId)
    .where('version', '=', version)
    .executeTakeFirst();
  if (head === undefined) return undefined;
  const [elementRowsOut, materialRowsOut, substanceRowsOut] = await Promise.all([
    db
      .selectFrom('elements')
      .selectAll()
      .where('building_id', '=', buildingId)
      .where('version', '=', version)
      .orderBy('ordinal')
      .execute(),
    db
      .selectFrom('material_uses')
      .selectAll()
      .where('building_id', '=', buildingId)
      .where('version', '=', version)
      .orderBy('element_ordinal')
      .orderBy('ordinal')
      .execute(),
    db
      .selectFrom('substances')
      .selectAll()
      .where('building_id', '=', buildingId)
      .where('version', '=', version)
      .orderBy('element_ordinal')
      .orderBy('material_ordinal')
      .orderBy('ordinal')
      .execute(),
  ]);
  const elements: Element[] = elementRowsOut.map(elementFromRow);
  const materialsOf: MaterialUse[][] = elements.map((e) => e.materials);
  for (const r of materialRowsOut) {
    materialsOf[r.element_ordinal]![r.ordinal] = materialFromRow(r);
  }
  for (const s of substanceRowsOut) {
    const m = materialsOf[s.element_ordinal]![s.material_ordinal]!;
    (m.substances ??= [])[s.ordinal] = substanceFromRow(s);
  }
  const passport: Passport = {
    format: head.format as typeof PASSPORT_FORMAT,
    building: head.building as Building,
    elements,
  };
  if (head.source !== null) passport.source = head.source as Passport['source'];
  return passport;
}

/** Copies `value` into `target[key]` unless it is NULL. */
function put<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | null): void {
  if (value !== null) target[key] = value;
}

function num(value: string | null): number | null {
  return value === null ? null : Number(value);
}

function elementFromRow(r: Selectable<ElementsTable>): Element {
  const e: Element = { id: r.element_id, layer: r.layer as Element['layer'], materials: [] };
  put(e, 'name', r.name);
  put(e, 'ifcClass', r.ifc_class);
  put(e, 'ifcGlobalId', r.ifc_global_id);
  put(e, 'storey', r.storey);
  if (r.classification_system !== null && r.classification_code !== null) {
    const c: NonNullable<Element['classification']> = {
      system: r.classification_system,
      code: r.classification_code,
    };
    put(c, 'name', r.classification_name);
    e.classification = c;
  }
  put(e, 'lifespanYears', r.lifespan_years);
  put(e, 'industryAverageLifespanYears', r.industry_average_lifespan_years);
  if (r.connection_type !== null) {
    e.detachability = {
      connectionType: r.connection_type,
      accessibility: r.accessibility,
      intersection: r.intersection,
      productEdge: r.product_edge,
    } as NonNullable<Element['detachability']>;
  }
  if (r.has_product) {
    const p: NonNullable<Element['product']> = {};
    put(p, 'name', r.product_name);
    put(p, 'manufacturer', r.product_manufacturer);
    put(p, 'gtin', r.product_gtin);
    put(p, 'dppUrl', r.product_dpp_url);
    e.product = p;
  }
  return e;
}

function materialFromRow(r: Selectable<MaterialUsesTable>): MaterialUse {
  const m: MaterialUse = {};
  put(m, 'materialId', r.material_id);
  put(m, 'name', r.name);
  put(m, 'massKg', num(r.mass_kg));
  put(m, 'volumeM3', num(r.volume_m3));
  put(m, 'densityKgPerM3', r.density_kg_per_m3);
  put(m, 'thicknessM', r.thickness_m);
  put(m, 'massSource', r.mass_source as MaterialUse['massSource'] | null);
  put(m, 'recycledFraction', r.recycled_fraction);
  put(m, 'reusedFraction', r.reused_fraction);
  put(m, 'renewableFraction', r.renewable_fraction);
  const eol: NonNullable<MaterialUse['endOfLife']> = {};
  put(eol, 'reuse', r.eol_reuse);
  put(eol, 'recycle', r.eol_recycle);
  put(eol, 'energyRecovery', r.eol_energy_recovery);
  put(eol, 'landfill', r.eol_landfill);
  if (Object.keys(eol).length > 0) m.endOfLife = eol;
  put(m, 'recyclingEfficiencyIn', r.recycling_efficiency_in);
  put(m, 'recyclingEfficiencyOut', r.recycling_efficiency_out);
  if (r.has_substances) m.substances = [];
  put(m, 'ewcCode', r.ewc_code);
  if (r.has_gwp) {
    const g: NonNullable<MaterialUse['gwpKgCo2ePerKg']> = {};
    put(g, 'A1A3', r.gwp_a1a3_kg_co2e_per_kg);
    put(g, 'C3C4', r.gwp_c3c4_kg_co2e_per_kg);
    put(g, 'D', r.gwp_d_kg_co2e_per_kg);
    m.gwpKgCo2ePerKg = g;
  }
  put(m, 'biogenicCarbonKgCPerKg', r.biogenic_carbon_kg_c_per_kg);
  return m;
}

function substanceFromRow(r: Selectable<SubstancesTable>): Substance {
  const s: Substance = { name: r.name };
  put(s, 'cas', r.cas);
  put(s, 'ec', r.ec);
  put(s, 'massFraction', r.mass_fraction);
  put(s, 'location', r.location);
  return s;
}

/** One line of the passport list. */
export interface PassportSummaryRow {
  ref: string;
  name: string | null;
  version: number;
  elements: number;
  massKg: string;
}

/** The current version of every building with a passport, by ref. */
export async function listPassportSummaries(db: Kysely<DB>): Promise<PassportSummaryRow[]> {
  return db
    .selectFrom('buildings as b')
    .innerJoin('passport_versions as v', (j) =>
      j.onRef('v.building_id', '=', 'b.id').onRef('v.version', '=', 'b.current_version'),
    )
    .select([
      'b.ref',
      'b.name',
      'b.current_version as version',
      'v.element_count as elements',
      'v.mass_kg as massKg',
    ])
    .orderBy('b.ref')
    .execute();
}

/** Buildings with the building fields of their current version, by ref. */
export async function listBuildingRows(db: Kysely<DB>): Promise<Selectable<BuildingsTable>[]> {
  return db.selectFrom('buildings').selectAll().orderBy('ref').execute();
}

/** Maps a buildings row to the format's Building (absent fields left out). */
export function buildingFromRow(r: Selectable<BuildingsTable>): Building {
  const b: Building = { ref: r.ref };
  put(b, 'name', r.name);
  put(b, 'address', r.address);
  put(b, 'ward', r.ward);
  put(b, 'district', r.district);
  put(b, 'city', r.city);
  put(b, 'country', r.country);
  if (r.lat !== null && r.lon !== null) b.location = { lat: r.lat, lon: r.lon };
  put(b, 'use', r.use as Building['use'] | null);
  put(b, 'grossFloorAreaM2', r.gross_floor_area_m2);
  put(b, 'storeys', r.storeys);
  put(b, 'constructionYear', r.construction_year);
  put(b, 'designLifeYears', r.design_life_years);
  return b;
}

/** The indicators stored with a version (null when none were computed). */
export async function loadIndicators(
  db: Kysely<DB>,
  buildingId: number,
  version: number,
): Promise<{ indicators: unknown; createdAt: Date } | undefined> {
  const row = await db
    .selectFrom('passport_versions')
    .select(['indicators', 'created_at'])
    .where('building_id', '=', buildingId)
    .where('version', '=', version)
    .executeTakeFirst();
  return row && { indicators: row.indicators, createdAt: row.created_at };
}
