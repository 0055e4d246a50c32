/**
 * The IFC worker thread: owns one web-ifc instance (WASM, initialised once) and runs one
 * import at a time, so that parsing never blocks the server's event loop. Messages:
 * in `{ type: 'import', job }`, out `progress` | `result` | `error`.
 */
import { readFile } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import * as W from 'web-ifc';
import { isMatbankError, MatbankError } from '../core/errors.ts';
import { materialLibrary, type LibraryMaterial } from '../core/materials.ts';
import { extractPassport } from './extract.ts';
import { prepareInput } from './input.ts';

/** What the main thread sends for one import. */
export interface WorkerJob {
  id: number;
  path?: string;
  bytes?: Uint8Array;
  fileName: string;
  buildingRef?: string;
  library: LibraryMaterial[];
  overrides?: Record<string, string>;
  maxBytes: number;
  geometry: boolean;
  importedAt?: string;
}

let api: W.IfcAPI | undefined;
async function engine(): Promise<W.IfcAPI> {
  if (!api) {
    const a = new W.IfcAPI();
    await a.Init(undefined, true);
    a.SetLogLevel(W.LogLevel.LOG_LEVEL_OFF);
    api = a;
  }
  return api;
}

async function run(job: WorkerJob) {
  const port = parentPort!;
  try {
    let bytes = job.bytes;
    if (!bytes && job.path) {
      try {
        bytes = new Uint8Array(await readFile(job.path));
      } catch (e) {
        throw new MatbankError(
          'BAD_INPUT',
          `${job.fileName}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
        );
      }
    }
    if (!bytes) throw new MatbankError('BAD_INPUT', `${job.fileName}: no input`);
    const prepared = prepareInput(bytes, job.fileName, job.maxBytes);
    const ifc = await engine();
    let lastPost = 0;
    const { passport, report } = extractPassport(ifc, prepared, {
      fileName: job.fileName,
      buildingRef: job.buildingRef,
      library: materialLibrary(job.library),
      overrides: job.overrides,
      geometry: job.geometry,
      importedAt: job.importedAt,
      onProgress: (p) => {
        const now = Date.now();
        // Throttled: at most ~20 messages a second, plus each phase's end.
        if (now - lastPost > 50 || p.done === p.total) {
          lastPost = now;
          port.postMessage({ type: 'progress', id: job.id, progress: p });
        }
      },
    });
    port.postMessage({ type: 'result', id: job.id, passport, report });
  } catch (e) {
    if (isMatbankError(e)) {
      port.postMessage({
        type: 'error',
        id: job.id,
        code: e.code,
        message: e.message,
        details: e.details,
      });
    } else {
      // A WASM abort or trap surfaces as a RuntimeError: the engine is no longer trustworthy.
      const msg = e instanceof Error ? e.message : String(e);
      const fromEngine =
        (e instanceof Error && e.name === 'RuntimeError') || /abort|wasm|memory/i.test(msg);
      port.postMessage({
        type: 'error',
        id: job.id,
        code: fromEngine ? 'BAD_INPUT' : 'INTERNAL',
        message: fromEngine
          ? `${job.fileName}: the IFC engine (web-ifc) failed on this file: ${msg}`
          : `${job.fileName}: import failed: ${msg}`,
        details: [],
        fatal: fromEngine,
      });
    }
  }
}

parentPort?.on('message', (msg: { type: string; job?: WorkerJob }) => {
  if (msg.type === 'import' && msg.job) void run(msg.job);
  // Test hook: lets the test suite check that a dying worker becomes an error, not a hang.
  else if (msg.type === 'crash-for-test') process.exit(134);
  else if (msg.type === 'abort-for-test') {
    const e = new Error('abort() for test');
    e.name = 'RuntimeError';
    throw e;
  }
});
