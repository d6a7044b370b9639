// Decision documents (文书) as PDF, and their electronic seal (电子印章).
//
// Layout follows GB/T 9704-2012 (党政机关公文格式) where it matters for a decision document: A4,
// 37 mm top and 28 mm left margins, a 156 × 225 mm text block, title in 2号 (22 pt) centred, body in
// 3号 (16 pt) with a two-character first-line indent, the issuing department over the date,
// the date "右空四字", and the seal "居中下压发文机关署名和成文日期" (§7.3.5.1).
//
// The seal is a detached SM2/SM3 signature over the exact PDF bytes (sealDocument), kept next to the
// file. Embedding it in the PDF as a PAdES / GB/T 38540 signature dictionary is out of scope: the
// red seal drawn on the page is only its visible form.
import { readFile } from 'node:fs/promises';
import * as fontkit from '@pdf-lib/fontkit';
import type { Font } from '@pdf-lib/fontkit';
import { BlendMode, PDFDocument, type PDFFont, type PDFPage, degrees, rgb } from 'pdf-lib';
import { chinaDatePartsOf } from '#domain';
import { sm3 } from '#seal';

export type DocumentDecision = 'approved' | 'denied';

export interface DocumentContent {
  /** e.g. 准予行政许可决定书 */
  title: string;
  /** 发文字号, e.g. 龙安监许〔2026〕12号 */
  documentNumber: string;
  caseNumber: string;
  itemCode: string;
  itemName: string;
  applicantName: string;
  /** The body, one string per paragraph. */
  body: string[];
  decision?: DocumentDecision;
  /** 审批意见; an empty string prints no opinion paragraph. */
  opinion: string;
  /** The issuing department, printed above the date and around the seal. */
  issuerName: string;
  /** ISO 8601; the printed date is the calendar day in China (UTC+8). */
  issuedAt: string;
}

export interface RenderDocumentOptions {
  /** A TrueType-outline CJK font: .ttf, or a .ttc collection (see fontName). */
  fontPath: string;
  /** PostScript name of the face to use in a .ttc; the collection's first face by default. */
  fontName?: string;
  /** A PNG of the seal (e.g. the registered seal image) stamped instead of the drawn one. */
  sealImage?: Uint8Array;
  /** false: issuer and date without the red seal, for a document that is not (yet) sealed. */
  stamp?: boolean;
}

const MM = 72 / 25.4;
const PAGE = { width: 210 * MM, height: 297 * MM };
const MARGIN = { top: 37 * MM, left: 28 * MM };
const TEXT = { width: 156 * MM, height: 225 * MM };
const TEXT_TOP = PAGE.height - MARGIN.top;
const TEXT_BOTTOM = TEXT_TOP - TEXT.height;
const TITLE_SIZE = 22;
const BODY_SIZE = 16;
/** 22 lines in the 225 mm text block. */
const LINE_HEIGHT = TEXT.height / 22;
const SEAL_RADIUS = 21 * MM; // a 42 mm seal, the size for county-level departments
const SEAL_RED = rgb(0.85, 0.07, 0.09);
const BLACK = rgb(0, 0, 0);
const PRODUCER = 'zhengwutong';

