import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { importModelFile } from '../../src/services/imports.ts';
import { listMappings, removeMapping, setMapping } from '../../src/services/mappings.ts';
import { ENGINES } from '../helpers/engines.ts';

const FZK = path.resolve(import.meta.dirname, '../../../shared/data/ifc/AC20-FZK-Haus.ifc');

for (const engine of ENGINES) {
  describe(`organisation material mapping on ${engine.name}`, () => {
    let database: Database;
    beforeAll(async () => {
      database = await engine.openMigrated();
    });
    afterAll(async () => {
      await database?.close();
    });

    it('is applied to every import of that organisation, and only that one', async () => {
      // "Leichtbeton 102890359" is the model's name for its lightweight-concrete walls;
      // the org decides it is AAC.
      await setMapping(database, 'acme', 'Leichtbeton 102890359', 'aac');
      expect((await listMappings(database, 'acme')).map((m) => m.materialId)).toEqual(['aac']);

      const mapped = await importModelFile(database, 'ifc', FZK, {
        organisation: 'acme',
        dryRun: true,
        maxBytes: 1e9,
      });
      const uses = mapped.passport.elements
        .flatMap((e) => e.materials)
        .filter((m) => m.name === 'Leichtbeton 102890359');
      expect(uses.length).toBeGreaterThan(0);
      expect(new Set(uses.map((m) => m.materialId))).toEqual(new Set(['aac']));

      const other = await importModelFile(database, 'ifc', FZK, {
        organisation: 'other',
        dryRun: true,
        maxBytes: 1e9,
      });
      const otherIds = other.passport.elements
        .flatMap((e) => e.materials)
        .filter((m) => m.name === 'Leichtbeton 102890359')
        .map((m) => m.materialId);
      expect(otherIds).not.toContain('aac');
    });

    it('refuses a material id that is not in the library, storing nothing', async () => {
      await expect(setMapping(database, 'acme', 'Holz', 'unobtainium')).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
      expect((await listMappings(database, 'acme')).map((m) => m.modelName)).toEqual([
        'Leichtbeton 102890359',
      ]);
    });

    it('can be removed, and removing twice says so', async () => {
      await removeMapping(database, 'acme', 'Leichtbeton 102890359');
      expect(await listMappings(database, 'acme')).toEqual([]);
      await expect(removeMapping(database, 'acme', 'Leichtbeton 102890359')).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
    });
  });
}
