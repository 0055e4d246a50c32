/**
 * Plain-text rendering of {@link Indicators} for the CLI's readable output: one aligned
 * row per value (label, value, unit), in English or Vietnamese, ending with a newline. Nulls print as "—" with
 * "n/a"/"không có dữ liệu" so that missing data never reads as 0.
 */
import type { Indicators } from './schema.ts';

type Lang = 'en' | 'vi';

const LABELS: Record<string, Record<Lang, string>> = {
  mass: { en: 'Mass', vi: 'Khối lượng' },
  massTotal: { en: 'Total mass', vi: 'Tổng khối lượng' },
  circularity: { en: 'Circularity (MCI)', vi: 'Chỉ số tuần hoàn (MCI)' },
  building: { en: 'Building', vi: 'Công trình' },
  detachability: { en: 'Detachability', vi: 'Khả năng tháo rời' },
  massShareWithData: { en: 'Mass share with data', vi: 'Tỷ lệ khối lượng có dữ liệu' },
  carbon: { en: 'Embodied carbon', vi: 'Carbon hàm chứa' },
  perM2: { en: 'Per m² floor area (A1–A3 + B4 + C3–C4)', vi: 'Trên m² sàn (A1–A3 + B4 + C3–C4)' },
  biogenic: { en: 'Biogenic carbon', vi: 'Carbon sinh học' },
  value: { en: 'Residual value', vi: 'Giá trị còn lại' },
  residual: { en: 'Residual value (CNV)', vi: 'Giá trị còn lại (CNV)' },
  residualVnd: { en: 'Residual value in VND', vi: 'Giá trị còn lại (VND)' },
  hazards: { en: 'Hazards', vi: 'Chất nguy hại' },
  hazardousMass: { en: 'Hazardous mass', vi: 'Khối lượng nguy hại' },
  recyclable: { en: 'Recyclable', vi: 'Có thể tái chế' },
  reusable: { en: 'Reusable', vi: 'Có thể tái sử dụng' },
  landfill: { en: 'To landfill', vi: 'Chôn lấp' },
  hazardous: { en: 'Hazardous waste', vi: 'Chất thải nguy hại' },
  ewcCodes: { en: 'Hazardous EWC codes', vi: 'Mã chất thải nguy hại (EWC)' },
  completeness: { en: 'Completeness', vi: 'Mức độ đầy đủ' },
  elementsWithMaterial: { en: 'Elements with a material', vi: 'Cấu kiện có vật liệu' },
  elementsWithQuantity: { en: 'Elements with a quantity', vi: 'Cấu kiện có khối lượng' },
  elementsClassified: { en: 'Elements classified', vi: 'Cấu kiện đã phân loại' },
  elementsWithDetachability: {
    en: 'Elements with detachability data',
    vi: 'Cấu kiện có dữ liệu tháo rời',
  },
  massWithCircularityData: {
    en: 'Mass with circularity data',
    vi: 'Khối lượng có dữ liệu tuần hoàn',
  },
  readyForPermit: { en: 'Ready for permit', vi: 'Đủ điều kiện cấp phép' },
  yes: { en: 'yes', vi: 'có' },
  no: { en: 'no', vi: 'không' },
  failing: { en: 'Below threshold', vi: 'Dưới ngưỡng' },
  na: { en: 'n/a', vi: 'không có dữ liệu' },
  site: { en: '  site', vi: '  khu đất' },
  structure: { en: '  structure', vi: '  kết cấu' },
  skin: { en: '  skin', vi: '  vỏ bao che' },
  services: { en: '  services', vi: '  hệ thống kỹ thuật' },
  spacePlan: { en: '  space plan', vi: '  bố trí không gian' },
  stuff: { en: '  stuff', vi: '  đồ đạc' },
  method: { en: 'method', vi: 'phương pháp' },
};

