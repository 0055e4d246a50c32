import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listPassports } from '../../services/passports.ts';
import type { ServerDeps } from '../app.ts';

const escapeHtml = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

const tonnes = (kg: number): string =>
  (kg / 1000).toLocaleString('vi-VN', { maximumFractionDigits: 1, minimumFractionDigits: 1 });

/**
 * `GET /`: what someone who opens the address after `npm start` sees — the stored buildings
 * and where the API is, in Vietnamese and English. A plain page until the web app exists
 * (roadmap item 5); it uses the same service as `GET /api/buildings`.
 */
export const homeRoutes =
  (deps: ServerDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get('/', { schema: { hide: true, response: { 200: z.string() } } }, async (_req, reply) => {
      const buildings = await listPassports(deps.database);
      const rows = buildings
        .map((b) => {
          const ref = encodeURIComponent(b.ref);
          return `<tr><td><a href="/api/buildings/${ref}/passport">${escapeHtml(b.ref)}</a></td><td>${escapeHtml(b.name ?? '')}</td><td>${b.version}</td><td>${b.elements}</td><td>${tonnes(b.massKg)}</td><td><a href="/api/buildings/${ref}/indicators">chỉ số / indicators</a></td></tr>`;
        })
        .join('\n');
      void reply.type('text/html; charset=utf-8');
      return `<!doctype html>
<html lang="vi">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>matbank — hộ chiếu vật liệu / material passports</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:60rem}table{border-collapse:collapse}td,th{padding:.3rem .8rem;border-bottom:1px solid #ddd;text-align:left}td:nth-child(3),td:nth-child(4),td:nth-child(5){text-align:right}</style>
</head>
<body>
<h1>matbank</h1>
<p>Hộ chiếu vật liệu cho công trình, ngân hàng vật liệu cho thành phố.<br>
<span lang="en">Material passports for buildings, and a material bank for the city.</span></p>
<h2>Công trình / <span lang="en">Buildings</span> (${buildings.length})</h2>
${
  buildings.length === 0
    ? '<p>Chưa có hộ chiếu nào. / <span lang="en">No passports stored yet:</span> <code>npx matbank import ifc model.ifc</code></p>'
    : `<table>
<tr><th>Mã / Ref</th><th>Tên / Name</th><th>Phiên bản / Version</th><th>Cấu kiện / Elements</th><th>Khối lượng (t) / Mass (t)</th><th></th></tr>
${rows}
</table>`
}
<h2>API</h2>
<ul>
<li><a href="/api/buildings">/api/buildings</a></li>
<li><a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1)</li>
<li><a href="/healthz">/healthz</a></li>
</ul>
</body>
</html>
`;
    });
  };
