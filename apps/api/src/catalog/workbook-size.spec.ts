import { DomainError, ErrorCode } from '#domain';
import JSZip from 'jszip';
import { readCatalogWorkbook, writeCatalogWorkbook } from './item-sheet';
import { assertWorkbookInflatesWithin, MAX_WORKBOOK_ENTRIES, MAX_WORKBOOK_INFLATED_BYTES } from './workbook-size';

/** A small .xlsx-shaped zip whose one sheet inflates to `sheetBytes` bytes of XML whitespace. */
async function makeZipBomb(sheetBytes = MAX_WORKBOOK_INFLATED_BYTES + 1024 * 1024): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
  zip.file('xl/worksheets/sheet1.xml', Buffer.alloc(sheetBytes, 0x20));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

/** The same zip with every size in its central directory forged down to 100 bytes. */
function forgeDeclaredSizes(zip: Buffer): Buffer {
  const forged = Buffer.from(zip);
  const central = Buffer.from([0x50, 0x4b, 0x01, 0x02]);
  const local = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
  for (let at = forged.indexOf(central); at >= 0; at = forged.indexOf(central, at + 4)) forged.writeUInt32LE(100, at + 24);
  for (let at = forged.indexOf(local); at >= 0; at = forged.indexOf(local, at + 4)) forged.writeUInt32LE(100, at + 22);
  return forged;
}

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('assertWorkbookInflatesWithin', () => {
  it('lets a real workbook through', async () => {
    const workbook = await writeCatalogWorkbook([], '目录');
    await expect(assertWorkbookInflatesWithin(workbook)).resolves.toBeUndefined();
  });

  it('refuses a zip bomb by its declared size before exceljs reads it', async () => {
    const bomb = await makeZipBomb();
    expect(bomb.length).toBeLessThan(200 * 1024);
    const error = await refusal(readCatalogWorkbook(bomb));
    expect(error.code).toBe(ErrorCode.IMPORT_WORKBOOK_TOO_LARGE);
    expect(error.details).toEqual([expect.objectContaining({ field: 'file', rule: 'declaredSize' })]);
  });

  it('refuses a zip bomb whose directory lies about its sizes, by the bytes it inflates to', async () => {
    const forged = forgeDeclaredSizes(await makeZipBomb());
    const error = await refusal(assertWorkbookInflatesWithin(forged));
    expect(error.code).toBe(ErrorCode.IMPORT_WORKBOOK_TOO_LARGE);
    expect(error.details).toEqual([expect.objectContaining({ rule: 'inflatedSize' })]);
  });

  it('refuses a zip of too many parts', async () => {
    const zip = new JSZip();
    for (let i = 0; i <= MAX_WORKBOOK_ENTRIES; i += 1) zip.file(`xl/p${i}.xml`, '');
    const error = await refusal(assertWorkbookInflatesWithin(await zip.generateAsync({ type: 'nodebuffer' })));
    expect(error.code).toBe(ErrorCode.IMPORT_WORKBOOK_TOO_LARGE);
    expect(error.details).toEqual([expect.objectContaining({ rule: 'entries' })]);
  });

  it('answers a file that is not a zip as an unsupported type', async () => {
    const error = await refusal(assertWorkbookInflatesWithin(Buffer.from('not a zip at all')));
    expect(error.code).toBe(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
  });
});
