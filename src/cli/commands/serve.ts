import type { Command } from 'commander';
import { getConfig } from '../context.ts';

/** `matbank serve`: the HTTP service (what `npm start` runs). */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description(
      'Run the HTTP service on PORT (default 8080). Migrates the database first; on a first start ' +
        'with an empty database it loads the demo buildings (MATBANK_DEMO_DATA=false to skip).',
    )
    .option('-p, --port <port>', 'port to listen on (overrides PORT)')
    .action(async (opts: { port?: string }) => {
      const config = getConfig();
      const [{ buildServer }, { loadDemoDataIfEmpty }, { openAndMigrate }] = await Promise.all([
        import('../../server/app.ts'),
        import('../../services/demo.ts'),
        import('../../services/database.ts'),
      ]);
      const port = opts.port === undefined ? config.port : Number(opts.port);
      const database = await openAndMigrate(config);
      const app = await buildServer({ config, database });
      const close = async () => {
        await app.close();
        await database.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void close());
      process.once('SIGTERM', () => void close());
      const address = await app.listen({ port, host: config.host });
      process.stdout.write(`matbank listening on ${address} (${database.engine})\n`);
      if (config.demoData) {
        // After listen, so /healthz answers while the demo models are imported.
        loadDemoDataIfEmpty(database, (m) => app.log.info(m), { vndPerEur: config.vndPerEur })
          .then((n) => {
            if (n > 0) process.stdout.write(`loaded ${n} demo buildings\n`);
          })
          .catch((e: unknown) => {
            process.stderr.write(
              `loading demo data failed: ${e instanceof Error ? e.message : String(e)}\n`,
            );
          });
      }
    });
}