export async function renderDocumentPdf(doc: DocumentContent, options: RenderDocumentOptions): Promise<Buffer> {
  const issuedAt = parseIssuedAt(doc.issuedAt);
  const pdf = await PDFDocument.create({ updateMetadata: false });
  const fontBytes = await fontFile(options.fontPath);
  const faceName = pickFace(fontBytes, options).postscriptName;
  // pdf-lib asks fontkit for one face; a .ttc parses to a collection, so hand it the chosen face.
  pdf.registerFontkit({ create: (bytes: Uint8Array) => pickFace(bytes, options) } as unknown as PdfLibFontkit);
  // A subset's font name carries a six-letter tag (ISO 32000-1 §9.6.4); pdf-lib would append a
  // counter instead. A tag derived from the content keeps the bytes stable for the same input.
  const font = await pdf.embedFont(fontBytes, { subset: true, customName: `${subsetTag(doc)}+${faceName}` });

  const layout = new Layout(font);
  layout.centred(doc.title, TITLE_SIZE, TITLE_SIZE * 1.6);
  layout.skip(LINE_HEIGHT * 0.5);
  layout.centred(doc.documentNumber, BODY_SIZE, LINE_HEIGHT);
  layout.skip(LINE_HEIGHT * 0.5);
  layout.paragraph(`${doc.applicantName}：`, 0);
  layout.paragraph(`受理编号：${doc.caseNumber}`);
  // A disclosure application has no catalog item: an empty itemCode prints the matter alone.
  layout.paragraph(doc.itemCode ? `申请事项：${doc.itemName}（事项编码：${doc.itemCode}）` : `申请事项：${doc.itemName}`);
  for (const text of doc.body) layout.paragraph(text);
  if (doc.decision) layout.paragraph(doc.decision === 'approved' ? '决定：准予行政许可。' : '决定：不予行政许可。');
  if (doc.opinion.trim() !== '') layout.paragraph(`审批意见：${doc.opinion}`);
  const seal = layout.signatureBlock(doc.issuerName, chineseDate(issuedAt));

  const pages = Array.from({ length: layout.pageCount }, () => pdf.addPage([PAGE.width, PAGE.height]));
  for (const line of layout.lines) {
    pages[line.page].drawText(line.text, { x: line.x, y: line.y, size: line.size, font, color: BLACK });
  }
  if (pages.length > 1) drawPageNumbers(pages, font);
  const sealPage = pages[seal.page];
  if (options.stamp === false) {
    // No visible seal: an unsealed document must not look sealed.
  } else if (options.sealImage) {
    const image = await pdf.embedPng(options.sealImage);
    sealPage.drawImage(image, {
      x: seal.centre.x - SEAL_RADIUS,
      y: seal.centre.y - SEAL_RADIUS,
      width: 2 * SEAL_RADIUS,
      height: 2 * SEAL_RADIUS,
      blendMode: BlendMode.Multiply,
    });
  } else {
    drawSeal(sealPage, font, seal.centre, doc.issuerName);
  }

  pdf.setTitle(`${doc.title} ${doc.documentNumber}`);
  pdf.setAuthor(doc.issuerName);
  pdf.setSubject(`${doc.itemName}（${doc.caseNumber}）`);
  pdf.setKeywords([doc.documentNumber, doc.caseNumber, doc.itemCode]);
  pdf.setLanguage('zh-CN');
  pdf.setProducer(PRODUCER);
  pdf.setCreator(PRODUCER);
  pdf.setCreationDate(issuedAt);
  pdf.setModificationDate(issuedAt);
  // pdf-lib writes no /ID and names its resources from a fixed-seed counter, so with the dates above
  // the same input gives the same bytes (render-document.spec.ts checks it).
  return Buffer.from(await pdf.save());
}

// ---------------------------------------------------------------- dates

const CHINESE_DIGITS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 二〇二六年十一月二十七日 — the date as official documents write it, in China's time zone. */
export function chineseDate(at: Date | string): string {
  const date = typeof at === 'string' ? parseIssuedAt(at) : at;
  const { year, month, day } = chinaDatePartsOf(date.getTime());
  const yearText = String(year)
    .split('')
    .map((digit) => CHINESE_DIGITS[Number(digit)])
    .join('');
  return `${yearText}年${chineseNumber(month)}月${chineseNumber(day)}日`;
}

/** 1–99 in Chinese numerals: 十, 十一, 二十, 二十七. */
function chineseNumber(value: number): string {
  const tens = Math.floor(value / 10);
  const units = value % 10;
  const tensPart = tens === 0 ? '' : `${tens === 1 ? '' : CHINESE_DIGITS[tens]}十`;
  const unitsPart = units === 0 && tens > 0 ? '' : CHINESE_DIGITS[units];
  return `${tensPart}${unitsPart}`;
}

function parseIssuedAt(iso: string): Date {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new Error(`issuedAt is not an ISO date: "${iso}"`);
  return date;
}

// ---------------------------------------------------------------- fonts

/** pdf-lib declares its own copy of fontkit's types; @pdf-lib/fontkit is the implementation. */
type PdfLibFontkit = Parameters<PDFDocument['registerFontkit']>[0];

const fontFiles = new Map<string, Promise<Buffer>>();

