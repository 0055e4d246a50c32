/**
 * Passport use cases: import (a new version, whole or not at all), export (the document
 * rebuilt from rows), lists, stored indicators, and the reference materials library.
 */
import { MatbankError } from '../core/errors.ts';
import type { LibraryMaterial } from '../core/materials.ts';
import type { Building, Passport } from '../core/passport/schema.ts';
import { formatPath, validatePassport, type ValidationIssue } from '../core/passport/validate.ts';
import type { Database } from '../db/database.ts';
import { withDbErrors } from '../db/errors.ts';
import { appendAudit } from '../db/repositories/audit.ts';
import { listMaterials, upsertMaterials } from '../db/repositories/materials.ts';
import {
  buildingFromRow,
  ensurePassport,
  findBuildingByRef,
  insertVersion,
  listBuildingRows,
  listPassportSummaries,
  loadIndicators,
  loadPassport,
  upsertBuildingNextVersion,
} from '../db/repositories/passports.ts';

/** Options of {@link importPassport}. */
export interface ImportPassportOptions {
  /** Who imports (audit log); default `system`. */
  actor?: string;
  /** Evaluates the passport; the result is stored with the version. */
  computeIndicators?: (p: Passport) => unknown;
  /** Test hook: runs after every write, just before COMMIT; a throw rolls it all back. */
  beforeCommit?: () => Promise<void>;
}

/** What an import stored. */
export interface ImportPassportResult {
  ref: string;
  version: number;
  elements: number;
  materialUses: number;
  /** Σ massKg of the material uses that state a mass. */
  massKg: number;
}

/**
 * Validates `doc` as a passport@1 document and stores it as the next version of its
 * building (created on first import, its fields updated on later ones), with all elements,
 * material uses and substances, in one transaction.
 *
 * @throws MatbankError VALIDATION_FAILED (details: each issue with its path) — nothing stored.
 */
export async function importPassport(
  database: Database,
  doc: unknown,
  opts: ImportPassportOptions = {},
): Promise<ImportPassportResult> {
  const checked = validatePassport(doc);
  if (!checked.ok) {
    throw new MatbankError('VALIDATION_FAILED', 'passport document is invalid', checked.issues);
  }
  const passport = checked.passport;
  const unstorable = findUnstorableValues(passport);
  if (unstorable.length > 0) {
    throw new MatbankError('VALIDATION_FAILED', 'passport document is invalid', unstorable);
  }
  // Pure and possibly slow: computed before the transaction so it holds no locks meanwhile.
  const indicators = opts.computeIndicators?.(passport);
  const actor = opts.actor ?? 'system';

  return withDbErrors(() =>
    database.db.transaction().execute(async (trx) => {
      const { buildingId, version } = await upsertBuildingNextVersion(trx, passport.building);
      await ensurePassport(trx, buildingId);
      const stored = await insertVersion(trx, database.copy, {
        buildingId,
        version,
        passport,
        indicators,
        actor,
      });
      const result: ImportPassportResult = {
        ref: passport.building.ref,
        version,
        elements: stored.elements,
        materialUses: stored.materialUses,
        massKg: Number(stored.massKg),
      };
      await appendAudit(trx, {
        action: 'passport.import',
        entity: 'passport',
        entityId: `${result.ref}@${version}`,
        buildingId,
        actor,
        data: {
          ref: result.ref,
          version,
          elements: stored.elements,
          materialUses: stored.materialUses,
          substances: stored.substances,
          massKg: stored.massKg,
          source: passport.source ?? null,
        },
      });
      await opts.beforeCommit?.();
      return result;
    }),
  );
}

/** Largest value of a PostgreSQL `integer` column (buildings.storeys). */
const MAX_INT4 = 2_147_483_647;

/** A UTF-16 code unit that is half of a surrogate pair without its other half. */
const LONE_SURROGATE = /\p{Surrogate}/u;

/**
 * Values the format allows but the database cannot store as given; each would fail deep
 * inside the transaction (or, worse, be changed silently), so they are reported like any
 * other invalid value, with their paths:
 * - U+0000 in text (PostgreSQL text cannot hold it);
 * - a lone UTF-16 surrogate (jsonb refuses it; in a COPY it would become U+FFFD);
 * - a whole number beyond the `integer` column it goes to.
 */
function findUnstorableValues(passport: Passport): ValidationIssue[] {
  const out = findUnstorableText(passport);
  const { storeys } = passport.building;
  if (storeys !== undefined && storeys > MAX_INT4) {
    out.push({ path: 'building.storeys', message: `must be ≤ ${MAX_INT4}` });
  }
  return out;
}

