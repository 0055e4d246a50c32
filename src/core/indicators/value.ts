/**
 * Residual (financial) value, METHODS.md §4.
 *
 * Source: Madaster, *The Financial Tab* (help-centre documentation):
 *   CNV = TV − FC1 − FC2 − FC3
 *   TV  = mass · price per kg                      material value
 *   FC1 = demolition cost of the building, shared by mass
 *   FC2 = mass · distance_km · 0.00048 EUR/(kg·km) transport to the processor
 *   FC3 = mass · handling cost per kg
 *   NPV = value / (1 + d)^t
 * Prices differ per country: the price table is configuration, with its currency. The
 * defaults are the parameters Madaster publishes (EUR).
 */
import type { Resolution, ResolvedMaterial } from './resolve.ts';
import type { Reason, ValueSection } from './schema.ts';

/** Price, handling cost and transport distance of one material (category or id). */
export interface PriceEntry {
  /** Price paid for the material at the processor, currency per kg. */
  pricePerKg: number;
  /** Handling cost (sorting, processing), currency per kg. */
  handlingCostPerKg: number;
  /** Distance to the processor; falls back to `distanceKmByCategory`. */
  distanceKm?: number;
}

/** Price table: entries by library `materialId` (first) and by library category. */
export interface PriceTable {
  currency: string;
  byMaterialId: Record<string, PriceEntry>;
  byCategory: Record<string, PriceEntry>;
}

/**
 * Madaster's published parameters (EUR/kg): flat glass price 0.19, handling 0.20; concrete
 * granules price 0.0035, handling 0.007; asbestos price 0, handling 0.23; distances (km):
 * plastic 150, metals 150, wood 50, stone 20, glass 150; transport 0.00048 EUR/(kg·km).
 * Concrete travels as stone (20 km): Madaster publishes no concrete distance, and crushed
 * concrete goes to the same aggregate processors as stone. Asbestos has no published
 * distance: configure one (its uses stay unpriced until then, with a reason).
 * `demolitionCost` (FC1, total for the building, in the table's currency), `discountRate`,
 * `yearsToEndOfLife` and `vndPerEur` have no published default: null means "not configured"
 * and the dependent output is null with a reason.
 */
export const VALUE_DEFAULTS = {
  prices: {
    currency: 'EUR',
    byMaterialId: {},
    byCategory: {
      glass: { pricePerKg: 0.19, handlingCostPerKg: 0.2 },
      concrete: { pricePerKg: 0.0035, handlingCostPerKg: 0.007 },
      asbestos: { pricePerKg: 0, handlingCostPerKg: 0.23 },
    },
  } as PriceTable,
  distanceKmByCategory: {
    plastic: 150,
    metal: 150,
    wood: 50,
    // data/materials.csv calls wood `timber`.
    timber: 50,
    stone: 20,
    glass: 150,
    concrete: 20,
  } as Record<string, number>,
  /** FC2 rate per (kg·km), in `transportCostCurrency`. */
  transportCostPerKgKm: 0.00048,
  /**
   * Currency of `transportCostPerKgKm` (Madaster publishes it in EUR). A price table in VND
   * converts it through `vndPerEur`; other pairs need the rate given in the table's currency.
   */
  transportCostCurrency: 'EUR',
  demolitionCost: null as number | null,
  discountRate: null as number | null,
  /** t of the NPV; null → the building's design life (or the carbon default 50). */
  yearsToEndOfLife: null as number | null,
  vndPerEur: null as number | null,
};
export type ValueParams = typeof VALUE_DEFAULTS;

/** Terms of the residual value of `massKg` of one material, before FC1. */
export interface ResidualTerms {
  /** TV = mass · price. */
  materialValue: number;
  /** FC2 = mass · distance · transport rate. */
  transportCost: number;
  /** FC3 = mass · handling cost. */
  handlingCost: number;
  /** TV − FC2 − FC3. */
  valueBeforeDemolition: number;
}

/** TV, FC2, FC3 and TV − FC2 − FC3 for one material (METHODS.md §4). */
export function residualTerms(
  massKg: number,
  entry: Required<PriceEntry>,
  transportCostPerKgKm: number = VALUE_DEFAULTS.transportCostPerKgKm,
): ResidualTerms {
  const materialValue = massKg * entry.pricePerKg;
  const transportCost = massKg * entry.distanceKm * transportCostPerKgKm;
  const handlingCost = massKg * entry.handlingCostPerKg;
  return {
    materialValue,
    transportCost,
    handlingCost,
    valueBeforeDemolition: materialValue - transportCost - handlingCost,
  };
}

/** Net present value of `value` received in `years` years at discount rate `rate`: value/(1+rate)^years. */
export function presentValue(value: number, rate: number, years: number): number {
  return value / (1 + rate) ** years;
}

/** The price entry of a material use with its distance resolved, or null. */
export function findPrice(
  m: Pick<ResolvedMaterial, 'use' | 'category'>,
  prices: PriceTable,
  distanceKmByCategory: Record<string, number>,
): Required<PriceEntry> | null {
  const id = m.use.materialId;
  const entry =
    (id !== undefined ? prices.byMaterialId[id] : undefined) ??
    (m.category !== null ? prices.byCategory[m.category] : undefined);
  if (entry === undefined) return null;
  const distanceKm =
    entry.distanceKm ?? (m.category !== null ? distanceKmByCategory[m.category] : undefined);
  if (distanceKm === undefined) return null;
  return { ...entry, distanceKm };
}