/** Fonts are large (a CJK .ttc is 5–20 MB): read each path once per process. */
function fontFile(path: string): Promise<Buffer> {
  let bytes = fontFiles.get(path);
  if (!bytes) {
    bytes = readFile(path);
    fontFiles.set(path, bytes);
    bytes.catch(() => fontFiles.delete(path));
  }
  return bytes;
}

/**
 * The face to embed: the named one, or the first of a .ttc collection. CFF-outline CJK fonts
 * (Noto Sans/Serif CJK, Source Han) are refused: pdf-lib 1.17's subset of them is not a valid font
 * program (poppler: "Embedded font file may be invalid"), so only TrueType (glyf) outlines are used.
 */
function pickFace(bytes: Uint8Array, options: RenderDocumentOptions): Font {
  // Parsing is the cost of a render (fontkit copies the whole file into its own buffer first:
  // ~70 ms for a 16 MB .ttc, twice per document); a face is read-only once parsed, so keep it.
  const key = options.fontName ?? '';
  let faces = parsedFaces.get(bytes);
  const cached = faces?.get(key);
  if (cached) return cached;
  const face = parseFace(bytes, options);
  if (!faces) parsedFaces.set(bytes, (faces = new Map()));
  faces.set(key, face);
  return face;
}

/** Parsed faces by the font file's bytes (each file is read once, see fontFile) and face name. */
const parsedFaces = new WeakMap<Uint8Array, Map<string, Font>>();

function parseFace(bytes: Uint8Array, options: RenderDocumentOptions): Font {
  const parsed = fontkit.create(bytes) as Font | (Font & { fonts: Font[] });
  const faces = 'fonts' in parsed ? parsed.fonts : [parsed];
  const face = options.fontName ? faces.find((f) => f.postscriptName === options.fontName) : faces[0];
  if (!face) {
    const names = faces.map((f) => f.postscriptName).join(', ');
    throw new Error(`font ${options.fontPath} has no face ${options.fontName ?? ''} (it has ${names})`);
  }
  const tables = (face as unknown as { directory?: { tables?: Record<string, unknown> } }).directory?.tables ?? {};
  if (!('glyf' in tables)) {
    throw new Error(
      `font ${options.fontPath} (${face.postscriptName}) has no TrueType outlines; ` +
        'use a TrueType CJK font such as WenQuanYi Zen Hei (Debian fonts-wqy-zenhei)',
    );
  }
  return face;
}

function subsetTag(doc: DocumentContent): string {
  const digest = sm3(Buffer.from(JSON.stringify(doc), 'utf8'));
  return Array.from(digest.subarray(0, 6), (byte) => String.fromCharCode(65 + (byte % 26))).join('');
}

// ---------------------------------------------------------------- text layout

/** Full-width and ASCII punctuation that may not begin a line (避头); it hangs in the margin instead. */
const NO_LINE_START = new Set(Array.from('，。、；：？！）》」』〕】〉〗”’…—·%,.;:?!)]}'));
/** Opening brackets that may not end a line (避尾); they move down with the next character. */
const NO_LINE_END = new Set(Array.from('（《「『〔【〈〖“‘([{'));
/** Chinese breaks between any two characters; Latin words, numbers and codes stay whole. */
const TOKEN = /[A-Za-z0-9]+(?:[.\-_/:@%][A-Za-z0-9]+)*|[\s\S]/gu;

export interface MeasuredFont {
  widthOfTextAtSize(text: string, size: number): number;
}

/**
 * Greedy line breaking by measured width. The first line is `firstLineWidth` wide (the indent), the
 * others `width`.
 */
