/**
 * Element volume from web-ifc's triangulated body geometry, for elements that have no weight,
 * volume or area × thickness in the model (on by default; `geometry: false` turns it off).
 *
 * Why not simply Σ p1 · (p2 × p3) / 6 over the placed triangles: that sum is a volume only for
 * a closed, consistently oriented surface. Revit exports many bodies as
 * IfcFaceBasedSurfaceModel whose faces are not consistently oriented (e.g. duplex.ifc's
 * ceilings: top and bottom loops run the same way), and then the sum depends on where the
 * origin is — computed after placement, a 57 mm ceiling 14 m above the origin came out at
 * 88 m³ instead of 1.26 m³. So, per piece of geometry:
 *   1. weld web-ifc's per-face vertices by rounded position (0.1 mm; stride 6: x y z nx ny nz);
 *   2. drop degenerate triangles; an edge used by one triangle only means a hole: refused;
 *   3. if every edge is run equally often in both directions, the surface is closed and
 *      consistently oriented (also web-ifc's boolean results, where four triangles can share
 *      an edge): signed volume as is;
 *   4. else, if every edge is shared by exactly two triangles, orient each shell by flipping
 *      triangles across shared edges (refused if impossible) and take each shell outward;
 *      anything else is non-manifold: refused;
 *   5. volume in the piece's local coordinates (origin-independent once closed and
 *      oriented) × |det| of the placement's 3×3 part.
 * A piece listed twice with the same geometry and placement counts once; pieces without
 * triangles (axis polylines) are skipped.
 */
import type { IfcAPI } from 'web-ifc';

/** web-ifc's vertex layout: position (3) + normal (3) floats per vertex. */
export const VERTEX_STRIDE = 6;
/** Weld tolerance in metres. */
const WELD_M = 1e-4;

/** What the closure check found for one triangle mesh. */
export interface MeshCheck {
  /** Volume in the mesh's own units³ (before placement), when closed and orientable. */
  volume?: number;
  triangles: number;
  /** Undirected edges after welding. */
  edges: number;
  /** Edges used by one triangle only (holes). */
  openEdges: number;
  /** Edges used by three or more triangles. */
  nonManifoldEdges: number;
  /** Triangles turned round to orient their shell consistently. */
  flipped: number;
  shells: number;
  /** Why no volume: `open`, `non-manifold`, `non-orientable`, `empty`. */
  refused?: 'open' | 'non-manifold' | 'non-orientable' | 'empty';
}

/**
 * Closure check and volume of one triangle mesh in its local coordinates (see the module
 * comment). `vertices` has `stride` floats per vertex, the position first; `weld` is the
 * rounding quantum in the vertices' own units.
 */