export interface ValueResult {
  section: ValueSection;
  reasons: Reason[];
}

/**
 * Residual value of the building: Σ over priced material uses of TV − FC2 − FC3 − FC1,
 * where a use's FC1 is the configured demolition cost × its share of the building's
 * resolved mass (so a partially priced building carries its priced share of FC1).
 */
export function valueIndicators(
  resolution: Resolution,
  building: { designLifeYears?: number | undefined },
  params: Partial<ValueParams> = {},
  fallbackYears = 50,
): ValueResult {
  const p = { ...VALUE_DEFAULTS, ...params };
  const reasons: Reason[] = [];
  const transportRate = transportRateIn(p);
  let totalMassKg = 0;
  let pricedMassKg = 0;
  const sum = { materialValue: 0, transportCost: 0, handlingCost: 0 };
  const unpriced = new Set<string>();
  let pricedUses = 0;
  for (const m of resolution.materials) {
    if (m.massKg === null) continue;
    totalMassKg += m.massKg;
    const entry = findPrice(m, p.prices, p.distanceKmByCategory);
    if (entry === null) {
      unpriced.add(m.use.materialId ?? m.category ?? m.use.name ?? '(unnamed)');
      continue;
    }
    const t = residualTerms(m.massKg, entry, transportRate ?? 0);
    pricedMassKg += m.massKg;
    pricedUses += 1;
    sum.materialValue += t.materialValue;
    sum.transportCost += t.transportCost;
    sum.handlingCost += t.handlingCost;
  }
  const section: ValueSection = {
    currency: p.prices.currency,
    residual: null,
    materialValue: null,
    demolitionCost: null,
    transportCost: null,
    handlingCost: null,
    massShareWithPrice: totalMassKg > 0 ? pricedMassKg / totalMassKg : null,
    residualPresentValue: null,
    residualVnd: null,
  };
  if (pricedUses === 0) {
    reasons.push({
      field: 'value.residual',
      message: 'no material use with a mass has an entry (with a distance) in the price table',
    });
    return { section, reasons };
  }
  if (unpriced.size > 0) {
    reasons.push({
      field: 'value.residual',
      message: `partial: no price-table entry for ${[...unpriced].sort().join(', ')}`,
    });
  }
  section.materialValue = sum.materialValue;
  if (transportRate === null) {
    // FC2 in another currency than the table, with no rate between them: summing the two
    // would be meaningless, so the residual stays unknown (the parts that are known are shown).
    section.handlingCost = sum.handlingCost;
    reasons.push({
      field: 'value.transportCost',
      message: `transportCostPerKgKm is in ${p.transportCostCurrency} and the price table in ${p.prices.currency}: give the rate in ${p.prices.currency}${p.prices.currency === 'VND' || p.transportCostCurrency === 'VND' ? ' or configure vndPerEur' : ''}`,
    });
    return { section, reasons };
  }
  section.transportCost = sum.transportCost;
  section.handlingCost = sum.handlingCost;
  let residual = sum.materialValue - sum.transportCost - sum.handlingCost;
  if (p.demolitionCost === null) {
    reasons.push({
      field: 'value.demolitionCost',
      message: 'no demolition cost configured (FC1); residual excludes it',
    });
  } else {
    section.demolitionCost = totalMassKg > 0 ? (p.demolitionCost * pricedMassKg) / totalMassKg : 0;
    residual -= section.demolitionCost;
  }
  section.residual = residual;
  if (p.discountRate === null) {
    reasons.push({ field: 'value.residualPresentValue', message: 'no discountRate configured' });
  } else {
    const years = p.yearsToEndOfLife ?? building.designLifeYears ?? fallbackYears;
    section.residualPresentValue = presentValue(residual, p.discountRate, years);
  }
  if (p.prices.currency === 'VND') {
    section.residualVnd = residual;
  } else if (p.prices.currency === 'EUR' && p.vndPerEur !== null) {
    section.residualVnd = residual * p.vndPerEur;
  } else {
    reasons.push({
      field: 'value.residualVnd',
      message:
        p.prices.currency === 'EUR'
          ? 'no vndPerEur rate configured'
          : `no rate from ${p.prices.currency} to VND`,
    });
  }
  return { section, reasons };
}

/**
 * The FC2 rate in the price table's currency: as given when the currencies agree, through
 * `vndPerEur` between EUR and VND, else null (no rate known).
 */
export function transportRateIn(
  p: Pick<ValueParams, 'transportCostPerKgKm' | 'transportCostCurrency' | 'prices' | 'vndPerEur'>,
): number | null {
  const from = p.transportCostCurrency;
  const to = p.prices.currency;
  if (from === to) return p.transportCostPerKgKm;
  if (p.vndPerEur !== null && p.vndPerEur > 0) {
    if (from === 'EUR' && to === 'VND') return p.transportCostPerKgKm * p.vndPerEur;
    if (from === 'VND' && to === 'EUR') return p.transportCostPerKgKm / p.vndPerEur;
  }
  return null;
}