export function wrapText(text: string, font: MeasuredFont, size: number, width: number, firstLineWidth = width): string[] {
  const widths = new Map<string, number>();
  const measure = (token: string) => {
    let w = widths.get(token);
    if (w === undefined) {
      w = font.widthOfTextAtSize(token, size);
      widths.set(token, w);
    }
    return w;
  };
  const lines: string[] = [];
  let line: string[] = [];
  let lineWidth = 0;
  let limit = firstLineWidth;
  const tokens = text.match(TOKEN) ?? [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    const w = measure(token);
    if (line.length === 0 && /^\s$/u.test(token)) continue;
    if (lineWidth + w <= limit + 0.01) {
      line.push(token);
      lineWidth += w;
      continue;
    }
    if (NO_LINE_START.has(token) && line.length > 0) {
      line.push(token);
      lines.push(line.join('').trimEnd());
      [line, lineWidth, limit] = [[], 0, width];
      continue;
    }
    if (token.length > 1 && w > width) {
      // A Latin run longer than a line: break it between characters.
      tokens.splice(i, 1, ...Array.from(token));
      i--;
      continue;
    }
    const carried: string[] = [];
    while (line.length > 1 && NO_LINE_END.has(line[line.length - 1])) carried.unshift(line.pop()!);
    if (line.length > 0) lines.push(line.join('').trimEnd());
    line = [...carried, token];
    lineWidth = line.reduce((sum, t) => sum + measure(t), 0);
    limit = width;
  }
  if (line.length > 0) lines.push(line.join('').trimEnd());
  return lines;
}

interface PlacedLine {
  page: number;
  x: number;
  /** Baseline. */
  y: number;
  text: string;
  size: number;
}

/** Places lines on pages first, so that the signature block can pull text onto its page. */
class Layout {
  readonly lines: PlacedLine[] = [];
  pageCount = 1;
  /** Baseline of the next line. */
  private y = TEXT_TOP - TITLE_SIZE;

  constructor(private readonly font: PDFFont) {}

  skip(height: number): void {
    this.y -= height;
  }

  centred(text: string, size: number, lineHeight: number): void {
    for (const line of wrapText(text, this.font, size, TEXT.width)) {
      const width = this.font.widthOfTextAtSize(line, size);
      this.place(line, MARGIN.left + (TEXT.width - width) / 2, size, lineHeight);
    }
  }

  /** A body paragraph, first line indented by `indentChars` full-width characters. */
  paragraph(text: string, indentChars = 2): void {
    const indent = indentChars * BODY_SIZE;
    wrapText(text, this.font, BODY_SIZE, TEXT.width, TEXT.width - indent).forEach((line, index) => {
      this.place(line, MARGIN.left + (index === 0 ? indent : 0), BODY_SIZE, LINE_HEIGHT);
    });
  }

  /**
   * The issuer over the date, and the seal centred a little above the two lines with its top within
   * a line of the text (GB/T 9704 §7.3.5.1). The seal may reach into the bottom margin, the date may
   * not. When the block does not fit, the last two lines of text move to a new page with it: a seal
   * never stands on a page alone.
   */
  signatureBlock(issuerName: string, date: string): { page: number; centre: { x: number; y: number } } {
    const lastBaseline = this.y + LINE_HEIGHT;
    let centreY = lastBaseline - BODY_SIZE / 2 - SEAL_RADIUS;
    const issuerOffset = 4;
    if (centreY - issuerOffset - LINE_HEIGHT < TEXT_BOTTOM) {
      const moved = this.lines.filter((line) => line.page === this.pageCount - 1).slice(-2);
      this.newPage();
      for (const line of moved) {
        line.page = this.pageCount - 1;
        line.y = this.y;
        this.y -= LINE_HEIGHT;
      }
      centreY = this.y + LINE_HEIGHT - BODY_SIZE / 2 - SEAL_RADIUS;
    }
    // The date ends four characters from the right margin with the issuer centred over it; an issuer
    // wider than the date ends two characters from the margin instead, the date centred under it.
    const dateWidth = this.font.widthOfTextAtSize(date, BODY_SIZE);
    const issuerWidth = this.font.widthOfTextAtSize(issuerName, BODY_SIZE);
    const right = MARGIN.left + TEXT.width;
    const centreX = issuerWidth > dateWidth ? right - 2 * BODY_SIZE - issuerWidth / 2 : right - 4 * BODY_SIZE - dateWidth / 2;
    const issuerBaseline = centreY - issuerOffset;
    for (const [text, y] of [
      [issuerName, issuerBaseline],
      [date, issuerBaseline - LINE_HEIGHT],
    ] as const) {
      const width = this.font.widthOfTextAtSize(text, BODY_SIZE);
      this.lines.push({ page: this.pageCount - 1, x: centreX - width / 2, y, text, size: BODY_SIZE });
    }
    return { page: this.pageCount - 1, centre: { x: centreX, y: centreY } };
  }

