/**
 * Kysely table types, one interface per table of src/db/migrations. Column names are the
 * SQL names (snake_case) so that COPY column lists and queries use the same words.
 *
 * Type conventions of node-postgres (the same on PGlite through its pg adapter):
 * `numeric` and `bigint` come back as strings (exact), `double precision` and `integer` as
 * numbers, `jsonb` parsed, `timestamptz` as Date. jsonb is always written as JSON text,
 * because pg would turn a JS array into a PostgreSQL array literal.
 */
import type { ColumnType, Generated } from 'kysely';

/** numeric: read as an exact decimal string, written from a number or string. */
export type Numeric = ColumnType<string, number | string, number | string>;
/** bigint: read as a string (may exceed 2^53), written from number, string or bigint. */
export type Int8 = ColumnType<string, number | string | bigint, number | string | bigint>;
/** jsonb: read parsed, written as JSON text. */
export type Jsonb<T = unknown> = ColumnType<T, string, string>;
/** timestamptz with a default of now(). */
export type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;

export interface SchemaMigrationsTable {
  id: string;
  checksum: string;
  applied_at: CreatedAt;
}

export interface BuildingsTable {
  id: Generated<number>;
  ref: string;
  name: string | null;
  address: string | null;
  ward: string | null;
  district: string | null;
  city: string | null;
  country: string | null;
  lat: number | null;
  lon: number | null;
  use: string | null;
  gross_floor_area_m2: number | null;
  storeys: number | null;
  construction_year: number | null;
  design_life_years: number | null;
  current_version: ColumnType<number, number | undefined, number>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface PassportsTable {
  building_id: number;
  status: ColumnType<string, string | undefined, string>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface PassportVersionsTable {
  building_id: number;
  version: number;
  format: string;
  /** The document's `building` section of this version, exactly as imported. */
  building: Jsonb;
  source: Jsonb | null;
  indicators: Jsonb | null;
  element_count: number;
  material_use_count: number;
  substance_count: number;
  mass_kg: ColumnType<string, number | string | undefined, number | string>;
  created_at: CreatedAt;
  created_by: string;
}

export interface ElementsTable {
  building_id: number;
  version: number;
  ordinal: number;
  element_id: string;
  name: string | null;
  layer: string;
  ifc_class: string | null;
  ifc_global_id: string | null;
  storey: string | null;
  classification_system: string | null;
  classification_code: string | null;
  classification_name: string | null;
  lifespan_years: number | null;
  industry_average_lifespan_years: number | null;
  connection_type: string | null;
  accessibility: string | null;
  intersection: string | null;
  product_edge: string | null;
  has_product: boolean;
  product_name: string | null;
  product_manufacturer: string | null;
  product_gtin: string | null;
  product_dpp_url: string | null;
}

export interface MaterialUsesTable {
  building_id: number;
  version: number;
  element_ordinal: number;
  ordinal: number;
  material_id: string | null;
  name: string | null;
  mass_kg: Numeric | null;
  volume_m3: Numeric | null;
  density_kg_per_m3: number | null;
  thickness_m: number | null;
  mass_source: string | null;
  recycled_fraction: number | null;
  reused_fraction: number | null;
  renewable_fraction: number | null;
  eol_reuse: number | null;
  eol_recycle: number | null;
  eol_energy_recovery: number | null;
  eol_landfill: number | null;
  recycling_efficiency_in: number | null;
  recycling_efficiency_out: number | null;
  ewc_code: string | null;
  has_gwp: boolean;
  gwp_a1a3_kg_co2e_per_kg: number | null;
  gwp_c3c4_kg_co2e_per_kg: number | null;
  gwp_d_kg_co2e_per_kg: number | null;
  biogenic_carbon_kg_c_per_kg: number | null;
  has_substances: boolean;
}

export interface SubstancesTable {
  building_id: number;
  version: number;
  element_ordinal: number;
  material_ordinal: number;
  ordinal: number;
  cas: string | null;
  ec: string | null;
  name: string;
  mass_fraction: number | null;
  location: string | null;
}

export interface DocumentsTable {
  building_id: number;
  id: Generated<string>;
  version: number | null;
  kind: string;
  title: string | null;
  file_name: string;
  media_type: string;
  size_bytes: Int8;
  sha256: string;
  storage_key: string;
  created_at: CreatedAt;
  created_by: string;
}

export interface MaterialsTable {
  id: string;
  name_en: string;
  name_vi: string;
  name_nl: string;
  category: string;
  density_kg_per_m3: number;
  gwp_a1a3_kg_co2e_per_kg: number;
  gwp_c3c4_kg_co2e_per_kg: number;
  biogenic_carbon_kg_c_per_kg: number;
  kbob_id: string;
  recycled_fraction: number;
  eol_reuse: number;
  eol_recycle: number;
  eol_energy_recovery: number;
  eol_landfill: number;
  recycling_efficiency: number;
  technical_lifespan_years: number;
  ewc_code: string;
  synonyms: string[];
  updated_at: CreatedAt;
}

export interface AuditLogTable {
  /** 0 for entries about no single building (Citus needs a non-null distribution key). */
  building_id: ColumnType<number, number | undefined, never>;
  id: Generated<string>;
  at: CreatedAt;
  actor: string;
  action: string;
  entity: string;
  entity_id: string;
  data: Jsonb;
}

export interface MaterialMappingsTable {
  organisation: string;
  model_name_normalised: string;
  model_name: string;
  material_id: string;
  updated_at: CreatedAt;
  updated_by: string;
}

/** The database as Kysely sees it. */
export interface DB {
  schema_migrations: SchemaMigrationsTable;
  buildings: BuildingsTable;
  passports: PassportsTable;
  passport_versions: PassportVersionsTable;
  elements: ElementsTable;
  material_uses: MaterialUsesTable;
  substances: SubstancesTable;
  documents: DocumentsTable;
  materials: MaterialsTable;
  audit_log: AuditLogTable;
  material_mappings: MaterialMappingsTable;
}
