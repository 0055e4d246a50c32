import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import type { Database } from '../../src/db/database.ts';
import { buildServer } from '../../src/server/app.ts';
import { importPassport } from '../../src/services/passports.ts';
import { ENGINES } from '../helpers/engines.ts';

const EXAMPLE = path.resolve(import.meta.dirname, '../../docs/examples/nha-ong-ba-dinh.json');

for (const engine of ENGINES) {
  describe(`HTTP API on ${engine.name}`, () => {
    let database: Database;
    let app: FastifyInstance;
    let doc: any;

    beforeAll(async () => {
      database = await engine.openMigrated();
      const config = loadConfig({ MATBANK_LOG_LEVEL: 'silent' });
      app = await buildServer({ config, database }, { logger: false });
      doc = JSON.parse(await readFile(EXAMPLE, 'utf8'));
      // Stored without indicators: the API must compute them for such a version.
      await importPassport(database, doc, { actor: 'test' });
    });
    afterAll(async () => {
      await app?.close();
      await database?.close();
    });

    it('GET /healthz answers ok with the engine', async () => {
      const r = await app.inject({ method: 'GET', url: '/healthz' });
      expect(r.statusCode).toBe(200);
      expect(r.json()).toEqual({ status: 'ok', engine: engine.name });
    });

    it('GET /api/buildings lists the stored building with its mass', async () => {
      const r = await app.inject({ method: 'GET', url: '/api/buildings' });
      expect(r.statusCode).toBe(200);
      let massKg = 0;
      for (const e of doc.elements) for (const m of e.materials) massKg += m.massKg ?? 0;
      const [b] = r.json().buildings;
      expect(b).toMatchObject({
        ref: doc.building.ref,
        name: doc.building.name,
        version: 1,
        elements: doc.elements.length,
      });
      expect(b.massKg).toBeCloseTo(massKg, 6);
    });

    it('GET /api/buildings/{ref}/passport returns the document and its indicators', async () => {
      const r = await app.inject({
        method: 'GET',
        url: `/api/buildings/${doc.building.ref}/passport`,
      });
      expect(r.statusCode).toBe(200);
      const body = r.json();
      expect(body.version).toBe(1);
      expect(body.passport.elements).toEqual(doc.elements);
      // The asbestos-cement sheet: 780 kg at 12 % chrysotile (file values) → 93.6 kg.
      const chrysotile = body.indicators.hazards.substances.find(
        (s: any) => s.cas === '12001-29-5',
      );
      expect(chrysotile.massKg).toBeCloseTo(780 * 0.12, 9);
      expect(body.indicators.hazards.hazardousMassKg).toBeGreaterThanOrEqual(780);
    });

    it('GET /api/buildings/{ref}/indicators returns the DESIGN.md shape', async () => {
      const r = await app.inject({
        method: 'GET',
        url: `/api/buildings/${doc.building.ref}/indicators`,
      });
      expect(r.statusCode).toBe(200);
      const ind = r.json();
      for (const key of [
        'massKg',
        'circularity',
        'detachability',
        'carbon',
        'value',
        'hazards',
        'completeness',
      ]) {
        expect(ind).toHaveProperty(key);
      }
      // A1–A3 of the one material use with a declared factor on the columns: 23 040 kg × 0.0887.
      expect(ind.carbon.A1A3).toBeGreaterThan(23040 * 0.0887);
      expect(ind.completeness.elementsWithMaterial).toBeCloseTo(6 / 7, 9);
    });

    it('?method=madaster2023 computes the MCI with F(X) = 0.9 on request; a bad method is 400', async () => {
      const url = `/api/buildings/${doc.building.ref}/indicators`;
      const emf = (await app.inject({ method: 'GET', url })).json();
      const mad = (await app.inject({ method: 'GET', url: `${url}?method=madaster2023` })).json();
      expect(emf.circularity.method).toBe('emf2015');
      expect(mad.circularity.method).toBe('madaster2023');
      // Other indicators do not depend on the circularity method.
      expect(mad.carbon).toEqual(emf.carbon);
      expect(mad.massKg).toEqual(emf.massKg);
      // With X = 1 an element's MCI is 1 − 0.9·LFI; the EMF form uses its own L/Lav. The
      // example's elements carry lifespans other than their layer's Lav, so the two differ.
      expect(mad.circularity.building).not.toBeCloseTo(emf.circularity.building, 6);
      const viaPassport = await app.inject({
        method: 'GET',
        url: `/api/buildings/${doc.building.ref}/passport?method=madaster2023`,
      });
      expect(viaPassport.json().indicators.circularity).toEqual(mad.circularity);
      const bad = await app.inject({ method: 'GET', url: `${url}?method=mci2030` });
      expect(bad.statusCode).toBe(400);
      expect(JSON.stringify(bad.json().error.details)).toContain('method');
    });

    it('GET / is a Vietnamese/English page listing the stored buildings, names escaped', async () => {
      const r = await app.inject({ method: 'GET', url: '/' });
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toContain('text/html');
      expect(r.body).toContain('<html lang="vi">');
      expect(r.body).toContain(`/api/buildings/${encodeURIComponent(doc.building.ref)}/passport`);
      const escaped = String(doc.building.name)
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;');
      expect(r.body).toContain(escaped);
      expect(r.body).toContain('/api/openapi.json');
    });

    it('GET / escapes what users typed: a building named like markup stays text', async () => {
      const hostile = {
        ...doc,
        building: { ...doc.building, ref: 'HN-HTML-1', name: '<script>alert(1)</script> & "Nhà"' },
      };
      await importPassport(database, hostile, { actor: 'test' });
      const r = await app.inject({ method: 'GET', url: '/' });
      expect(r.body).not.toContain('<script>alert(1)</script>');
      expect(r.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Nhà&quot;');
    });

    it('404 with a catalogue code for an unknown building', async () => {
      const r = await app.inject({ method: 'GET', url: '/api/buildings/HN-NONE/passport' });
      expect(r.statusCode).toBe(404);
      expect(r.json().error.code).toBe('NOT_FOUND');
      expect(r.json().error.message).toContain('HN-NONE');
    });

    it('400 naming the parameter for a bad version', async () => {
      const r = await app.inject({
        method: 'GET',
        url: `/api/buildings/${doc.building.ref}/passport?version=zero`,
      });
      expect(r.statusCode).toBe(400);
      expect(r.json().error.code).toBe('BAD_INPUT');
      expect(JSON.stringify(r.json().error.details)).toContain('version');
    });

    it('serves an OpenAPI 3.1 document generated from the route schemas', async () => {
      const r = await app.inject({ method: 'GET', url: '/api/openapi.json' });
      expect(r.statusCode).toBe(200);
      const api = r.json();
      expect(api.openapi).toBe('3.1.0');
      expect(Object.keys(api.paths)).toEqual(
        expect.arrayContaining([
          '/healthz',
          '/api/buildings',
          '/api/buildings/{ref}/passport',
          '/api/buildings/{ref}/indicators',
        ]),
      );
    });
  });
}
