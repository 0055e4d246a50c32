/** Queries of the material_mappings table (organisation → model material name → library id). */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../types.ts';

/** One row of an organisation's mapping table. */
export interface MaterialMappingRow {
  organisation: string;
  modelNameNormalised: string;
  modelName: string;
  materialId: string;
  updatedAt: Date;
  updatedBy: string;
}

/** Every mapping of `organisation`, ordered by model name. */
export async function selectMappings(
  db: Kysely<DB>,
  organisation: string,
): Promise<MaterialMappingRow[]> {
  const r = await sql<MaterialMappingRow>`
    select organisation, model_name_normalised as "modelNameNormalised", model_name as "modelName",
           material_id as "materialId", updated_at as "updatedAt", updated_by as "updatedBy"
    from material_mappings where organisation = ${organisation} order by model_name_normalised`.execute(
    db,
  );
  return r.rows;
}

/** Inserts or replaces one mapping. */
export async function upsertMapping(
  db: Kysely<DB>,
  row: Omit<MaterialMappingRow, 'updatedAt'>,
): Promise<void> {
  await sql`
    insert into material_mappings (organisation, model_name_normalised, model_name, material_id, updated_by)
    values (${row.organisation}, ${row.modelNameNormalised}, ${row.modelName}, ${row.materialId}, ${row.updatedBy})
    on conflict (organisation, model_name_normalised)
    do update set model_name = excluded.model_name, material_id = excluded.material_id,
                  updated_by = excluded.updated_by, updated_at = now()`.execute(db);
}

/** Removes one mapping; returns whether it existed. */
export async function deleteMapping(
  db: Kysely<DB>,
  organisation: string,
  modelNameNormalised: string,
): Promise<boolean> {
  const r =
    await sql`delete from material_mappings where organisation = ${organisation} and model_name_normalised = ${modelNameNormalised}`.execute(
      db,
    );
  return (r.numAffectedRows ?? 0n) > 0n;
}
