/**
 * An organisation's material mapping table: model material name → library material. The
 * user edits it (`matbank mapping set`); every import applies it before automatic matching.
 */
import { MatbankError } from '../core/errors.ts';
import { normaliseMaterialName } from '../core/match/index.ts';
import type { Database } from '../db/database.ts';
import { withDbErrors } from '../db/errors.ts';
import { appendAudit } from '../db/repositories/audit.ts';
import {
  deleteMapping,
  selectMappings,
  upsertMapping,
  type MaterialMappingRow,
} from '../db/repositories/mappings.ts';
import { loadMaterialLibrary } from '../reference/index.ts';

/** The overrides an importer takes: normalised model name → library material id. */
export async function loadMappingOverrides(
  database: Database,
  organisation: string,
): Promise<Record<string, string>> {
  const rows = await withDbErrors(() => selectMappings(database.db, organisation));
  return Object.fromEntries(rows.map((r) => [r.modelNameNormalised, r.materialId]));
}

/** Every mapping of an organisation. */
export function listMappings(
  database: Database,
  organisation: string,
): Promise<MaterialMappingRow[]> {
  return withDbErrors(() => selectMappings(database.db, organisation));
}

/** Maps `modelName` to library material `materialId` for `organisation` (audited). */
export async function setMapping(
  database: Database,
  organisation: string,
  modelName: string,
  materialId: string,
  actor = 'cli',
): Promise<{ modelNameNormalised: string }> {
  if (loadMaterialLibrary().get(materialId) === undefined) {
    throw new MatbankError(
      'NOT_FOUND',
      `"${materialId}" is not a material of the library (data/materials.csv)`,
    );
  }
  const modelNameNormalised = normaliseMaterialName(modelName);
  if (modelNameNormalised === '')
    throw new MatbankError('BAD_INPUT', `model name "${modelName}" is empty once normalised`);
  await withDbErrors(() =>
    database.db.transaction().execute(async (trx) => {
      await upsertMapping(trx, {
        organisation,
        modelNameNormalised,
        modelName,
        materialId,
        updatedBy: actor,
      });
      await appendAudit(trx, {
        action: 'mapping.set',
        entity: 'material_mapping',
        entityId: `${organisation}:${modelNameNormalised}`,
        actor,
        data: { modelName, materialId },
      });
    }),
  );
  return { modelNameNormalised };
}

/** Removes a mapping (audited); NOT_FOUND when there was none. */
export async function removeMapping(
  database: Database,
  organisation: string,
  modelName: string,
  actor = 'cli',
): Promise<void> {
  const key = normaliseMaterialName(modelName);
  await withDbErrors(() =>
    database.db.transaction().execute(async (trx) => {
      if (!(await deleteMapping(trx, organisation, key))) {
        throw new MatbankError(
          'NOT_FOUND',
          `organisation "${organisation}" has no mapping for "${modelName}"`,
        );
      }
      await appendAudit(trx, {
        action: 'mapping.remove',
        entity: 'material_mapping',
        entityId: `${organisation}:${key}`,
        actor,
        data: { modelName },
      });
    }),
  );
}
