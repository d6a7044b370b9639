// The case's supervision record (办件监察记录) as a printable A4 PDF for the case file: the case's
// facts, then every timeline entry. The same toolchain as the documents (pdf-lib with fontkit and the
// Chinese TrueType font of ZWT_CJK_FONT, Debian's fonts-wqy-zenhei), laid out as a plain list.
import * as fontkit from '@pdf-lib/fontkit';
import type { Font } from '@pdf-lib/fontkit';
import { PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib';
import { readFile } from 'node:fs/promises';

const MM = 72 / 25.4;
const PAGE = { width: 210 * MM, height: 297 * MM };
const MARGIN = { top: 25 * MM, bottom: 20 * MM, left: 20 * MM, right: 20 * MM };
const WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const BLACK = rgb(0, 0, 0);
const GREY = rgb(0.35, 0.35, 0.35);

export interface TimelinePdfContent {
  title: string;
  /** The PDF's subject and keywords (the case number, so the file can be found). */
  subject: string;
  keywords: string[];
  /** Label and value pairs printed under the title. */
  facts: [string, string][];
  /** One block per timeline entry: a heading line and detail lines. */
  entries: { heading: string; lines: string[] }[];
  footer: string;
  /** Epoch ms: the PDF's dates. */
  exportedAt: number;
}

type PdfLibFontkit = Parameters<PDFDocument['registerFontkit']>[0];

const faces = new Map<string, Promise<{ bytes: Buffer; face: Font }>>();

/** The font file's first TrueType face (a .ttc is a collection), read once per process. */
function loadFace(path: string) {
  let loaded = faces.get(path);
  if (!loaded) {
    loaded = readFile(path).then((bytes) => {
      const parsed = fontkit.create(bytes) as Font | (Font & { fonts: Font[] });
      return { bytes, face: 'fonts' in parsed ? parsed.fonts[0]! : parsed };
    });
    faces.set(path, loaded);
    loaded.catch(() => faces.delete(path));
  }
  return loaded;
}

export async function renderTimelinePdf(content: TimelinePdfContent, fontPath: string): Promise<Buffer> {
  const { bytes, face } = await loadFace(fontPath);
  const pdf = await PDFDocument.create({ updateMetadata: false });
  pdf.registerFontkit({ create: () => face } as unknown as PdfLibFontkit);
  const font = await pdf.embedFont(bytes, { subset: true });
  const writer = new Writer(pdf, font);
  writer.line(content.title, 18, { centred: true, gap: 10 });
  for (const [label, value] of content.facts) writer.wrapped(`${label}：${value}`, 10.5);
  writer.space(8);
  for (const entry of content.entries) {
    writer.wrapped(entry.heading, 10.5);
    for (const text of entry.lines) writer.wrapped(text, 9.5, { indent: 12, colour: GREY });
    writer.space(4);
  }
  writer.space(8);
  writer.wrapped(content.footer, 9, { colour: GREY });
  writer.numberPages();
  const at = new Date(content.exportedAt);
  pdf.setTitle(content.title);
  pdf.setSubject(content.subject);
  pdf.setKeywords(content.keywords);
  pdf.setLanguage('zh-CN');
  pdf.setProducer('zhengwutong');
  pdf.setCreator('zhengwutong');
  pdf.setCreationDate(at);
  pdf.setModificationDate(at);
  return Buffer.from(await pdf.save());
}

class Writer {
  private page: PDFPage;
  private y: number;
  private readonly pages: PDFPage[] = [];

  constructor(
    private readonly pdf: PDFDocument,
    private readonly font: PDFFont,
  ) {
    this.page = this.newPage();
    this.y = PAGE.height - MARGIN.top;
  }

  line(text: string, size: number, options: { centred?: boolean; gap?: number; indent?: number; colour?: ReturnType<typeof rgb> } = {}): void {
    const height = size * 1.45;
    if (this.y - height < MARGIN.bottom) {
      this.page = this.newPage();
      this.y = PAGE.height - MARGIN.top;
    }
    this.y -= height;
    const width = this.font.widthOfTextAtSize(text, size);
    const x = options.centred ? MARGIN.left + (WIDTH - width) / 2 : MARGIN.left + (options.indent ?? 0);
    this.page.drawText(text, { x, y: this.y, size, font: this.font, color: options.colour ?? BLACK });
    this.y -= options.gap ?? 0;
  }

  /** Breaks between any two characters (Chinese text), as wide as the text block less the indent. */
  wrapped(text: string, size: number, options: { indent?: number; colour?: ReturnType<typeof rgb> } = {}): void {
    const limit = WIDTH - (options.indent ?? 0);
    let current = '';
    for (const char of Array.from(text.replace(/\s+/g, ' '))) {
      if (current !== '' && this.font.widthOfTextAtSize(current + char, size) > limit) {
        this.line(current, size, options);
        current = '';
      }
      current += char;
    }
    if (current !== '') this.line(current, size, options);
  }

  space(points: number): void {
    this.y -= points;
  }

  numberPages(): void {
    this.pages.forEach((page, index) => {
      const label = `第 ${index + 1} 页 / 共 ${this.pages.length} 页`;
      const width = this.font.widthOfTextAtSize(label, 9);
      page.drawText(label, { x: (PAGE.width - width) / 2, y: MARGIN.bottom / 2, size: 9, font: this.font, color: GREY });
    });
  }

  private newPage(): PDFPage {
    const page = this.pdf.addPage([PAGE.width, PAGE.height]);
    this.pages.push(page);
    return page;
  }
}
