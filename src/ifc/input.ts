/**
 * Checks on the bytes before web-ifc sees them: .ifczip unpacking with a zip-bomb guard,
 * "is this a STEP file", the FILE_SCHEMA we support, and truncation. web-ifc itself is
 * lenient (it opens a file cut in half and returns the lines it got), so these checks are
 * what turns bad input into one clear error.
 */
import { Unzip, UnzipInflate } from 'fflate';
import { MatbankError } from '../core/errors.ts';

/** Default cap on the IFC text size (after unzipping), bytes. */
export const DEFAULT_MAX_BYTES = 512 * 1024 * 1024;
/** An .ifczip may expand at most this many times its compressed size (STEP text packs ~5–20×). */
export const MAX_ZIP_RATIO = 200;

/** Schemas we read; web-ifc's aliases for others (IFC2X2, IFC4X1 …) are refused. */
export const SUPPORTED_SCHEMAS = ['IFC2X3', 'IFC4', 'IFC4X3'] as const;
export type SupportedSchema = (typeof SUPPORTED_SCHEMAS)[number];
/** FILE_SCHEMA identifiers web-ifc 0.0.78 opens as written (tested in test/ifc/bad-input.test.ts). */
const WEB_IFC_OPENS = new Set(['IFC2X3', 'IFC4', 'IFC4X3', 'IFC4X3_ADD2']);

export interface PreparedInput {
  bytes: Uint8Array;
  schema: SupportedSchema;
  /** FILE_SCHEMA as written, e.g. IFC4X3_ADD2. */
  schemaId: string;
  /** Name of the .ifc entry when the input was an .ifczip. */
  zipEntry?: string;
  application?: string;
}

const isZip = (b: Uint8Array) =>
  b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/** Unzips the first .ifc entry, refusing anything that expands past the caps. */
export function unzipIfc(
  zip: Uint8Array,
  where: string,
  maxBytes: number,
): { bytes: Uint8Array; entry: string } {
  const cap = Math.min(maxBytes, Math.max(1024 * 1024, zip.length * MAX_ZIP_RATIO));
  const chunks: Uint8Array[] = [];
  let total = 0;
  let entry: string | undefined;
  let failure: MatbankError | undefined;
  const names: string[] = [];
  const unzip = new Unzip((file) => {
    names.push(file.name);
    if (entry !== undefined || failure || !/\.ifc$/i.test(file.name)) return;
    entry = file.name;
    if (file.originalSize !== undefined && file.originalSize > cap) {
      failure = tooBig(where, file.name, file.originalSize, cap, zip.length);
      return;
    }
    file.ondata = (err, chunk, final) => {
      if (failure) return;
      if (err) {
        failure = new MatbankError(
          'BAD_INPUT',
          `${where}: the .ifczip entry ${file.name} is damaged (${err.message})`,
        );
        return;
      }
      total += chunk.length;
      if (total > cap) {
        failure = tooBig(where, file.name, total, cap, zip.length);
        file.terminate();
        return;
      }
      chunks.push(chunk);
      void final;
    };
    try {
      file.start();
    } catch (e) {
      failure = new MatbankError(
        'UNSUPPORTED_FORMAT',
        `${where}: cannot unpack ${file.name} (${(e as Error).message})`,
      );
    }
  });
  unzip.register(UnzipInflate);
  // Pushed in slices so that an entry that blows past the cap stops us early.
  const slice = 1 << 20;
  try {
    for (let off = 0; off < zip.length && !failure; off += slice) {
      unzip.push(zip.subarray(off, Math.min(zip.length, off + slice)), off + slice >= zip.length);
    }
  } catch (e) {
    if (!failure)
      failure = new MatbankError(
        'BAD_INPUT',
        `${where}: the .ifczip is damaged (${(e as Error).message})`,
      );
  }
  if (failure) throw failure;
  if (entry === undefined) {
    throw new MatbankError(
      'UNSUPPORTED_FORMAT',
      `${where}: the zip holds no .ifc file (found: ${names.slice(0, 5).join(', ') || 'nothing'})`,
    );
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.length;
  }
  return { bytes, entry };
}

function tooBig(
  where: string,
  name: string,
  size: number,
  cap: number,
  zipBytes: number,
): MatbankError {
  return new MatbankError(
    'TOO_LARGE',
    `${where}: ${name} expands to more than ${fmtBytes(cap)} (${size > cap ? `at least ${fmtBytes(size)}` : fmtBytes(size)} from ${fmtBytes(zipBytes)} zipped); refused as a possible zip bomb`,
  );
}

