/**
 * The import report as text for people (CLI, logs): counts, mass and where it came from,
 * then what is missing, each item naming the element.
 */
import type { ElementRef, ImportReport } from '../core/import-report.ts';

const kg = (x: number) => `${x.toLocaleString('en-US', { maximumFractionDigits: 0 })} kg`;
const m3 = (x: number) => `${x.toLocaleString('en-US', { maximumFractionDigits: 3 })} m³`;
const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)} %`);
const who = (e: ElementRef) =>
  `${e.ifcClass ?? 'element'} ${e.ifcGlobalId ?? e.id}${e.name ? ` "${e.name}"` : ''}`;

/** Formats an {@link ImportReport} as readable text; lists are cut at `maxItems` each. */
export function formatImportReport(report: ImportReport, maxItems = 20): string {
  const out: string[] = [];
  const s = report.source;
  out.push(
    `Import of ${s.file} (${s.kind}${s.schema ? ` ${s.schema}` : ''}${s.application ? `, ${s.application}` : ''}) in ${report.durationMs} ms`,
  );
  out.push(
    `  ${report.counts.elements} elements, ${report.counts.materialUses} material uses, ${report.counts.materials} distinct materials`,
  );
  out.push(
    `  total mass ${kg(report.mass.totalKg)}: measured ${pct(report.mass.measuredShare)}, derived ${pct(report.mass.derivedShare)}`,
  );
  const src = Object.entries(report.mass.bySourceKg).sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0));
  for (const [k, v] of src) out.push(`    ${k.padEnd(15)} ${kg(v ?? 0)}`);
  const section = <T>(title: string, items: readonly T[], fmt: (t: T) => string) => {
    if (items.length === 0) return;
    out.push(`${title} (${items.length}):`);
    for (const i of items.slice(0, maxItems)) out.push(`  - ${fmt(i)}`);
    if (items.length > maxItems) out.push(`  … and ${items.length - maxItems} more`);
  };
  section('Elements without material', report.elementsWithoutMaterial, who);
  section('Elements without quantity (no mass)', report.elementsWithoutQuantity, who);
  section('Unmatched materials (add an override to map them)', report.unmatchedMaterials, (u) => {
    const noMass = u.usesWithoutMass ?? 0;
    const volume = u.volumeM3 ? `, ${m3(u.volumeM3)}` : '';
    const mass =
      noMass === u.uses
        ? `no mass (no density)${volume}`
        : `${kg(u.massKg)} (${pct(u.massShare)})${volume}${noMass > 0 ? `, ${noMass} uses without mass` : ''}`;
    return `"${u.name}": ${mass}, ${u.uses} uses — ${u.reason}`;
  });
  section(
    'Warnings',
    report.warnings,
    (w) => `[${w.code}] ${w.element ? `${who(w.element)}: ` : ''}${w.message}`,
  );
  return out.join('\n');
}
