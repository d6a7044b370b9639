import { DomainError, ErrorCode } from '#domain';
import JSZip from 'jszip';
import { makeZipBomb } from '#factories/zip-bomb';
import { readCatalogWorkbook, writeCatalogWorkbook } from './item-sheet';
import { assertWorkbookInflatesWithin, MAX_WORKBOOK_ENTRIES, MAX_WORKBOOK_INFLATED_BYTES } from './workbook-size';

/** The same zip with the sheet's uncompressed size forged down to 100 bytes, in the directory and its local header. */
function forgeDeclaredSizes(zip: Buffer): Buffer {
  const forged = Buffer.from(zip);
  const headers = [
    { signature: Buffer.from([0x50, 0x4b, 0x01, 0x02]), size: 24, nameLength: 28, name: 46 },
    { signature: Buffer.from([0x50, 0x4b, 0x03, 0x04]), size: 22, nameLength: 26, name: 30 },
  ];
  let forgedCount = 0;
  for (const h of headers) {
    for (let at = forged.indexOf(h.signature); at >= 0; at = forged.indexOf(h.signature, at + 4)) {
      const name = forged.subarray(at + h.name, at + h.name + forged.readUInt16LE(at + h.nameLength)).toString();
      if (name === 'xl/worksheets/sheet1.xml') {
        forged.writeUInt32LE(100, at + h.size);
        forgedCount += 1;
      }
    }
  }
  expect(forgedCount).toBe(2);
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
    const bomb = await makeZipBomb(MAX_WORKBOOK_INFLATED_BYTES + 1024 * 1024);
    expect(bomb.length).toBeLessThan(200 * 1024);
    const error = await refusal(readCatalogWorkbook(bomb));
    expect(error.code).toBe(ErrorCode.IMPORT_WORKBOOK_TOO_LARGE);
    expect(error.details).toEqual([expect.objectContaining({ field: 'file', rule: 'declaredSize' })]);
  });

  it('refuses a zip bomb whose directory lies about its sizes, by the bytes it inflates to', async () => {
    const forged = forgeDeclaredSizes(await makeZipBomb(MAX_WORKBOOK_INFLATED_BYTES + 1024 * 1024));
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
