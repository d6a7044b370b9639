import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { DiskFileStore, MATERIAL_LIMITS, sniffContentType } from './file-store';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** A stored (uncompressed) ZIP with a central directory, enough to be a real package to `unzip`. */
function makeZip(entries: Array<[name: string, content: Buffer | string]>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, raw] of entries) {
    const content = Buffer.isBuffer(raw) ? raw : Buffer.from(raw);
    const nameBytes = Buffer.from(name);
    const crc = crc32(content);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(content.length, 18);
    local.writeUInt32LE(content.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(content.length, 20);
    central.writeUInt32LE(content.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, content);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + content.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const CONTENT_TYPES_XML = '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>';

function makeDocx(extra: Array<[string, Buffer | string]> = []): Buffer {
  return makeZip([['[Content_Types].xml', CONTENT_TYPES_XML], ...extra, ['_rels/.rels', '<Relationships/>'], ['word/document.xml', '<w:document/>']]);
}

function makeXlsx(): Buffer {
  return makeZip([
    ['[Content_Types].xml', CONTENT_TYPES_XML],
    ['_rels/.rels', '<Relationships/>'],
    ['xl/workbook.xml', '<workbook/>'],
    ['xl/worksheets/sheet1.xml', '<worksheet/>'],
  ]);
}

describe('DiskFileStore', () => {
  let root: string;
  let store: DiskFileStore;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'file-store-'));
    store = new DiskFileStore(root);
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  async function storedFiles(): Promise<string[]> {
    const entries = await readdir(root, { recursive: true, withFileTypes: true });
    return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
  }

  it('stores bytes under their SHA-256 with a two-character fan-out and reads them back', async () => {
    const data = Buffer.from('%PDF-1.7 营业执照副本');
    const hash = sha256(data);

    const stored = await store.put(data, 'application/pdf');

    expect(stored).toEqual({ sha256: hash, size: data.length, contentType: 'application/pdf', created: true });
    expect(await storedFiles()).toEqual([join(root, hash.slice(0, 2), hash)]);
    expect(await store.get(hash)).toEqual(data);
    expect(await store.exists(hash)).toBe(true);
  });

  it('keeps one file when the same bytes are put twice and reports the second as not created', async () => {
    const data = Buffer.from('同一份身份证复印件');

    const first = await store.put(data, 'image/jpeg');
    const second = await store.put(Buffer.from(data), 'image/jpeg');

    expect(first.created).toBe(true);
    expect(second).toEqual({ ...first, created: false });
    expect(await storedFiles()).toHaveLength(1);
  });

  it('returns null and false for a hash that was never stored', async () => {
    const missing = sha256(Buffer.from('never stored'));

    expect(await store.get(missing)).toBeNull();
    expect(await store.exists(missing)).toBe(false);
  });

  it('treats a string that is not a SHA-256 as absent, without touching paths outside the root', async () => {
    for (const bad of ['../../etc/passwd', 'ABCDEF'.repeat(10) + 'ABCD', '', 'a'.repeat(63)]) {
      expect(await store.get(bad)).toBeNull();
      expect(await store.exists(bad)).toBe(false);
    }
  });

  it('refuses to return a file whose bytes on disk were changed, naming the file', async () => {
    const { sha256: hash } = await store.put(Buffer.from('原始材料'), 'application/pdf');
    const path = join(root, hash.slice(0, 2), hash);
    await writeFile(path, '篡改后的材料');

    await expect(store.get(hash)).rejects.toThrow(path);
  });

  it('repairs a damaged file when the true bytes are put again', async () => {
    const data = Buffer.from('原始材料');
    const { sha256: hash } = await store.put(data, 'application/pdf');
    await writeFile(join(root, hash.slice(0, 2), hash), 'truncated');

    const again = await store.put(data, 'application/pdf');

    expect(again.created).toBe(true);
    expect(await store.get(hash)).toEqual(data);
  });

  it('stores the same bytes put concurrently as one intact file and leaves no temporary files', async () => {
    const data = Buffer.alloc(1024 * 1024, 'materials');

    const results = await Promise.all(Array.from({ length: 10 }, () => store.put(Buffer.from(data), 'image/png')));

    const hash = sha256(data);
    expect(new Set(results.map((result) => result.sha256))).toEqual(new Set([hash]));
    expect(results.some((result) => result.created)).toBe(true);
    expect(await storedFiles()).toEqual([join(root, hash.slice(0, 2), hash)]);
    expect(sha256(await readFile(join(root, hash.slice(0, 2), hash)))).toBe(hash);
    // Buffer#equals: jest's toEqual walks a 1 MiB buffer index by index and takes seconds.
    expect((await store.get(hash))?.equals(data)).toBe(true);
  });

  it('stores different bytes put concurrently side by side', async () => {
    const blobs = Array.from({ length: 10 }, (_, i) => Buffer.from(`材料 ${i}`));

    const results = await Promise.all(blobs.map((blob) => store.put(blob, 'application/pdf')));

    expect(results.every((result) => result.created)).toBe(true);
    expect(await storedFiles()).toHaveLength(10);
    for (const [i, result] of results.entries()) expect(await store.get(result.sha256)).toEqual(blobs[i]);
  });

  it('stores an empty file', async () => {
    const stored = await store.put(Buffer.alloc(0), 'application/pdf');

    expect(stored.size).toBe(0);
    expect(await store.get(stored.sha256)).toEqual(Buffer.alloc(0));
  });
});

describe('sniffContentType', () => {
  it('recognises a PDF', () => {
    expect(sniffContentType(Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj'))).toBe('application/pdf');
  });

  it('recognises a JPEG', () => {
    expect(sniffContentType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]))).toBe('image/jpeg');
  });

  it('recognises a PNG', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48]);
    expect(sniffContentType(png)).toBe('image/png');
  });

  it('recognises Word and Excel packages by their parts', () => {
    expect(sniffContentType(makeDocx())).toBe(DOCX);
    expect(sniffContentType(makeXlsx())).toBe(XLSX);
  });

  it('finds the Word part even when a large thumbnail comes first', () => {
    const thumbnail = Buffer.alloc(256 * 1024, 0xab);
    expect(sniffContentType(makeDocx([['docProps/thumbnail.jpeg', thumbnail]]))).toBe(DOCX);
  });

  it('does not trust the declared type: a renamed executable or plain ZIP is unknown', () => {
    expect(sniffContentType(Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'))).toBeNull();
    expect(sniffContentType(makeZip([['word/readme.txt', 'not a package']]))).toBeNull();
    expect(
      sniffContentType(
        makeZip([
          ['[Content_Types].xml', CONTENT_TYPES_XML],
          ['ppt/presentation.xml', ''],
        ]),
      ),
    ).toBeNull();
  });

  it('returns null for text, truncated signatures and empty input', () => {
    expect(sniffContentType(Buffer.from('hello, 审批'))).toBeNull();
    expect(sniffContentType(Buffer.from('%PD'))).toBeNull();
    expect(sniffContentType(Buffer.from([0x89, 0x50, 0x4e, 0x47]))).toBeNull();
    expect(sniffContentType(Buffer.from([0x50, 0x4b, 0x03, 0x04]))).toBeNull();
    expect(sniffContentType(Buffer.alloc(0))).toBeNull();
  });

  it('only ever answers with a type the library accepts', () => {
    for (const sample of [Buffer.from('%PDF-1.7'), makeDocx(), makeXlsx()]) {
      expect(MATERIAL_LIMITS.contentTypes).toContain(sniffContentType(sample));
    }
    expect(MATERIAL_LIMITS.maxBytes).toBe(20 * 1024 * 1024);
  });
});
