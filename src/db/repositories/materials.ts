/**
 * The reference materials library in the database (table `materials`), one row per
 * {@link LibraryMaterial}; every field of the type has its column.
 */
import { sql, type Kysely, type Insertable, type Selectable } from 'kysely';
import type { LibraryMaterial } from '../../core/materials.ts';
import type { DB, MaterialsTable } from '../types.ts';

function toRow(m: LibraryMaterial): Insertable<MaterialsTable> {
  return {
    id: m.id,
    name_en: m.names.en,
    name_vi: m.names.vi,
    name_nl: m.names.nl,
    category: m.category,
    density_kg_per_m3: m.densityKgPerM3,
    gwp_a1a3_kg_co2e_per_kg: m.gwpA1A3KgCo2ePerKg,
    gwp_c3c4_kg_co2e_per_kg: m.gwpC3C4KgCo2ePerKg,
    biogenic_carbon_kg_c_per_kg: m.biogenicCarbonKgCPerKg,
    kbob_id: m.kbobId,
    recycled_fraction: m.recycledFraction,
    eol_reuse: m.endOfLife.reuse,
    eol_recycle: m.endOfLife.recycle,
    eol_energy_recovery: m.endOfLife.energyRecovery,
    eol_landfill: m.endOfLife.landfill,
    recycling_efficiency: m.recyclingEfficiency,
    technical_lifespan_years: m.technicalLifespanYears,
    ewc_code: m.ewcCode,
    synonyms: m.synonyms,
  };
}

function fromRow(r: Selectable<MaterialsTable>): LibraryMaterial {
  return {
    id: r.id,
    names: { en: r.name_en, vi: r.name_vi, nl: r.name_nl },
    category: r.category,
    densityKgPerM3: r.density_kg_per_m3,
    gwpA1A3KgCo2ePerKg: r.gwp_a1a3_kg_co2e_per_kg,
    gwpC3C4KgCo2ePerKg: r.gwp_c3c4_kg_co2e_per_kg,
    biogenicCarbonKgCPerKg: r.biogenic_carbon_kg_c_per_kg,
    kbobId: r.kbob_id,
    recycledFraction: r.recycled_fraction,
    endOfLife: {
      reuse: r.eol_reuse,
      recycle: r.eol_recycle,
      energyRecovery: r.eol_energy_recovery,
      landfill: r.eol_landfill,
    },
    recyclingEfficiency: r.recycling_efficiency,
    technicalLifespanYears: r.technical_lifespan_years,
    ewcCode: r.ewc_code,
    synonyms: r.synonyms,
  };
}

/** Rows per INSERT: well under PostgreSQL's 65 535 bind parameters (19 per row). */
const BATCH = 1000;

/** Inserts or replaces materials by id. Returns how many rows were written. */
export async function upsertMaterials(
  trx: Kysely<DB>,
  materials: readonly LibraryMaterial[],
): Promise<number> {
  let n = 0;
  for (let i = 0; i < materials.length; i += BATCH) {
    const rows = materials.slice(i, i + BATCH).map(toRow);
    await trx
      .insertInto('materials')
      .values(rows)
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          name_en: eb.ref('excluded.name_en'),
          name_vi: eb.ref('excluded.name_vi'),
          name_nl: eb.ref('excluded.name_nl'),
          category: eb.ref('excluded.category'),
          density_kg_per_m3: eb.ref('excluded.density_kg_per_m3'),
          gwp_a1a3_kg_co2e_per_kg: eb.ref('excluded.gwp_a1a3_kg_co2e_per_kg'),
          gwp_c3c4_kg_co2e_per_kg: eb.ref('excluded.gwp_c3c4_kg_co2e_per_kg'),
          biogenic_carbon_kg_c_per_kg: eb.ref('excluded.biogenic_carbon_kg_c_per_kg'),
          kbob_id: eb.ref('excluded.kbob_id'),
          recycled_fraction: eb.ref('excluded.recycled_fraction'),
          eol_reuse: eb.ref('excluded.eol_reuse'),
          eol_recycle: eb.ref('excluded.eol_recycle'),
          eol_energy_recovery: eb.ref('excluded.eol_energy_recovery'),
          eol_landfill: eb.ref('excluded.eol_landfill'),
          recycling_efficiency: eb.ref('excluded.recycling_efficiency'),
          technical_lifespan_years: eb.ref('excluded.technical_lifespan_years'),
          ewc_code: eb.ref('excluded.ewc_code'),
          synonyms: eb.ref('excluded.synonyms'),
          updated_at: sql<Date>`now()`,
        })),
      )
      .execute();
    n += rows.length;
  }
  return n;
}

/** The whole library, by id. */
export async function listMaterials(db: Kysely<DB>): Promise<LibraryMaterial[]> {
  const rows = await db.selectFrom('materials').selectAll().orderBy('id').execute();
  return rows.map(fromRow);
}