export function closedMeshVolume(
  vertices: ArrayLike<number>,
  indices: ArrayLike<number>,
  weld = WELD_M,
  stride = VERTEX_STRIDE,
): MeshCheck {
  const nv = Math.floor(vertices.length / stride);
  // 1. weld
  const wid = new Int32Array(nv);
  const keyToId = new Map<string, number>();
  const pos: number[] = [];
  for (let i = 0; i < nv; i++) {
    const x = vertices[i * stride]!,
      y = vertices[i * stride + 1]!,
      z = vertices[i * stride + 2]!;
    const k = `${Math.round(x / weld)},${Math.round(y / weld)},${Math.round(z / weld)}`;
    let w = keyToId.get(k);
    if (w === undefined) {
      w = pos.length / 3;
      keyToId.set(k, w);
      pos.push(x, y, z);
    }
    wid[i] = w;
  }
  // 2. triangles and edges
  const tris: number[] = [];
  for (let t = 0; t + 2 < indices.length; t += 3) {
    const a = wid[indices[t]!]!,
      b = wid[indices[t + 1]!]!,
      c = wid[indices[t + 2]!]!;
    if (a === b || b === c || a === c) continue;
    tris.push(a, b, c);
  }
  const nt = tris.length / 3;
  const out: MeshCheck = {
    triangles: nt,
    edges: 0,
    openEdges: 0,
    nonManifoldEdges: 0,
    flipped: 0,
    shells: 0,
  };
  if (nt === 0) return { ...out, refused: 'empty' };
  const nw = pos.length / 3;
  const six = (a: number, b: number, c: number) =>
    pos[a * 3]! * (pos[b * 3 + 1]! * pos[c * 3 + 2]! - pos[b * 3 + 2]! * pos[c * 3 + 1]!) -
    pos[a * 3 + 1]! * (pos[b * 3]! * pos[c * 3 + 2]! - pos[b * 3 + 2]! * pos[c * 3]!) +
    pos[a * 3 + 2]! * (pos[b * 3]! * pos[c * 3 + 1]! - pos[b * 3 + 1]! * pos[c * 3]!);
  // Edge key: lo * nw + hi (exact in a double for any realistic mesh). Value: the triangles
  // using it, each signed by the direction it runs the edge in.
  const edgeTris = new Map<number, number[]>();
  const edgeOf = (t: number, e: number) => {
    const p = tris[t * 3 + e]!,
      q = tris[t * 3 + ((e + 1) % 3)]!;
    return p < q ? p * nw + q : q * nw + p;
  };
  for (let t = 0; t < nt; t++) {
    for (let e = 0; e < 3; e++) {
      const k = edgeOf(t, e);
      const entry = tris[t * 3 + e]! < tris[t * 3 + ((e + 1) % 3)]! ? t + 1 : -(t + 1);
      const list = edgeTris.get(k);
      if (list) list.push(entry);
      else edgeTris.set(k, [entry]);
    }
  }
  out.edges = edgeTris.size;
  // A closed, consistently oriented surface (a 2-cycle): every edge is run as often one way as
  // the other. Then Σ is the enclosed volume, inner void shells subtracting — this also holds
  // for web-ifc's boolean results, where an edge can be shared by four triangles.
  let balanced = true;
  let manifold = true;
  for (const list of edgeTris.values()) {
    let fwd = 0;
    for (const x of list) if (x > 0) fwd++;
    if (2 * fwd !== list.length) balanced = false;
    if (list.length === 1) out.openEdges++;
    else if (list.length !== 2) {
      manifold = false;
      if (2 * fwd !== list.length) out.nonManifoldEdges++;
    }
  }
  if (out.openEdges > 0) return { ...out, refused: 'open' };
  if (balanced) {
    let s = 0;
    for (let t = 0; t < nt; t++) s += six(tris[t * 3]!, tris[t * 3 + 1]!, tris[t * 3 + 2]!);
    out.shells = 1;
    out.volume = Math.abs(s) / 6;
    return out;
  }
  if (!manifold) return { ...out, refused: 'non-manifold' };
  // 3. closed but not consistently oriented (Revit surface models): orient each shell by
  // breadth-first search over shared edges, then take each shell outward.
  const flip = new Int8Array(nt).fill(-1);
  let volume6 = 0;
  for (let seed = 0; seed < nt; seed++) {
    if (flip[seed] !== -1) continue;
    out.shells++;
    flip[seed] = 0;
    const stack = [seed];
    let shell6 = 0;
    while (stack.length) {
      const t = stack.pop()!;
      const f = flip[t]!;
      const a = tris[t * 3]!,
        b = tris[t * 3 + 1]!,
        c = tris[t * 3 + 2]!;
      shell6 += f ? six(b, a, c) : six(a, b, c);
      for (let e = 0; e < 3; e++) {
        const [e1, e2] = edgeTris.get(edgeOf(t, e))! as [number, number];
        const mine = Math.abs(e1) - 1 === t ? e1 : e2;
        const other = mine === e1 ? e2 : e1;
        const n = Math.abs(other) - 1;
        // Consistent when the two run the shared edge in opposite directions.
        const want = (other > 0 ? 1 : 0) ^ (1 - ((mine > 0 ? 1 : 0) ^ f));
        if (flip[n] === -1) {
          flip[n] = want;
          if (want) out.flipped++;
          stack.push(n);
        } else if (flip[n] !== want) {
          return { ...out, refused: 'non-orientable' };
        }
      }
    }
    // No shell roles here, so an inner void shell would add instead of subtract.
    volume6 += Math.abs(shell6);
  }
  out.volume = volume6 / 6;
  return out;
}

