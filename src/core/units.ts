/**
 * Units as one closed union with one conversion table. Everything stored is SI base
 * (kg, m, m2, m3); importers convert at the edge with {@link toBase}.
 */

export const UNITS = {
  // mass → kg
  kg: { dimension: 'mass', toBase: 1 },
  g: { dimension: 'mass', toBase: 1e-3 },
  t: { dimension: 'mass', toBase: 1e3 },
  lb: { dimension: 'mass', toBase: 0.45359237 },
  // length → m
  m: { dimension: 'length', toBase: 1 },
  dm: { dimension: 'length', toBase: 0.1 },
  cm: { dimension: 'length', toBase: 1e-2 },
  mm: { dimension: 'length', toBase: 1e-3 },
  ft: { dimension: 'length', toBase: 0.3048 },
  in: { dimension: 'length', toBase: 0.0254 },
  // area → m2
  m2: { dimension: 'area', toBase: 1 },
  cm2: { dimension: 'area', toBase: 1e-4 },
  mm2: { dimension: 'area', toBase: 1e-6 },
  ft2: { dimension: 'area', toBase: 0.09290304 },
  // volume → m3
  m3: { dimension: 'volume', toBase: 1 },
  l: { dimension: 'volume', toBase: 1e-3 },
  cm3: { dimension: 'volume', toBase: 1e-6 },
  mm3: { dimension: 'volume', toBase: 1e-9 },
  ft3: { dimension: 'volume', toBase: 0.028316846592 },
  // density → kg/m3
  'kg/m3': { dimension: 'density', toBase: 1 },
  'g/cm3': { dimension: 'density', toBase: 1e3 },
  't/m3': { dimension: 'density', toBase: 1e3 },
} as const satisfies Record<string, { dimension: Dimension; toBase: number }>;

export type Dimension = 'mass' | 'length' | 'area' | 'volume' | 'density';
export type Unit = keyof typeof UNITS;

/** Converts `value` in `unit` to the SI base unit of its dimension. */
export function toBase(value: number, unit: Unit): number {
  return value * UNITS[unit].toBase;
}

/** Converts between two units of the same dimension; throws on a dimension mismatch. */
export function convert(value: number, from: Unit, to: Unit): number {
  const a = UNITS[from];
  const b = UNITS[to];
  if (a.dimension !== b.dimension) {
    throw new Error(`cannot convert ${from} (${a.dimension}) to ${to} (${b.dimension})`);
  }
  return (value * a.toBase) / b.toBase;
}
