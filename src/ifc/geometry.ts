/**
 * Element volume from web-ifc's triangulated geometry, by the divergence theorem:
 * V = Σ over triangles of p1 · (p2 × p3) / 6, for a closed, consistently oriented mesh.
 * Used only when an element has no weight, volume, or area × thickness (it costs a full
 * geometry pass; `geometry: true` turns it on).
 */
import type { IfcAPI } from 'web-ifc';

/** Signed volume of one triangle mesh (vertex stride 6: x, y, z, nx, ny, nz), transformed. */
export function meshVolume(vertices: Float32Array, indices: Uint32Array, m: readonly number[]): number {
  // Column-major 4×4 as web-ifc gives it (flatTransformation).
  const [a0 = 1, a1 = 0, a2 = 0, , a4 = 0, a5 = 1, a6 = 0, , a8 = 0, a9 = 0, a10 = 1, , a12 = 0, a13 = 0, a14 = 0] = m;
  let six = 0;
  for (let i = 0; i + 2 < indices.length; i += 3) {
    const i1 = (indices[i] ?? 0) * 6;
    const i2 = (indices[i + 1] ?? 0) * 6;
    const i3 = (indices[i + 2] ?? 0) * 6;
    const x1l = vertices[i1] ?? 0, y1l = vertices[i1 + 1] ?? 0, z1l = vertices[i1 + 2] ?? 0;
    const x2l = vertices[i2] ?? 0, y2l = vertices[i2 + 1] ?? 0, z2l = vertices[i2 + 2] ?? 0;
    const x3l = vertices[i3] ?? 0, y3l = vertices[i3 + 1] ?? 0, z3l = vertices[i3 + 2] ?? 0;
    const x1 = a0 * x1l + a4 * y1l + a8 * z1l + a12, y1 = a1 * x1l + a5 * y1l + a9 * z1l + a13, z1 = a2 * x1l + a6 * y1l + a10 * z1l + a14;
    const x2 = a0 * x2l + a4 * y2l + a8 * z2l + a12, y2 = a1 * x2l + a5 * y2l + a9 * z2l + a13, z2 = a2 * x2l + a6 * y2l + a10 * z2l + a14;
    const x3 = a0 * x3l + a4 * y3l + a8 * z3l + a12, y3 = a1 * x3l + a5 * y3l + a9 * z3l + a13, z3 = a2 * x3l + a6 * y3l + a10 * z3l + a14;
    six += x1 * (y2 * z3 - z2 * y3) - y1 * (x2 * z3 - z2 * x3) + z1 * (x2 * y3 - y2 * x3);
  }
  return six / 6;
}

/**
 * Volumes in m³ of the given elements (express ids), from their body meshes. Elements
 * whose mesh is empty or not closed enough to give a positive volume are left out.
 */
export function geometryVolumesM3(api: IfcAPI, modelID: number, expressIds: readonly number[], onEach?: (done: number, total: number) => void): Map<number, number> {
  const out = new Map<number, number>();
  if (expressIds.length === 0) return out;
  api.StreamMeshes(modelID, [...expressIds], (mesh, index, total) => {
    let volume = 0;
    const geoms = mesh.geometries;
    for (let g = 0; g < geoms.size(); g++) {
      const placed = geoms.get(g);
      const geom = api.GetGeometry(modelID, placed.geometryExpressID);
      try {
        const verts = api.GetVertexArray(geom.GetVertexData(), geom.GetVertexDataSize());
        const idx = api.GetIndexArray(geom.GetIndexData(), geom.GetIndexDataSize());
        // A mirrored placement flips the orientation; each piece counts by its magnitude.
        volume += Math.abs(meshVolume(verts, idx, placed.flatTransformation));
      } finally {
        geom.delete();
      }
    }
    if (volume > 0 && Number.isFinite(volume)) out.set(mesh.expressID, volume);
    onEach?.(index + 1, total);
  });
  return out;
}