/** Renders the indicators as an aligned plain-text table (label, value, unit). */
export function formatIndicatorsTable(ind: Indicators, lang: Lang = 'en'): string {
  const t = (key: string): string => LABELS[key]?.[lang] ?? key;
  const rows: ([string, string, string] | string)[] = [];
  const na = `— (${t('na')})`;
  const n = (x: number | null, digits: number): string =>
    x === null
      ? na
      : x.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', {
          maximumFractionDigits: digits,
          minimumFractionDigits: digits,
        });
  const pct = (x: number | null): string => (x === null ? na : `${n(x * 100, 1)} %`);
  const row = (label: string, value: string, unit = ''): void =>
    void rows.push([label, value, unit]);
  const heading = (label: string): void => void rows.push(label);

  heading(t('mass'));
  row(t('massTotal'), n(ind.massKg.total, 0), 'kg');
  for (const [layer, kg] of Object.entries(ind.massKg.byLayer))
    row(t(layer), n(kg ?? null, 0), 'kg');

  heading(`${t('circularity')} — ${t('method')} ${ind.circularity.method}`);
  row(t('building'), n(ind.circularity.building, 2), '0–1');
  for (const [layer, v] of Object.entries(ind.circularity.byLayer))
    row(t(layer), n(v ?? null, 2), '0–1');

  heading(t('detachability'));
  row(t('building'), n(ind.detachability.building, 2), '0–1');
  for (const [layer, v] of Object.entries(ind.detachability.byLayer))
    row(t(layer), n(v ?? null, 2), '0–1');
  row(t('massShareWithData'), pct(ind.detachability.massShareWithData));

  heading(t('carbon'));
  const c = ind.carbon;
  row('A1–A3', n(c.A1A3, 0), 'kgCO2e');
  row('B4', n(c.B4, 0), 'kgCO2e');
  row('C3–C4', n(c.C3C4, 0), 'kgCO2e');
  row('D', n(c.D, 0), 'kgCO2e');
  row(t('perM2'), n(c.perM2, 1), 'kgCO2e/m²');
  row(t('biogenic'), n(c.biogenicKgC, 0), 'kg C');

  heading(t('value'));
  row(t('residual'), n(ind.value.residual, 0), ind.value.currency);
  row(t('residualVnd'), n(ind.value.residualVnd, 0), 'VND');

  heading(t('hazards'));
  const h = ind.hazards;
  row(t('hazardousMass'), n(h.hazardousMassKg, 0), 'kg');
  for (const s of h.substances)
    row(`  ${s.name}${s.cas !== null ? ` (CAS ${s.cas})` : ''}`, n(s.massKg, 1), 'kg');
  for (const k of ['recyclable', 'reusable', 'landfill', 'hazardous'] as const)
    row(t(k), n(h.wasteClasses[k], 0), 'kg');
  row(t('ewcCodes'), h.ewcCodes.length === 0 ? '—' : h.ewcCodes.join(', '));

  heading(t('completeness'));
  const k = ind.completeness;
  for (const key of [
    'elementsWithMaterial',
    'elementsWithQuantity',
    'elementsClassified',
    'elementsWithDetachability',
    'massWithCircularityData',
  ] as const) {
    row(t(key), pct(k[key]));
  }
  row(t('readyForPermit'), k.readyForPermit ? t('yes') : t('no'));
  for (const f of k.failing)
    row(`  ${t('failing')}: ${t(f.criterion)}`, `${pct(f.value)} < ${pct(f.threshold)}`);

  const cells = rows.filter((r): r is [string, string, string] => typeof r !== 'string');
  const w0 = Math.max(...cells.map((r) => r[0].length));
  const w1 = Math.max(...cells.map((r) => r[1].length));
  return rows
    .map((r, i) =>
      typeof r === 'string'
        ? `${i === 0 ? '' : '\n'}${r}`
        : `  ${r[0].padEnd(w0)}  ${r[1].padStart(w1)}  ${r[2]}`.trimEnd(),
    )
    .join('\n')
    .concat('\n');
}
