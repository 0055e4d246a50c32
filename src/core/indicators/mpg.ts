/**
 * Milieuprestatie Gebouwen (MPG), the Dutch environmental performance of buildings,
 * METHODS.md §7, for reference next to the other indicators.
 *
 * Source: Bouwbesluit 2012 art. 5.9 / Besluit bouwwerken leefomgeving art. 4.159 and the
 * Stichting Nationale Milieudatabase *Bepalingsmethode Milieuprestatie Bouwwerken*:
 * MPG = Σ MKI / (gross floor area · lifetime), in EUR per m² per year. The limit values are
 * those in force for dwellings from 1 July 2021 and for offices.
 */

/** Legal MPG limits, EUR/m²/year. */
export const MPG_DEFAULTS = {
  limits: { dwelling: 0.8, office: 1.0 },
};

/** MPG = totalMkiEur / (grossFloorAreaM2 · lifetimeYears), EUR/m²/year. */
export function mpg(totalMkiEur: number, grossFloorAreaM2: number, lifetimeYears: number): number {
  return totalMkiEur / (grossFloorAreaM2 * lifetimeYears);
}