  /** A line fits while its baseline is inside the text block. */
  private place(text: string, x: number, size: number, lineHeight: number): void {
    if (this.y < TEXT_BOTTOM) this.newPage();
    this.lines.push({ page: this.pageCount - 1, x, y: this.y, text, size });
    this.y -= lineHeight;
  }

  private newPage(): void {
    this.pageCount++;
    this.y = TEXT_TOP - BODY_SIZE;
  }
}

/** "— 1 —" under the text block (GB/T 9704 §7.5), only when the document runs over several pages. */
function drawPageNumbers(pages: PDFPage[], font: PDFFont): void {
  const size = 14;
  pages.forEach((page, index) => {
    const label = `— ${index + 1} —`;
    const width = font.widthOfTextAtSize(label, size);
    page.drawText(label, { x: (PAGE.width - width) / 2, y: TEXT_BOTTOM - 7 * MM - size, size, font, color: BLACK });
  });
}

// ---------------------------------------------------------------- the drawn seal

/**
 * A round official seal in vector graphics: a thick ring, a five-pointed star in the centre and the
 * issuer's name along the upper arc, each character rotated to face outwards. Placement is
 * approximate (glyph centres from the em box, not from outlines).
 */
function drawSeal(page: PDFPage, font: PDFFont, centre: { x: number; y: number }, issuerName: string): void {
  const ring = 1.2 * MM;
  const paint = { blendMode: BlendMode.Multiply };
  page.drawCircle({ x: centre.x, y: centre.y, size: SEAL_RADIUS - ring / 2, borderColor: SEAL_RED, borderWidth: ring, ...paint });

  const starOuter = SEAL_RADIUS * 0.32;
  const starInner = starOuter * 0.382; // the inner vertices of a regular pentagram
  const points = Array.from({ length: 10 }, (_, i) => {
    const angle = Math.PI / 2 + (i * Math.PI) / 5;
    const radius = i % 2 === 0 ? starOuter : starInner;
    // SVG's y axis points down.
    return `${(radius * Math.cos(angle)).toFixed(3)} ${(-radius * Math.sin(angle)).toFixed(3)}`;
  });
  page.drawSvgPath(`M ${points.join(' L ')} Z`, { x: centre.x, y: centre.y, color: SEAL_RED, ...paint });

  const chars = Array.from(issuerName.trim());
  if (chars.length === 0) return;
  // The name runs over 180°–250° of the upper arc, as large as fits (at most 18 pt), its spacing
  // widened for short names rather than bunched at the top.
  const [minSpan, maxSpan] = [Math.PI, (250 * Math.PI) / 180];
  const textRadius = (size: number) => SEAL_RADIUS - ring - size * 0.6 - 1.5;
  const gaps = Math.max(chars.length - 1, 1);
  const size = Math.max(7, Math.min(18, (textRadius(18) * maxSpan) / (chars.length * 1.08)));
  const radius = textRadius(size);
  const natural = (size * 1.08) / radius;
  const step = Math.min(maxSpan / gaps, Math.max(natural, Math.min(minSpan / gaps, natural * 1.6)));
  const span = step * (chars.length - 1);
  // Vertical centre of a CJK glyph above its baseline: the ideographic em box runs from about
  // -0.12 em to 0.88 em.
  const glyphCentre = size * 0.38;
  chars.forEach((char, i) => {
    const theta = Math.PI / 2 + span / 2 - i * step;
    const phi = theta - Math.PI / 2;
    const halfWidth = font.widthOfTextAtSize(char, size) / 2;
    const px = centre.x + radius * Math.cos(theta);
    const py = centre.y + radius * Math.sin(theta);
    page.drawText(char, {
      x: px - (halfWidth * Math.cos(phi) - glyphCentre * Math.sin(phi)),
      y: py - (halfWidth * Math.sin(phi) + glyphCentre * Math.cos(phi)),
      size,
      font,
      color: SEAL_RED,
      rotate: degrees((phi * 180) / Math.PI),
      ...paint,
    });
  });
}
