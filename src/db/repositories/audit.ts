/**
 * The audit log writer. Every write of matbank goes through {@link appendAudit}, in the
 * same transaction as the write it records, so the log holds exactly the writes that
 * committed. Kept to one function because it will become a hash chain (each entry
 * carrying the hash of the one before), which needs a single writer.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../types.ts';

/** One audit entry. `entityId` names the thing written, e.g. `HN-2026-000123@2`. */
export interface AuditEntry {
  /** Dotted verb, e.g. `passport.import`, `materials.upsert`. */
  action: string;
  /** Kind of thing written: `passport`, `materials`, … */
  entity: string;
  entityId: string;
  /** The building the write concerns, when it concerns one. */
  buildingId?: number;
  /** Who wrote: a user id, `cli`, `demo`, `system`. */
  actor: string;
  /** What changed, JSON-serialisable. */
  data: unknown;
}

/** A stored audit entry. */
export interface AuditRecord extends Required<Omit<AuditEntry, 'buildingId'>> {
  id: string;
  /** Absent for entries about no single building. */
  buildingId?: number;
  at: Date;
}

/** Appends one entry; call it with the transaction of the write. Returns the entry's id. */
export async function appendAudit(trx: Kysely<DB>, entry: AuditEntry): Promise<string> {
  const row = await trx
    .insertInto('audit_log')
    .values({
      building_id: entry.buildingId ?? 0,
      actor: entry.actor,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId,
      data: JSON.stringify(entry.data ?? null),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Audit entries, oldest first, optionally of one building. */
export async function listAudit(
  db: Kysely<DB>,
  filter: { buildingId?: number } = {},
): Promise<AuditRecord[]> {
  let q = db.selectFrom('audit_log').selectAll().orderBy('id');
  if (filter.buildingId !== undefined) q = q.where('building_id', '=', filter.buildingId);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    ...(r.building_id !== 0 ? { buildingId: r.building_id } : {}),
    at: r.at,
    actor: r.actor,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    data: r.data,
  }));
}