/** `12.3 MB` */
export function fmtBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** Number of the line (1-based) at byte offset `at`. */
function lineAt(bytes: Uint8Array, at: number): number {
  let line = 1;
  for (let i = 0; i < at && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/**
 * Validates and (for .ifczip) unpacks the input. Throws one MatbankError naming what is
 * wrong and where: not STEP, unsupported FILE_SCHEMA, truncated, too large, zip bomb.
 */
export function prepareInput(
  input: Uint8Array,
  where: string,
  maxBytes: number = DEFAULT_MAX_BYTES,
): PreparedInput {
  if (input.length > maxBytes) {
    throw new MatbankError(
      'TOO_LARGE',
      `${where}: ${fmtBytes(input.length)} is over the limit of ${fmtBytes(maxBytes)}`,
    );
  }
  let bytes = input;
  let zipEntry: string | undefined;
  if (isZip(input)) {
    const z = unzipIfc(input, where, maxBytes);
    bytes = z.bytes;
    zipEntry = z.entry;
    where = `${where}!${z.entry}`;
  }
  if (bytes.length === 0) throw new MatbankError('BAD_INPUT', `${where}: the file is empty`);
  const headLen = Math.min(bytes.length, 256 * 1024);
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, headLen));
  const start = head.replace(/^\uFEFF/, '').trimStart();
  if (!start.startsWith('ISO-10303-21;')) {
    const what = start.startsWith('<')
      ? 'XML (ifcXML is not supported; export IFC-SPF .ifc)'
      : start.startsWith('{')
        ? 'JSON'
        : `text starting "${start.slice(0, 30).replace(/[^\x20-\x7e]/g, '?')}"`;
    throw new MatbankError(
      'UNSUPPORTED_FORMAT',
      `${where}: line 1: not an IFC STEP file (ISO-10303-21 expected, found ${what})`,
    );
  }
  const schemaMatch = /FILE_SCHEMA\s*\(\s*\(\s*'([^']*)'/i.exec(head);
  if (!schemaMatch) {
    const endsec = head.indexOf('ENDSEC;');
    throw new MatbankError(
      'UNSUPPORTED_FORMAT',
      `${where}: line ${lineAt(bytes, endsec < 0 ? headLen : endsec)}: the header has no FILE_SCHEMA`,
    );
  }
  const schemaId = (schemaMatch[1] ?? '').trim().toUpperCase();
  const schema: SupportedSchema | undefined = /^IFC2X3(_TC1|_FINAL)?$/.test(schemaId)
    ? 'IFC2X3'
    : /^IFC4(_ADD[12](_TC1)?)?$/.test(schemaId)
      ? 'IFC4'
      : /^IFC4X3(_(ADD[12]|RC\d|TC1))*$/.test(schemaId)
        ? 'IFC4X3'
        : undefined;
  if (!schema) {
    throw new MatbankError(
      'UNSUPPORTED_FORMAT',
      `${where}: line ${lineAt(bytes, schemaMatch.index)}: FILE_SCHEMA '${schemaMatch[1]}' is not supported (${SUPPORTED_SCHEMAS.join(', ')} are)`,
    );
  }
  // A complete STEP file ends with END-ISO-10303-21; (trailing whitespace allowed).
  let end = bytes.length;
  while (
    end > 0 &&
    (bytes[end - 1] === 0x20 ||
      bytes[end - 1] === 0x0a ||
      bytes[end - 1] === 0x0d ||
      bytes[end - 1] === 0x09 ||
      bytes[end - 1] === 0)
  )
    end--;
  const tail = new TextDecoder('latin1').decode(bytes.subarray(Math.max(0, end - 4096), end));
  if (!/END-ISO-10303-21;$/i.test(tail)) {
    const lines = lineAt(bytes, end);
    const lastLine = tail.slice(tail.lastIndexOf('\n') + 1);
    throw new MatbankError(
      'BAD_INPUT',
      `${where}: line ${lines}: truncated (the file ends with "${lastLine.slice(0, 60)}" instead of END-ISO-10303-21;)`,
    );
  }
  if (!/ENDSEC;\s*END-ISO-10303-21;$/i.test(tail)) {
    throw new MatbankError(
      'BAD_INPUT',
      `${where}: line ${lineAt(bytes, end)}: the DATA section is not closed (ENDSEC; missing before END-ISO-10303-21;)`,
    );
  }
  // web-ifc opens only the identifiers it knows exactly (IFC4 but not IFC4_ADD2_TC1,
  // IFC4X3_ADD2 but not IFC4X3_TC1): give it the family's plain name, in a copy, padded with
  // blanks after the closing quote so that no byte moves. The report keeps the original.
  if (!WEB_IFC_OPENS.has(schemaId)) {
    const quoteAt = schemaMatch.index + schemaMatch[0].length - 1;
    const idAt = quoteAt - (schemaMatch[1] ?? '').length;
    const copy = new Uint8Array(bytes);
    const replacement = `${schema}'`.padEnd(quoteAt + 1 - idAt, ' ');
    for (let i = 0; i < replacement.length; i++) copy[idAt + i] = replacement.charCodeAt(i);
    bytes = copy;
  }
  const app =
    /FILE_NAME\s*\(\s*'(?:[^']|'')*'\s*,\s*'(?:[^']|'')*'\s*,\s*\([^)]*\)\s*,\s*\([^)]*\)\s*,\s*'((?:[^']|'')*)'\s*,\s*'((?:[^']|'')*)'/i.exec(
      head,
    );
  const application = app
    ? (app[2] || app[1] || '').replace(/''/g, "'").trim() || undefined
    : undefined;
  return { bytes, schema, schemaId, zipEntry, application };
}
