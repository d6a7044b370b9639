import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Content-addressed storage for the shared materials library (审批资料共享库): a material is stored once
 * under the SHA-256 of its bytes and every case that uses it refers to that hash (一次申报、多次使用).
 */
export interface StoredFile {
  sha256: string;
  size: number;
  contentType: string;
}

export interface FileStore {
  /** `created` is false when the same bytes were stored before. */
  put(data: Buffer, contentType: string): Promise<StoredFile & { created: boolean }>;
  /** The stored bytes, or null when nothing is stored under this hash (or it is not a SHA-256 hex). */
  get(sha256: string): Promise<Buffer | null>;
  exists(sha256: string): Promise<boolean>;
}

const SHA256_HEX = /^[0-9a-f]{64}$/u;

/**
 * Files live at `<root>/<first 2 hex>/<sha256>` (two-character fan-out keeps directories small).
 *
 * - Writes go to a temporary file in the target directory, are fsynced, then renamed over the final
 *   name: rename within one directory is atomic, so readers see the whole file or none of it, and
 *   concurrent puts of the same bytes can only replace a complete file with an identical one.
 * - `get` re-hashes what it read and throws on a mismatch: a material shown to a reviewer must be the
 *   one the applicant submitted.
 * - `put` of bytes that are already stored re-hashes the stored copy and rewrites it if it is damaged,
 *   since the caller holding the true bytes is the only chance to repair it.
 * - `created` is advisory when the same new bytes are put concurrently: more than one caller may see
 *   true. The bytes on disk are the same either way.
 * - A crash between writing and renaming leaves a `.<sha256>.<uuid>.tmp` file behind; such names can
 *   never be mistaken for a stored file and can be swept by age.
 */
export class DiskFileStore implements FileStore {
  constructor(private readonly root: string) {}

  async put(data: Buffer, contentType: string): Promise<StoredFile & { created: boolean }> {
    const sha256 = hashOf(data);
    const stored: StoredFile = { sha256, size: data.length, contentType };
    const path = this.pathOf(sha256);
    if ((await readIfPresent(path, sha256)).status === 'intact') return { ...stored, created: false };

    const dir = this.dirOf(sha256);
    await mkdir(dir, { recursive: true });
    const temp = join(dir, `.${sha256}.${randomUUID()}.tmp`);
    try {
      const handle = await open(temp, 'wx');
      try {
        await handle.writeFile(data);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, path);
    } finally {
      await rm(temp, { force: true });
    }
    await syncDirectory(dir);
    return { ...stored, created: true };
  }

  async get(sha256: string): Promise<Buffer | null> {
    if (!SHA256_HEX.test(sha256)) return null;
    const path = this.pathOf(sha256);
    const read = await readIfPresent(path, sha256);
    if (read.status === 'missing') return null;
    if (read.status === 'damaged') {
      throw new Error(`stored file ${path} does not match its SHA-256 (content hashes to ${read.actual})`);
    }
    return read.data;
  }

  /** Presence only; the content is verified when it is read. */
  async exists(sha256: string): Promise<boolean> {
    if (!SHA256_HEX.test(sha256)) return false;
    try {
      return (await stat(this.pathOf(sha256))).isFile();
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  private dirOf(sha256: string): string {
    return join(this.root, sha256.slice(0, 2));
  }

  private pathOf(sha256: string): string {
    return join(this.dirOf(sha256), sha256);
  }
}

type ReadResult = { status: 'missing' } | { status: 'intact'; data: Buffer } | { status: 'damaged'; actual: string };

async function readIfPresent(path: string, expected: string): Promise<ReadResult> {
  let data: Buffer;
  try {
    data = await readFile(path);
  } catch (error) {
    if (isNotFound(error)) return { status: 'missing' };
    throw error;
  }
  const actual = hashOf(data);
  return actual === expected ? { status: 'intact', data } : { status: 'damaged', actual };
}

/** Makes the rename itself durable; Windows cannot open a directory, and the service runs on Linux. */
async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function hashOf(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function isNotFound(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}

// ---------------------------------------------------------------------------------------------------
// What the materials library accepts
// ---------------------------------------------------------------------------------------------------

export const MATERIAL_CONTENT_TYPES = [
  'application/pdf',
  'image/jpeg',
  'image/png',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
] as const;

export type MaterialContentType = (typeof MATERIAL_CONTENT_TYPES)[number];

export const MATERIAL_LIMITS: { readonly maxBytes: number; readonly contentTypes: readonly string[] } = Object.freeze({
  maxBytes: 20 * 1024 * 1024,
  contentTypes: Object.freeze([...MATERIAL_CONTENT_TYPES]),
});

const PDF = Buffer.from('%PDF-', 'latin1');
const JPEG = Buffer.from([0xff, 0xd8, 0xff]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const ZIP_LOCAL_HEADER = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const ZIP_CENTRAL_HEADER = Buffer.from([0x50, 0x4b, 0x01, 0x02]);

/**
 * The type the bytes say they are, one of `MATERIAL_CONTENT_TYPES`, or null: the declared type comes
 * from the uploader's browser and is not trusted.
 *
 * Word and Excel files are ZIP packages told apart by their part names (`word/…`, `xl/…`) next to
 * `[Content_Types].xml`. Entry names are read from every local and central-directory header rather
 * than from the first few KB, because writers order parts differently (a large `docProps/thumbnail`
 * first pushes `word/` far down) and some write sizes only after the data.
 */
export function sniffContentType(data: Buffer): MaterialContentType | null {
  if (startsWith(data, PDF)) return 'application/pdf';
  if (startsWith(data, JPEG)) return 'image/jpeg';
  if (startsWith(data, PNG)) return 'image/png';
  if (startsWith(data, ZIP_LOCAL_HEADER)) return sniffOfficePackage(data);
  return null;
}

function sniffOfficePackage(data: Buffer): MaterialContentType | null {
  let contentTypes = false;
  let word = false;
  let excel = false;
  for (const name of zipEntryNames(data)) {
    if (name === '[Content_Types].xml') contentTypes = true;
    else if (name.startsWith('word/')) word = true;
    else if (name.startsWith('xl/')) excel = true;
  }
  if (!contentTypes || word === excel) return null;
  return word ? 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
}

/**
 * Names at every header signature. A signature that occurs by chance inside compressed data yields a
 * garbage name, which matches none of the names looked for.
 */
function* zipEntryNames(data: Buffer): Generator<string> {
  // Local header: name length at +26, name at +30. Central header: name length at +28, name at +46.
  const layouts = [
    { signature: ZIP_LOCAL_HEADER, lengthAt: 26, nameAt: 30 },
    { signature: ZIP_CENTRAL_HEADER, lengthAt: 28, nameAt: 46 },
  ];
  for (const { signature, lengthAt, nameAt } of layouts) {
    for (let at = data.indexOf(signature); at !== -1; at = data.indexOf(signature, at + 4)) {
      if (at + nameAt > data.length) break;
      const length = data.readUInt16LE(at + lengthAt);
      if (at + nameAt + length > data.length) continue;
      yield data.toString('latin1', at + nameAt, at + nameAt + length);
    }
  }
}

function startsWith(data: Buffer, prefix: Buffer): boolean {
  return data.length >= prefix.length && data.subarray(0, prefix.length).equals(prefix);
}
