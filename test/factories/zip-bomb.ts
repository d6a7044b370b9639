import JSZip from 'jszip';

/**
 * An .xlsx-shaped zip of a few dozen kilobytes whose one sheet inflates to `sheetBytes` bytes (XML
 * whitespace compresses about a thousand to one): what a zip bomb aimed at the catalog import looks like.
 */
export async function makeZipBomb(sheetBytes: number): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
  zip.file('xl/worksheets/sheet1.xml', Buffer.alloc(sheetBytes, 0x20));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}
