import { DomainError, ErrorCode } from '#domain';
import JSZip from 'jszip';

/**
 * An .xlsx is a zip. exceljs inflates every part into memory, so a few megabytes of upload can
 * carry gigabytes of XML (a zip bomb). Before exceljs sees it, the workbook's parts must add up to at
 * most this many bytes — as the central directory declares them and as they actually inflate, since a
 * forged directory can declare anything. A catalog of a few thousand items is well under 10 MiB.
 */
export const MAX_WORKBOOK_INFLATED_BYTES = 50 * 1024 * 1024;

/** A workbook has a few dozen parts; tens of thousands of tiny ones cost time and memory on their own. */
export const MAX_WORKBOOK_ENTRIES = 1000;

/** jszip keeps the central directory's sizes on a property its typings leave out. */
interface EntryWithSizes {
  _data?: { uncompressedSize?: unknown };
}

function tooLarge(rule: 'declaredSize' | 'inflatedSize' | 'entries', limit: number): DomainError {
  return new DomainError(ErrorCode.IMPORT_WORKBOOK_TOO_LARGE, '工作簿解压后过大，请删去多余的表和内容后再上传', [{ field: 'file', rule, limit }]);
}

/**
 * Refuses a workbook whose parts inflate to more than `limit` bytes (413 IMPORT_WORKBOOK_TOO_LARGE),
 * reading the central directory first and then inflating each part as a stream, stopping at the limit;
 * a file that is not a zip is 415 UNSUPPORTED_MEDIA_TYPE.
 */
export async function assertWorkbookInflatesWithin(data: Buffer, limit = MAX_WORKBOOK_INFLATED_BYTES): Promise<void> {
  let zip: JSZip;
  try {
    // Reads the directory and the local headers; nothing is inflated yet.
    zip = await JSZip.loadAsync(data);
  } catch {
    throw new DomainError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, '上传的文件不是有效的 xlsx 工作簿');
  }
  const entries = Object.values(zip.files).filter((entry) => !entry.dir);
  if (entries.length > MAX_WORKBOOK_ENTRIES) throw tooLarge('entries', MAX_WORKBOOK_ENTRIES);
  let declared = 0;
  for (const entry of entries) {
    const size = (entry as unknown as EntryWithSizes)._data?.uncompressedSize;
    declared += typeof size === 'number' && size > 0 ? size : 0;
  }
  if (declared > limit) throw tooLarge('declaredSize', limit);

  let inflated = 0;
  for (const entry of entries) {
    inflated = await inflateCounting(entry, inflated, limit);
  }
}

/** Inflates one part, adding its bytes to `sofar`; stops and refuses as soon as the sum passes `limit`. */
function inflateCounting(entry: JSZip.JSZipObject, sofar: number, limit: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let total = sofar;
    const stream = entry.nodeStream('nodebuffer');
    const fail = (error: unknown) => {
      stream.removeAllListeners('data');
      stream.pause();
      reject(error);
    };
    stream.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > limit) fail(tooLarge('inflatedSize', limit));
    });
    stream.on('error', () => fail(new DomainError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, '上传的文件不是有效的 xlsx 工作簿')));
    stream.on('end', () => resolve(total));
  });
}
