import { existsSync } from 'node:fs';
import { PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef, decodePDFRawStream } from 'pdf-lib';
import { type DocumentContent, chineseDate, renderDocumentPdf, wrapText } from './render-document';
import { generateSealKeyPair, sealDocument, verifySealedDocument } from '#seal';

/** ZWT_CJK_FONT, else the first of the paths scripts/lib/services.mjs ensureChineseFont() searches. */
function cjkFontPath(): string {
  const candidates = [
    process.env.ZWT_CJK_FONT,
    '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc',
    '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
    '/usr/share/fonts/truetype/arphic/uming.ttc',
    '/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf',
  ];
  const found = candidates.find((file): file is string => !!file && existsSync(file));
  if (!found) throw new Error("no CJK TrueType font: set ZWT_CJK_FONT or install Debian's fonts-wqy-zenhei");
  return found;
}

function makeDocument(overrides: Partial<DocumentContent> = {}): DocumentContent {
  return {
    title: '准予行政许可决定书',
    documentNumber: '龙安监许〔2026〕12号',
    caseNumber: 'LA-2026-000123',
    itemCode: '11520000MB1234567X-001',
    itemName: '食品经营许可（新办）',
    applicantName: '龙安县城关镇好味道餐饮店',
    body: [
      '你（单位）于2026年11月20日提出的食品经营许可申请，本机关已于2026年11月21日依法受理。经审查，申请材料齐全、符合法定形式，经营场所现场核查符合规定条件。',
      '依据《中华人民共和国行政许可法》第三十八条第一款的规定，本机关决定准予你（单位）食品经营许可，有效期五年。',
      '如对本决定不服，可以在收到本决定书之日起六十日内申请行政复议，或者在六个月内依法提起行政诉讼。',
    ],
    decision: 'approved',
    opinion: '材料齐全，符合法定形式，同意准予许可。',
    issuerName: '龙安县市场监督管理局',
    issuedAt: '2026-11-27T02:30:00Z',
    ...overrides,
  };
}

/** The Unicode text the embedded font's ToUnicode CMap maps glyphs to: what a viewer can extract. */
async function extractableCharacters(pdf: Buffer): Promise<{ pages: number; fontFiles: number; chars: Set<string> }> {
  const loaded = await PDFDocument.load(pdf);
  const chars = new Set<string>();
  let fontFiles = 0;
  for (const [, object] of loaded.context.enumerateIndirectObjects()) {
    if (object instanceof PDFDict && object.get(PDFName.of('Type')) === PDFName.of('FontDescriptor')) {
      if (object.get(PDFName.of('FontFile2')) instanceof PDFRef) fontFiles++;
    }
    if (!(object instanceof PDFRawStream)) continue;
    const text = Buffer.from(decodePDFRawStream(object).decode()).toString('latin1');
    if (!text.includes('begincmap')) continue;
    for (const match of text.matchAll(/<[0-9a-fA-F]+>\s*<([0-9a-fA-F]{4,})>/g)) {
      chars.add(Buffer.from(match[1]!, 'hex').swap16().toString('utf16le'));
    }
  }
  return { pages: loaded.getPageCount(), fontFiles, chars };
}

