/**
 * closedMeshVolume on meshes whose volume is known by construction: unit cubes (welded and
 * web-ifc style, one vertex per face corner), mis-oriented faces, holes, several shells.
 */
import { describe, expect, it } from 'vitest';
import { closedMeshVolume, placementScale } from '../../src/ifc/geometry.ts';

const CORNERS = [
  [0, 0, 0],
  [1, 0, 0],
  [1, 1, 0],
  [0, 1, 0],
  [0, 0, 1],
  [1, 0, 1],
  [1, 1, 1],
  [0, 1, 1],
] as const;
/** Quads of the unit cube, counter-clockwise seen from outside. */
const FACES = [
  [0, 3, 2, 1], // bottom z=0
  [4, 5, 6, 7], // top z=1
  [0, 1, 5, 4], // y=0
  [2, 3, 7, 6], // y=1
  [1, 2, 6, 5], // x=1
  [3, 0, 4, 7], // x=0
] as const;

/** A box as web-ifc gives it: stride 6 (position + a zero normal), 4 vertices per face. */
function box(
  opts: {
    size?: number;
    at?: [number, number, number];
    flipFaces?: number[];
    dropFaces?: number[];
  } = {},
) {
  const s = opts.size ?? 1;
  const [ox, oy, oz] = opts.at ?? [0, 0, 0];
  const vertices: number[] = [];
  const indices: number[] = [];
  FACES.forEach((quad, f) => {
    if (opts.dropFaces?.includes(f)) return;
    const base = vertices.length / 6;
    for (const c of quad) {
      const p = CORNERS[c]!;
      vertices.push(ox + p[0] * s, oy + p[1] * s, oz + p[2] * s, 0, 0, 0);
    }
    const tris = [
      [0, 1, 2],
      [0, 2, 3],
    ];
    for (const t of tris) {
      const [a, b, c] = opts.flipFaces?.includes(f) ? [t[0]!, t[2]!, t[1]!] : t;
      indices.push(base + a!, base + b!, base + c!);
    }
  });
  return { vertices, indices };
}

const merge = (...meshes: { vertices: number[]; indices: number[] }[]) => {
  const vertices: number[] = [];
  const indices: number[] = [];
  for (const m of meshes) {
    const base = vertices.length / 6;
    vertices.push(...m.vertices);
    indices.push(...m.indices.map((i) => i + base));
  }
  return { vertices, indices };
};

describe('closedMeshVolume', () => {
  it('a unit cube given face by face is welded into one closed shell of volume 1', () => {
    const { vertices, indices } = box();
    const r = closedMeshVolume(vertices, indices);
    expect(r.refused).toBeUndefined();
    expect(r.triangles).toBe(12);
    expect(r.edges).toBe(18); // 12 cube edges + 6 face diagonals
    expect(r.volume).toBeCloseTo(1, 12);
  });

  it('a 2.5 m cube far from the origin with two faces turned inside out still gives 2.5³', () => {
    const { vertices, indices } = box({ size: 2.5, at: [1000, -2000, 14], flipFaces: [1, 4] });
    const r = closedMeshVolume(vertices, indices);
    expect(r.refused).toBeUndefined();
    expect(r.flipped).toBe(4);
    expect(r.volume).toBeCloseTo(2.5 ** 3, 6);
  });

  it('a box without its top is open: four edges bound one triangle, no volume', () => {
    const { vertices, indices } = box({ dropFaces: [1] });
    const r = closedMeshVolume(vertices, indices);
    expect(r.refused).toBe('open');
    expect(r.openEdges).toBe(4);
    expect(r.volume).toBeUndefined();
  });

  it('two separate cubes are two shells whose volumes add', () => {
    const m = merge(box({ size: 1 }), box({ size: 2, at: [5, 0, 0], flipFaces: [0] }));
    const r = closedMeshVolume(m.vertices, m.indices);
    expect(r.shells).toBe(2);
    expect(r.volume).toBeCloseTo(1 + 8, 9);
  });

  it('a mesh without triangles is empty', () => {
    expect(closedMeshVolume([0, 0, 0, 0, 0, 1], []).refused).toBe('empty');
  });
});

describe('placementScale', () => {
  it('is |det| of the 3×3 part of a column-major 4×4, ignoring translation', () => {
    // diag(2, 3, 4) with a translation and a mirror in x.
    expect(placementScale([-2, 0, 0, 0, 0, 3, 0, 0, 0, 0, 4, 0, 10, 20, 30, 1])).toBeCloseTo(
      24,
      12,
    );
    const c = Math.cos(0.3);
    const s = Math.sin(0.3);
    expect(placementScale([c, s, 0, 0, -s, c, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1])).toBeCloseTo(1, 12);
  });
});