/** |det| of the 3×3 part of a column-major 4×4 matrix (web-ifc's flatTransformation). */
export function placementScale(m: readonly number[]): number {
  const [a0 = 1, a1 = 0, a2 = 0, , a4 = 0, a5 = 1, a6 = 0, , a8 = 0, a9 = 0, a10 = 1] = m;
  return Math.abs(a0 * (a5 * a10 - a6 * a9) - a4 * (a1 * a10 - a2 * a9) + a8 * (a1 * a6 - a2 * a5));
}

/** Geometry result of one element. */
export interface ElementGeometry {
  /** m³; absent when any piece was refused or there was no mesh. */
  volumeM3?: number;
  pieces: number;
  /** Pieces listed more than once with the same geometry and placement (counted once). */
  duplicates: number;
  /** Sum over pieces. */
  edges: number;
  openEdges: number;
  nonManifoldEdges: number;
  refused?: MeshCheck['refused'];
}

/**
 * Volumes of the given elements (express ids) from their body meshes. Every element asked
 * for and streamed by web-ifc is in the result; those without a trustworthy volume carry
 * `refused` and the edge counts.
 */
export function geometryVolumesM3(
  api: IfcAPI,
  modelID: number,
  expressIds: readonly number[],
  onEach?: (done: number, total: number) => void,
): Map<number, ElementGeometry> {
  const out = new Map<number, ElementGeometry>();
  if (expressIds.length === 0) return out;
  const checks = new Map<number, MeshCheck>();
  api.StreamMeshes(modelID, [...expressIds], (mesh, index, total) => {
    const r: ElementGeometry = {
      pieces: 0,
      duplicates: 0,
      edges: 0,
      openEdges: 0,
      nonManifoldEdges: 0,
    };
    let volume = 0;
    const seen = new Set<string>();
    const geoms = mesh.geometries;
    for (let g = 0; g < geoms.size(); g++) {
      const placed = geoms.get(g);
      const key = `${placed.geometryExpressID}:${placed.flatTransformation.join(',')}`;
      if (seen.has(key)) {
        r.duplicates++;
        continue;
      }
      seen.add(key);
      const scale = placementScale(placed.flatTransformation);
      let check = checks.get(placed.geometryExpressID);
      if (!check) {
        const geom = api.GetGeometry(modelID, placed.geometryExpressID);
        try {
          const verts = api.GetVertexArray(geom.GetVertexData(), geom.GetVertexDataSize());
          const idx = api.GetIndexArray(geom.GetIndexData(), geom.GetIndexDataSize());
          // Vertices are in the file's length unit when the placement carries the unit scale.
          check = closedMeshVolume(verts, idx, scale > 0 ? WELD_M / Math.cbrt(scale) : WELD_M);
        } finally {
          geom.delete();
        }
        checks.set(placed.geometryExpressID, check);
      }
      // Axis polylines and other non-solid items come with no triangles: not a body piece.
      if (check.triangles === 0) continue;
      r.pieces++;
      r.edges += check.edges;
      r.openEdges += check.openEdges;
      r.nonManifoldEdges += check.nonManifoldEdges;
      if (check.volume === undefined) r.refused ??= check.refused;
      else volume += check.volume * scale;
    }
    if (r.pieces === 0) r.refused = 'empty';
    if (!r.refused && volume > 0 && Number.isFinite(volume)) r.volumeM3 = volume;
    else r.refused ??= 'empty';
    out.set(mesh.expressID, r);
    onEach?.(index + 1, total);
  });
  return out;
}