/** Every stream of the file, decoded, as one latin1 string. */
async function decodedStreams(pdf: Buffer): Promise<string> {
  const loaded = await PDFDocument.load(pdf);
  return [...loaded.context.enumerateIndirectObjects()]
    .map(([, object]) => object)
    .filter((object): object is PDFRawStream => object instanceof PDFRawStream)
    .map((stream) => Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1'))
    .join('\n');
}

describe('chineseDate', () => {
  it.each([
    ['2026-11-27T02:30:00Z', '二〇二六年十一月二十七日'],
    ['2026-01-10T00:00:00+08:00', '二〇二六年一月十日'],
    ['2030-10-01T12:00:00+08:00', '二〇三〇年十月一日'],
    ['2026-12-31T16:00:00Z', '二〇二七年一月一日'],
    ['2026-03-20T08:00:00+08:00', '二〇二六年三月二十日'],
    ['2026-05-31T08:00:00+08:00', '二〇二六年五月三十一日'],
  ])('writes %s as %s (the calendar day in China)', (iso, expected) => {
    expect(chineseDate(iso)).toBe(expected);
  });

  it('refuses a date that does not parse', () => {
    expect(() => chineseDate('27/11/2026')).toThrow(/issuedAt/);
  });
});

describe('wrapText', () => {
  // Every character is 10 wide: a 50-wide line holds five.
  const mono = { widthOfTextAtSize: (text: string) => Array.from(text).length * 10 };

  it('breaks Chinese between any two characters, the first line narrower by the indent', () => {
    expect(wrapText('一二三四五六七八九十甲乙', mono, 16, 50, 30)).toEqual(['一二三', '四五六七八', '九十甲乙']);
  });

  it('hangs closing punctuation at the end of a line rather than starting a line with it', () => {
    expect(wrapText('一二三四五。六七', mono, 16, 50)).toEqual(['一二三四五。', '六七']);
  });

  it('moves an opening bracket down to the line it opens', () => {
    expect(wrapText('一二三四《五六》', mono, 16, 50)).toEqual(['一二三四', '《五六》']);
  });

  it('keeps numbers and codes whole unless they are longer than a line', () => {
    expect(wrapText('一二三2026', mono, 16, 50)).toEqual(['一二三', '2026']);
    expect(wrapText('ABCDEFGHIJKL', mono, 16, 50)).toEqual(['ABCDE', 'FGHIJ', 'KL']);
  });
});

describe('renderDocumentPdf', () => {
  const fontPath = cjkFontPath();
  let pdf: Buffer;

  beforeAll(async () => {
    pdf = await renderDocumentPdf(makeDocument(), { fontPath });
  });

  it('renders a one-page PDF', async () => {
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { pages } = await extractableCharacters(pdf);
    expect(pages).toBe(1);
  });

  it('renders the same bytes for the same input', async () => {
    const again = await renderDocumentPdf(makeDocument(), { fontPath });
    expect(again.equals(pdf)).toBe(true);
  });

  it('renders different bytes when the content changes', async () => {
    const other = await renderDocumentPdf(makeDocument({ documentNumber: '龙安监许〔2026〕13号' }), { fontPath });
    expect(other.equals(pdf)).toBe(false);
  });

  it('embeds a TrueType subset whose glyphs map back to the document text', async () => {
    const { fontFiles, chars } = await extractableCharacters(pdf);
    expect(fontFiles).toBe(1);
    const doc = makeDocument();
    const expected = [doc.title, doc.documentNumber, doc.applicantName, doc.issuerName, chineseDate(doc.issuedAt), '准予行政许可'];
    for (const char of new Set(Array.from(expected.join('')))) expect(chars).toContain(char);
    // A subset: only the characters used, not the font's ~20 000.
    expect(chars.size).toBeLessThan(300);
  });

  it('names the subset with a six-letter tag and carries the issue date as its dates', async () => {
    const loaded = await PDFDocument.load(pdf, { updateMetadata: false });
    expect(loaded.getCreationDate()?.toISOString()).toBe('2026-11-27T02:30:00.000Z');
    expect(loaded.getModificationDate()?.toISOString()).toBe('2026-11-27T02:30:00.000Z');
    expect(loaded.getAuthor()).toBe('龙安县市场监督管理局');
    const baseFonts = [...loaded.context.enumerateIndirectObjects()]
      .map(([, object]) => object)
      .filter((object): object is PDFDict => object instanceof PDFDict && object.get(PDFName.of('Subtype')) === PDFName.of('Type0'))
      .map((font) => font.get(PDFName.of('BaseFont'))?.toString());
    expect(baseFonts).toHaveLength(1);
    expect(baseFonts[0]).toMatch(/^\/[A-Z]{6}\+\S+$/);
  });

  it('flows a long document onto further pages with page numbers', async () => {
    const long = makeDocument({ body: Array.from({ length: 14 }, (_, i) => `第${i + 1}段。${makeDocument().body[0]}`) });
    const rendered = await renderDocumentPdf(long, { fontPath });
    const { pages, chars } = await extractableCharacters(rendered);
    expect(pages).toBeGreaterThan(1);
    expect(chars).toContain('—');
  });

  it('stamps a supplied seal image instead of drawing one', async () => {
    // A 1×1 red PNG.
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGO4KST+HwAEzAICwYJHOQAAAABJRU5ErkJggg==', 'base64');
    const stamped = await renderDocumentPdf(makeDocument(), { fontPath, sealImage: png });
    const loaded = await PDFDocument.load(stamped);
    const xObjects = loaded.getPage(0).node.Resources()?.lookup(PDFName.of('XObject'), PDFDict);
    expect(xObjects?.keys()).toHaveLength(1);
    expect(stamped.equals(pdf)).toBe(false);
  });

  it('leaves the seal off a document rendered with stamp: false', async () => {
    const plain = await renderDocumentPdf(makeDocument(), { fontPath, stamp: false });
    expect(plain.length).toBeLessThan(pdf.length);
    const { chars } = await extractableCharacters(plain);
    expect(chars).toContain('局');
    // The drawn seal's red (0.85 0.07 0.09) is nowhere in the page content.
    expect(await decodedStreams(pdf)).toMatch(/0\.85 0\.07 0\.09 (rg|RG)/);
    expect(await decodedStreams(plain)).not.toMatch(/0\.85 0\.07 0\.09 (rg|RG)/);
  });

  it('refuses a font file that is not a font', async () => {
    await expect(renderDocumentPdf(makeDocument(), { fontPath: __filename })).rejects.toThrow();
  });

  it('refuses a face name the collection does not have', async () => {
    await expect(renderDocumentPdf(makeDocument(), { fontPath, fontName: 'NoSuchFace' })).rejects.toThrow(/NoSuchFace/);
  });
});

describe('sealDocument / verifySealedDocument', () => {
  const keys = generateSealKeyPair();
  let pdf: Buffer;

  beforeAll(async () => {
    pdf = await renderDocumentPdf(makeDocument(), { fontPath: cjkFontPath() });
  });

  it('verifies the seal of the untouched PDF and reports its SM3 digest', () => {
    const seal = sealDocument(pdf, keys);
    expect(seal.digest).toMatch(/^[0-9a-f]{64}$/);
    const result = verifySealedDocument(pdf, seal.signature, keys.publicKeyPem);
    expect(result).toEqual({ valid: true, digest: seal.digest });
  });

  it('fails when one byte of the PDF changes', () => {
    const seal = sealDocument(pdf, keys);
    for (const index of [0, Math.floor(pdf.length / 2), pdf.length - 1]) {
      const tampered = Buffer.from(pdf);
      tampered[index] ^= 0x01;
      const result = verifySealedDocument(tampered, seal.signature, keys.publicKeyPem);
      expect(result.valid).toBe(false);
      expect(result.digest).not.toBe(seal.digest);
    }
  });

  it("fails under another department's key", () => {
    const seal = sealDocument(pdf, keys);
    expect(verifySealedDocument(pdf, seal.signature, generateSealKeyPair().publicKeyPem).valid).toBe(false);
  });

  it('fails for an altered or non-canonical signature string', () => {
    const seal = sealDocument(pdf, keys);
    const flipped = Buffer.from(seal.signature, 'base64');
    flipped[flipped.length - 1] ^= 0x01;
    expect(verifySealedDocument(pdf, flipped.toString('base64'), keys.publicKeyPem).valid).toBe(false);
    expect(verifySealedDocument(pdf, `${seal.signature}!`, keys.publicKeyPem).valid).toBe(false);
    expect(verifySealedDocument(pdf, '', keys.publicKeyPem).valid).toBe(false);
  });

  it('binds the seal to its user ID', () => {
    const seal = sealDocument(pdf, { ...keys, userId: 'longan-amr' });
    expect(verifySealedDocument(pdf, seal.signature, keys.publicKeyPem).valid).toBe(false);
    expect(verifySealedDocument(pdf, seal.signature, keys.publicKeyPem, 'longan-amr').valid).toBe(true);
  });
});
