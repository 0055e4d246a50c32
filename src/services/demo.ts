/**
 * The demo data set: on a first start with an empty database, the open IFC models shipped
 * in data/demo are imported and placed in Hà Nội wards (data/demo/buildings.json), so a new
 * install shows real buildings. Runs after the server listens; a failure is logged, never fatal.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Building, Element, Passport } from '../core/passport/schema.ts';
import type { Database } from '../db/database.ts';
import { importIfc } from '../ifc/index.ts';
import { evaluatePassport } from './evaluate.ts';
import { importPassport, listPassports } from './passports.ts';

const DEMO_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../data/demo');

interface DemoBuilding {
  files: string[];
  building: Building;
}

/** Builds the demo passports from the shipped models (no database needed). */
export async function buildDemoPassports(): Promise<Passport[]> {
  const manifest = JSON.parse(await readFile(path.join(DEMO_DIR, 'buildings.json'), 'utf8')) as {
    buildings: DemoBuilding[];
  };
  const passports: Passport[] = [];
  for (const demo of manifest.buildings) {
    const elements: Element[] = [];
    const seen = new Set<string>();
    let first: Passport | undefined;
    for (const file of demo.files) {
      const { passport } = await importIfc(path.join(DEMO_DIR, file), {
        buildingRef: demo.building.ref,
        fileName: file,
      });
      first ??= passport;
      // Architecture and structure models of one building may share no ids, but if they do
      // the first model's element wins: a passport's element ids are unique.
      for (const e of passport.elements) {
        if (seen.has(e.id)) continue;
        seen.add(e.id);
        elements.push(e);
      }
    }
    passports.push({
      format: 'matbank/passport@1',
      building: { ...first?.building, ...demo.building },
      source: {
        kind: 'demo',
        file: demo.files.join(', '),
        ...(first?.source?.schema ? { schema: first.source.schema } : {}),
      },
      elements,
    });
  }
  return passports;
}

/** Imports the demo buildings when no passport is stored yet; returns how many were loaded. */
export async function loadDemoDataIfEmpty(
  database: Database,
  log: (message: string) => void = () => {},
  opts: { vndPerEur?: number } = {},
): Promise<number> {
  if ((await listPassports(database)).length > 0) return 0;
  const passports = await buildDemoPassports();
  for (const passport of passports) {
    const stored = await importPassport(database, passport, {
      actor: 'demo',
      computeIndicators: (p) => evaluatePassport(p, opts),
    });
    log(
      `demo: stored ${stored.ref} (${stored.elements} elements, ${Math.round(stored.massKg)} kg)`,
    );
  }
  return passports.length;
}