function findUnstorableText(
  value: unknown,
  path: (string | number)[] = [],
  out: ValidationIssue[] = [],
): ValidationIssue[] {
  // One shared path stack: this walks every value of documents with 100 000s of rows.
  if (typeof value === 'string') {
    if (value.includes('\u0000')) {
      out.push({ path: formatPath(path), message: 'must not contain the NUL character (U+0000)' });
    }
    if (LONE_SURROGATE.test(value)) {
      out.push({
        path: formatPath(path),
        message: 'must be well-formed Unicode (it holds half of a UTF-16 surrogate pair)',
      });
    }
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      findUnstorableText(value[i], path, out);
      path.pop();
    }
  } else if (value !== null && typeof value === 'object') {
    for (const k in value) {
      path.push(k);
      findUnstorableText((value as Record<string, unknown>)[k], path, out);
      path.pop();
    }
  }
  return out;
}

/**
 * Whether `v` could be a stored version (passport_versions.version is an `integer` > 0).
 * Anything else has no version by definition; sent to the database it would be a type
 * error (1.5) or out of range (2³¹), not "not found".
 */
function isVersionNumber(v: number): boolean {
  return Number.isInteger(v) && v > 0 && v <= MAX_INT4;
}

async function requireBuilding(
  database: Database,
  ref: string,
): Promise<{ id: number; currentVersion: number }> {
  const b = await withDbErrors(() => findBuildingByRef(database.db, ref));
  if (b === undefined || b.currentVersion === 0) {
    throw new MatbankError('NOT_FOUND', `no passport for building "${ref}"`);
  }
  return b;
}

/**
 * The document of a building's passport, the current version unless `version` is given;
 * equal to the document imported as that version.
 *
 * @throws MatbankError NOT_FOUND naming the ref (and version).
 */
export async function exportPassport(
  database: Database,
  ref: string,
  version?: number,
): Promise<Passport> {
  const b = await requireBuilding(database, ref);
  const v = version ?? b.currentVersion;
  const passport = isVersionNumber(v)
    ? await withDbErrors(() => loadPassport(database.db, b.id, v))
    : undefined;
  if (passport === undefined) {
    throw new MatbankError(
      'NOT_FOUND',
      `building "${ref}" has no passport version ${v} (current version is ${b.currentVersion})`,
    );
  }
  return passport;
}

/** One line of {@link listPassports}. */
export interface PassportSummary {
  ref: string;
  name: string | undefined;
  /** Current version. */
  version: number;
  elements: number;
  massKg: number;
}

/** Every building's current passport version, ordered by ref. */
export async function listPassports(database: Database): Promise<PassportSummary[]> {
  const rows = await withDbErrors(() => listPassportSummaries(database.db));
  return rows.map((r) => ({
    ref: r.ref,
    name: r.name ?? undefined,
    version: r.version,
    elements: r.elements,
    massKg: Number(r.massKg),
  }));
}

/** A building with the fields of its current passport version. */
export type BuildingSummary = Building & {
  /** Current passport version (0: none yet). */
  version: number;
  /** ISO 8601 time of the last change. */
  updatedAt: string;
};

/** Every building, ordered by ref. */
export async function listBuildings(database: Database): Promise<BuildingSummary[]> {
  const rows = await withDbErrors(() => listBuildingRows(database.db));
  return rows.map((r) => ({
    ...buildingFromRow(r),
    version: r.current_version,
    updatedAt: r.updated_at.toISOString(),
  }));
}

/** Indicators stored with a passport version. */
export interface StoredIndicators {
  ref: string;
  version: number;
  /** What computeIndicators returned at import; null when none were computed. */
  indicators: unknown;
  computedAt: string;
}

/**
 * The indicators stored with the current (or the given) version of a building's passport.
 *
 * @throws MatbankError NOT_FOUND naming the ref (and version).
 */
export async function getIndicators(
  database: Database,
  ref: string,
  version?: number,
): Promise<StoredIndicators> {
  const b = await requireBuilding(database, ref);
  const v = version ?? b.currentVersion;
  const row = isVersionNumber(v)
    ? await withDbErrors(() => loadIndicators(database.db, b.id, v))
    : undefined;
  if (row === undefined) {
    throw new MatbankError('NOT_FOUND', `building "${ref}" has no passport version ${v}`);
  }
  return { ref, version: v, indicators: row.indicators, computedAt: row.createdAt.toISOString() };
}

/** Inserts or replaces the given reference materials by id (one transaction, audited). */
export async function upsertReferenceMaterials(
  database: Database,
  materials: readonly LibraryMaterial[],
  opts: { actor?: string } = {},
): Promise<{ upserted: number }> {
  return withDbErrors(() =>
    database.db.transaction().execute(async (trx) => {
      const upserted = await upsertMaterials(trx, materials);
      await appendAudit(trx, {
        action: 'materials.upsert',
        entity: 'materials',
        entityId: 'library',
        actor: opts.actor ?? 'system',
        data: { count: upserted, ids: materials.map((m) => m.id) },
      });
      return { upserted };
    }),
  );
}

/** The reference materials library as stored, ordered by id. */
export async function listReferenceMaterials(database: Database): Promise<LibraryMaterial[]> {
  return withDbErrors(() => listMaterials(database.db));
}
