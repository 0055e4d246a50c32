/**
 * IFC import: `importIfc(file or bytes) → { passport, report }`. The work runs in a worker
 * thread (src/ifc/worker.ts, one web-ifc instance kept warm between imports) so that a
 * server stays responsive while a model is parsed; a crash or abort inside the worker
 * becomes a MatbankError for that import, never a hung promise.
 */
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { Worker } from 'node:worker_threads';
import { MatbankError, type ErrorCode } from '../core/errors.ts';
import type { ImportReport } from '../core/import-report.ts';
import type { MaterialLibrary } from '../core/materials.ts';
import type { Passport } from '../core/passport/schema.ts';
import { loadMaterialLibrary } from '../reference/index.ts';
import { GEOMETRY_DEFAULT, type ImportProgress } from './extract.ts';
import { DEFAULT_MAX_BYTES, fmtBytes, prepareInput } from './input.ts';
import type { WorkerJob } from './worker.ts';

/** Old-generation heap of the import worker: 4 GiB holds a 200 000-element model with room. */
const WORKER_HEAP_MB = 4096;

export { formatImportReport } from './report.ts';
export { DEFAULT_MAX_BYTES, MAX_ZIP_RATIO, SUPPORTED_SCHEMAS } from './input.ts';
export { GEOMETRY_DEFAULT } from './extract.ts';
export type { ImportProgress } from './extract.ts';

/** Options of {@link importIfc}. */
export interface ImportIfcOptions {
  /** Building ref for the passport; default derived from the file name. */
  buildingRef?: string;
  /** Name for messages and the report; default the path's base name, or `model.ifc`. */
  fileName?: string;
  /** Materials library to match against; default the shipped library (src/reference). */
  library?: MaterialLibrary;
  /** Normalised model material name → library material id, applied before matching. */
  overrides?: Record<string, string>;
  /** Refuse inputs (and unzipped .ifczip contents) larger than this; default 512 MiB. */
  maxBytes?: number;
  /**
   * Volumes from the body mesh for elements with no weight, volume or area × thickness
   * (closed meshes only; open ones are warned as GEOMETRY_OPEN). Default {@link GEOMETRY_DEFAULT}
   * (true); `false` is the CLI's `--no-geometry`.
   */
  geometry?: boolean;
  onProgress?: (p: ImportProgress) => void;
  /** Give up (and restart the worker) after this long; default 10 minutes. */
  timeoutMs?: number;
  /** Pins passport.source.importedAt (reproducible output). */
  importedAt?: string;
}

/** The result of an import: the passport draft and what the model lacks. */
export interface IfcImportResult {
  passport: Passport;
  report: ImportReport;
}

interface Pending {
  resolve: (r: IfcImportResult) => void;
  reject: (e: unknown) => void;
  onProgress?: (p: ImportProgress) => void;
  fileName: string;
  timer?: ReturnType<typeof setTimeout>;
}

let worker: Worker | undefined;
let pending: { id: number; p: Pending; worker: Worker } | undefined;
let nextId = 1;
let chain: Promise<unknown> = Promise.resolve();

function fail(code: ErrorCode, message: string): MatbankError {
  return new MatbankError(code, message);
}

function settle(kind: 'ok' | 'err', value: unknown) {
  const cur = pending;
  if (!cur) return;
  pending = undefined;
  if (cur.p.timer) clearTimeout(cur.p.timer);
  worker?.unref();
  if (kind === 'ok') cur.p.resolve(value as IfcImportResult);
  else cur.p.reject(value);
}

function killWorker() {
  const w = worker;
  worker = undefined;
  if (w) void w.terminate();
}

function getWorker(): Worker {
  if (worker) return worker;
  // The parent's --input-type / --eval flags must not reach the worker (they make it fail).
  const execArgv = process.execArgv.filter((a) => !/^--(input-type|eval|print)\b|^-[ep]$/.test(a));
  // With its own heap limit a worker that runs out of memory on a huge model is stopped
  // (ERR_WORKER_OUT_OF_MEMORY → 'error' below) instead of taking the whole process down.
  const w = new Worker(new URL('./worker-entry.mjs', import.meta.url), {
    execArgv,
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
  });
  w.on('message', (msg: { type: string; id: number; [k: string]: unknown }) => {
    if (!pending || msg.id !== pending.id) return;
    if (msg.type === 'progress') pending.p.onProgress?.(msg.progress as ImportProgress);
    else if (msg.type === 'result') settle('ok', { passport: msg.passport, report: msg.report });
    else if (msg.type === 'error') {
      if (msg.fatal) killWorker();
      settle(
        'err',
        new MatbankError(
          msg.code as ErrorCode,
          msg.message as string,
          (msg.details as { path: string; message: string }[]) ?? [],
        ),
      );
    }
  });
  // Only the job running on this worker may be failed by its death (a replacement worker
  // may already be running the next job when the old one's 'exit' arrives).
  w.on('error', (e) => {
    if (worker === w) worker = undefined;
    if (pending?.worker !== w) return;
    const name = pending?.p.fileName ?? 'IFC import';
    settle(
      'err',
      fail(
        'BAD_INPUT',
        `${name}: the IFC worker crashed while reading the model: ${e instanceof Error ? e.message : String(e)}`,
      ),
    );
  });
  w.on('exit', (code) => {
    if (worker === w) worker = undefined;
    if (pending?.worker !== w) return;
    const name = pending?.p.fileName ?? 'IFC import';
    settle(
      'err',
      fail(
        'BAD_INPUT',
        `${name}: the IFC worker stopped (exit code ${code}) while reading the model, e.g. out of memory`,
      ),
    );
  });
  w.unref();
  worker = w;
  return w;
}

