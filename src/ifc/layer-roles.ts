/**
 * Layers of a layer set that are not bulk material. A Revit "Metal - Stud Layer" is the zone
 * of a wall or ceiling taken by light-gauge steel studs — mostly air (or insulation, modelled
 * as its own layer when present) — and an "Air Space" layer is a cavity. Read as solid
 * material they give tonnes of steel per wall; read as nothing they lose the studs.
 *
 * - Air / cavity layers: no material use, no mass (warning `AIR_LAYER`).
 * - Metal framing layers: the material stays what it is (galvanised steel, matched as usual),
 *   but its volume is the steel actually in the zone: layer volume × {@link framingSteelFraction}
 *   (warning `FRAMING_LAYER`). The fraction is a project assumption, derived here and in
 *   docs/import.md from a stated stud section and spacing.
 */

const AIR =
  /(^|[^\p{L}])(air|luft\w*|hinterlüftung|cavity|hohlraum|spouw|luchtspouw|không khí)([^\p{L}]|$)/iu;
/** "Air barrier", "Luftdichtheitsfolie" … are membranes, not air. */
const NOT_AIR =
  /barrier|membrane|seal|sperr|dicht|folie|foil|wrap|insul|dämm|isol|brick|block|board|platte/i;

/** True for an air space / cavity layer name ("Misc. Air Layers - Air Space", "Luftschicht", "cavity"). */
export function isAirLayer(name: string): boolean {
  return AIR.test(name) && !NOT_AIR.test(name);
}

const FRAMING =
  /(^|[^\p{L}])(stud|studs|ständer\w*|staander\w*|framing|c-?profiel|cw-?profil\w*|khung xương)([^\p{L}]|$)|metallständer/iu;
const METAL = /metal|steel|stahl|metall|staal|thép|cw-?profil|c-?profiel/i;

/** True for a metal stud / framing layer name ("Metal - Stud Layer", "metal stud", "Metallständer"). */
export function isMetalFramingLayer(name: string): boolean {
  return FRAMING.test(name) && METAL.test(name);
}

/**
 * The assumed framing (project assumption; the calculation is in docs/import.md): SSMA
 * 362S125-33 style C-studs — flanges 31.75 mm (1¼"), lips 4.76 mm (3⁄16"), steel 0.838 mm
 * (33 mil) — at 406 mm (16") centres, with a top and a bottom track (same web and flanges,
 * no lips) per 2.7 m of height. The stud's web depth is the layer's thickness.
 */
export const FRAMING_ASSUMPTION = {
  steelThicknessM: 0.000838,
  flangeM: 0.03175,
  lipM: 0.00476,
  spacingM: 0.4064,
  heightM: 2.7,
} as const;

/**
 * Steel volume per volume of a framing layer of the given thickness (= stud depth):
 * [t (d + 2b + 2c) / s + 2 t (d + 2b) / H] / d. For d = 92.1 mm: 0.00475 (37 kg/m³ of
 * layer, 3.4 kg of steel per m² of wall).
 */
export function framingSteelFraction(thicknessM: number): number {
  const { steelThicknessM: t, flangeM: b, lipM: c, spacingM: s, heightM: h } = FRAMING_ASSUMPTION;
  const d = thicknessM;
  if (!(d > 0)) return 0;
  const studs = (t * (d + 2 * b + 2 * c)) / s; // m³ of steel per m² of wall face
  const tracks = (2 * t * (d + 2 * b)) / h;
  return Math.min(1, (studs + tracks) / d);
}
