/**
 * POST /api/imports/preview: an uploaded model becomes a draft and a report, nothing is
 * stored, bad files are refused with the catalogue's status, and the server keeps answering
 * while the worker reads a large model.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import type { Database } from '../../src/db/database.ts';
import { closeIfcImporter } from '../../src/ifc/index.ts';
import { buildServer } from '../../src/server/app.ts';
import { generateSyntheticIfc, SYNTHETIC } from '../../scripts/gen-synthetic-ifc.ts';
import { ENGINES } from '../helpers/engines.ts';

const HOUSE = path.resolve(import.meta.dirname, '../../../shared/data/ifc/IfcOpenHouse_IFC4.ifc');
const houseText = readFileSync(HOUSE, 'latin1');
const octet = { 'content-type': 'application/octet-stream' };

afterAll(() => closeIfcImporter());

for (const engine of ENGINES) {
  describe(`POST /api/imports/preview on ${engine.name}`, () => {
    let database: Database;
    let app: FastifyInstance;
    beforeAll(async () => {
      database = await engine.openMigrated();
      const config = loadConfig({ MATBANK_LOG_LEVEL: 'silent', MATBANK_MAX_IMPORT_MB: '50' });
      app = await buildServer({ config, database }, { logger: false });
    });
    afterAll(async () => {
      await app?.close();
      await database?.close();
    });
    const stored = async () =>
      (await app.inject({ method: 'GET', url: '/api/buildings' })).json().buildings.length;
    /** POST /api/imports/preview?<query> with `payload` as the octet-stream body. */
    const preview = (query: string, payload: Buffer) =>
      app.inject({
        method: 'POST',
        url: `/api/imports/preview?${query}`,
        headers: octet,
        payload,
      });

    it('reads an IFC model into a draft and a report and stores nothing', async () => {
      const r = await preview(
        'kind=ifc&fileName=open-house.ifc&building=HN-TEST-1',
        readFileSync(HOUSE),
      );
      expect(r.statusCode).toBe(200);
      const { report, passport } = r.json();
      expect(passport.format).toBe('matbank/passport@1');
      expect(passport.building.ref).toBe('HN-TEST-1');
      // The model's walls, counted in its text.
      const walls = houseText.match(/=\s*IFCWALLSTANDARDCASE\(/g)!.length;
      expect(
        passport.elements.filter((e: any) => e.ifcClass === 'IfcWallStandardCase').length,
      ).toBe(walls);
      expect(report.counts.elements).toBe(passport.elements.length);
      expect(report.source).toMatchObject({ kind: 'ifc', file: 'open-house.ifc', schema: 'IFC4' });
      expect(await stored()).toBe(0);
    });

    it('refuses a body that is not IFC with 415 naming the file, storing nothing', async () => {
      const r = await preview(
        'kind=ifc&fileName=notes.ifc',
        Buffer.from('these are not the droids\n'),
      );
      expect(r.statusCode).toBe(415);
      expect(r.json().error.code).toBe('UNSUPPORTED_FORMAT');
      expect(r.json().error.message).toContain('notes.ifc');
      expect(await stored()).toBe(0);
    });

    it('refuses an empty body (400) and an unknown kind (400 naming the parameter)', async () => {
      const empty = await preview('kind=ifc', Buffer.alloc(0));
      expect(empty.statusCode).toBe(400);
      expect(empty.json().error.message).toContain('body');
      const kind = await preview('kind=dwg', Buffer.from('x'));
      expect(kind.statusCode).toBe(400);
      expect(JSON.stringify(kind.json().error.details)).toContain('kind');
    });

    it('refuses a third preview while two are being read (429 BUSY), then takes the next', async () => {
      const big = Buffer.from(
        generateSyntheticIfc({ elements: 10_000, units: 'm', schema: 'IFC4' }),
      );
      const post = () => preview('kind=ifc&fileName=busy.ifc', big);
      const results = await Promise.all([post(), post(), post()]);
      const codes = results.map((r) => r.statusCode).sort();
      expect(codes).toEqual([200, 200, 429]);
      const busy = results.find((r) => r.statusCode === 429)!;
      expect(busy.json().error.code).toBe('BUSY');
      const after = await post();
      expect(after.statusCode).toBe(200);
      expect(await stored()).toBe(0);
    }, 120_000);

    it('keeps answering /healthz while the worker reads a large model', async () => {
      const n = 20_000;
      const big = Buffer.from(generateSyntheticIfc({ elements: n, units: 'm', schema: 'IFC4' }));
      const order: string[] = [];
      const pending = preview('kind=ifc&fileName=big.ifc', big).then((r) => {
        order.push('preview');
        return r;
      });
      await new Promise((r) => setTimeout(r, 50));
      const health = await app.inject({ method: 'GET', url: '/healthz' });
      order.push('healthz');
      expect(health.statusCode).toBe(200);
      const r = await pending;
      expect(r.statusCode).toBe(200);
      expect(r.json().report.counts.elements).toBe(n);
      // Every fifth element is a wall with the generator's layer set.
      expect(r.json().passport.elements.filter((e: any) => e.ifcClass === 'IfcWall').length).toBe(
        n / SYNTHETIC.kinds.length,
      );
      expect(order).toEqual(['healthz', 'preview']);
    }, 120_000);
  });
}