function runJob(
  job: Omit<WorkerJob, 'id'> & { testCrash?: 'exit' | 'abort' },
  onProgress: ((p: ImportProgress) => void) | undefined,
  timeoutMs: number,
): Promise<IfcImportResult> {
  const result = chain.then(
    () =>
      new Promise<IfcImportResult>((resolve, reject) => {
        const id = nextId++;
        const w = getWorker();
        const p: Pending = { resolve, reject, onProgress, fileName: job.fileName };
        pending = { id, p, worker: w };
        w.ref();
        p.timer = setTimeout(() => {
          killWorker();
          settle(
            'err',
            fail(
              'BAD_INPUT',
              `${job.fileName}: the import did not finish within ${Math.round(timeoutMs / 1000)} s; stopped`,
            ),
          );
        }, timeoutMs);
        if (job.testCrash)
          w.postMessage({ type: job.testCrash === 'exit' ? 'crash-for-test' : 'abort-for-test' });
        else w.postMessage({ type: 'import', job: { ...job, id } });
      }),
  );
  chain = result.catch(() => undefined);
  return result;
}

/** The shipped library (data/materials.csv via src/reference), loaded once per process. */
function loadDefaultLibrary(): MaterialLibrary {
  return loadMaterialLibrary();
}

/**
 * Imports an IFC (IFC2X3, IFC4, IFC4X3; .ifc or .ifczip) file path or bytes into a passport
 * draft and an import report. Rejects with one MatbankError (BAD_INPUT, UNSUPPORTED_FORMAT,
 * TOO_LARGE) for input it cannot read; never returns a partial passport.
 */
export async function importIfc(
  input: string | Uint8Array,
  opts: ImportIfcOptions = {},
): Promise<IfcImportResult> {
  return importIfcInternal(input, opts);
}

/** @internal importIfc plus test hooks (simulated worker crash / WASM abort). */
export async function importIfcInternal(
  input: string | Uint8Array,
  opts: ImportIfcOptions & { testCrash?: 'exit' | 'abort' } = {},
): Promise<IfcImportResult> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const fileName = opts.fileName ?? (typeof input === 'string' ? basename(input) : 'model.ifc');
  if (typeof input === 'string') {
    let size: number;
    try {
      size = (await stat(input)).size;
    } catch (e) {
      throw fail(
        'BAD_INPUT',
        `${fileName}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
      );
    }
    if (size > maxBytes)
      throw fail(
        'TOO_LARGE',
        `${fileName}: ${fmtBytes(size)} is over the limit of ${fmtBytes(maxBytes)}`,
      );
  } else if (input.length > maxBytes) {
    throw fail(
      'TOO_LARGE',
      `${fileName}: ${fmtBytes(input.length)} is over the limit of ${fmtBytes(maxBytes)}`,
    );
  }
  const library = opts.library ?? loadDefaultLibrary();
  const job: Omit<WorkerJob, 'id'> & { testCrash?: 'exit' | 'abort' } = {
    ...(typeof input === 'string' ? { path: input } : { bytes: input }),
    fileName,
    buildingRef: opts.buildingRef,
    library: [...library.all()],
    overrides: opts.overrides,
    maxBytes,
    geometry: opts.geometry ?? GEOMETRY_DEFAULT,
    importedAt: opts.importedAt,
    testCrash: opts.testCrash,
  };
  return runJob(job, opts.onProgress, opts.timeoutMs ?? 10 * 60_000);
}

/** Stops the IFC worker (it is unref'd, so this is only needed for a clean shutdown). */
export async function closeIfcImporter(): Promise<void> {
  const w = worker;
  worker = undefined;
  if (w) await w.terminate();
}

/**
 * Reads the FILE_SCHEMA of IFC bytes (unzipping an .ifczip) without parsing the model, and
 * runs the same checks as an import (not STEP, unsupported schema, truncated, too large).
 */
export function readIfcSchema(
  bytes: Uint8Array,
  fileName = 'model.ifc',
  maxBytes = DEFAULT_MAX_BYTES,
): { schema: 'IFC2X3' | 'IFC4' | 'IFC4X3'; schemaId: string; application?: string } {
  const p = prepareInput(bytes, fileName, maxBytes);
  return {
    schema: p.schema,
    schemaId: p.schemaId,
    ...(p.application ? { application: p.application } : {}),
  };
}
