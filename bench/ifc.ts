/**
 * IFC import benchmark (`npm run bench:ifc` → `node --import tsx bench/ifc.ts [elements]`).
 * For each model in ../shared/data/ifc and a synthetic model (scripts/gen-synthetic-ifc.ts,
 * default 200 000 elements, written to bench/out/, not committed) it prints:
 *   - bare: web-ifc OpenModel + GetAllLines + GetLine for every line (the baseline),
 *   - ours: extractPassport in-process with geometry off (the work the worker does, without
 *     thread start-up), comparable with the bare parse, which reads no geometry either,
 *   - ratio ours / bare, elements per second, peak RSS and heap,
 *   - +geom: the same with the default geometry fallback (mesh volumes for elements that
 *     have no quantity at all),
 *   - worker: importIfc end to end through the (warm) worker thread.
 * Each figure is the best of `RUNS` runs (the machine is shared, so the best is the least noisy).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as W from 'web-ifc';
import { extractPassport } from '../src/ifc/extract.ts';
import { closeIfcImporter, importIfc } from '../src/ifc/index.ts';
import { prepareInput } from '../src/ifc/input.ts';
import { loadMaterialLibrary } from '../src/reference/index.ts';
import { writeSyntheticIfcFile } from '../scripts/gen-synthetic-ifc.ts';

const repoRoot = path.resolve(import.meta.dirname, '..');
const ifcDir = path.resolve(repoRoot, '../shared/data/ifc');
const syntheticElements = Number(process.argv[2] ?? 200_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

const api = new W.IfcAPI();
await api.Init(undefined, true);
api.SetLogLevel(W.LogLevel.LOG_LEVEL_OFF);
const library = loadMaterialLibrary();

let peakRss = 0;
let peakHeap = 0;
const sample = () => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
};
const timer = setInterval(sample, 20);

function bare(bytes: Uint8Array): { ms: number; lines: number } {
  const t = performance.now();
  const id = api.OpenModel(bytes);
  const all = api.GetAllLines(id);
  const n = all.size();
  for (let i = 0; i < n; i++) api.GetLine(id, all.get(i));
  api.CloseModel(id);
  return { ms: performance.now() - t, lines: n };
}

function ours(
  bytes: Uint8Array,
  name: string,
  geometry: boolean,
): { ms: number; elements: number; massKg: number } {
  const t = performance.now();
  const prepared = prepareInput(bytes, name);
  const { report } = extractPassport(api, prepared, { fileName: name, library, geometry });
  return {
    ms: performance.now() - t,
    elements: report.counts.elements,
    massKg: report.mass.totalKg,
  };
}

const best = <T extends { ms: number }>(f: () => T): T => {
  let b: T | undefined;
  for (let i = 0; i < RUNS; i++) {
    const r = f();
    sample();
    if (!b || r.ms < b.ms) b = r;
  }
  return b!;
};

const files: { name: string; file: string }[] = readdirSync(ifcDir)
  .filter((f) => f.endsWith('.ifc'))
  .sort()
  .map((f) => ({ name: f, file: path.join(ifcDir, f) }));
const synthPath = path.join(repoRoot, 'bench/out', `synthetic-${syntheticElements}.ifc`);
if (!existsSync(synthPath)) {
  const t = performance.now();
  const r = await writeSyntheticIfcFile(synthPath, { elements: syntheticElements });
  console.log(
    `generated ${path.relative(repoRoot, synthPath)}: ${r.lines} lines, ${(r.bytes / 1e6).toFixed(1)} MB in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
}
files.push({ name: path.basename(synthPath), file: synthPath });

// Warm the worker once so that the per-model worker figure is the import, not thread start-up.
const tw = performance.now();
await importIfc(files[0]!.file, { library });
const workerStartMs = performance.now() - tw;

console.log(
  `node ${process.version}, web-ifc ${api.GetVersion()}, best of ${RUNS}; first worker import incl. start-up ${workerStartMs.toFixed(0)} ms`,
);
console.log(
  [
    'model'.padEnd(30),
    'MB'.padStart(6),
    'lines'.padStart(9),
    'elements'.padStart(9),
    'bare ms'.padStart(9),
    'ours ms'.padStart(9),
    'ratio'.padStart(6),
    'elem/s'.padStart(9),
    '+geom ms'.padStart(9),
    'worker ms'.padStart(10),
    'RSS MB'.padStart(7),
    'heap MB'.padStart(8),
  ].join(' '),
);
for (const { name, file } of files) {
  peakRss = 0;
  peakHeap = 0;
  const bytes = new Uint8Array(readFileSync(file));
  const b = best(() => bare(bytes));
  const o = best(() => ours(bytes, name, false));
  const og = best(() => ours(bytes, name, true));
  const tw2 = performance.now();
  await importIfc(file, { library });
  const workerMs = performance.now() - tw2;
  sample();
  console.log(
    [
      name.padEnd(30),
      (bytes.length / 1e6).toFixed(1).padStart(6),
      String(b.lines).padStart(9),
      String(o.elements).padStart(9),
      b.ms.toFixed(0).padStart(9),
      o.ms.toFixed(0).padStart(9),
      (o.ms / b.ms).toFixed(2).padStart(6),
      Math.round(o.elements / (o.ms / 1000))
        .toString()
        .padStart(9),
      og.ms.toFixed(0).padStart(9),
      workerMs.toFixed(0).padStart(10),
      (peakRss / 1e6).toFixed(0).padStart(7),
      (peakHeap / 1e6).toFixed(0).padStart(8),
    ].join(' '),
  );
}
clearInterval(timer);
await closeIfcImporter();
