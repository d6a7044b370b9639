// Reading the catalog workbook back (or one filled in by hand in the same layout) into rows of item
// fields and the problems of cells whose text cannot be taken apart.
import { type Row, Workbook, type Worksheet } from 'exceljs';
import { assertWorkbookInflatesWithin } from '../workbook-size';
import { cellText, isBlank, plainValue } from './cell-codecs';
import { CODE, type Column, LAYOUTS, type Layout, setPath } from './layouts';

/** One non-empty data row: `item` has ItemDraft's property names, with values as the cells gave them. */
export interface SheetRow {
  sheet: string;
  rowNumber: number;
  code?: string;
  item: Record<string, unknown>;
}

/**
 * A cell whose text cannot be taken apart. The row's item still carries the cell's raw text in that
 * property (so DTO validation fails on it too): a row with a problem must not be imported.
 */
export interface SheetProblem {
  sheet: string;
  /** 1-based, as Excel numbers rows; 1 is the header row, 0 the workbook as a whole. */
  row: number;
  /** The column's Chinese header, as the sheet shows it. */
  column: string;
  rule: string;
  message: string;
}

/** Parses a workbook written by writeCatalogWorkbook (or filled in by hand in the same layout). */
export async function readCatalogWorkbook(data: Buffer): Promise<{ rows: SheetRow[]; problems: SheetProblem[] }> {
  await assertWorkbookInflatesWithin(data);
  const workbook = new Workbook();
  // Validations are not needed, and a hand-made one over whole columns would expand to a million cells.
  // exceljs types its input as its own ArrayBuffer-like Buffer; at run time it takes Node's.
  await workbook.xlsx.load(data as unknown as ArrayBuffer, { ignoreNodes: ['dataValidations'] });
  const rows: SheetRow[] = [];
  const problems: SheetProblem[] = [];
  let found = 0;
  for (const layout of LAYOUTS) {
    const sheet = workbook.worksheets.find((candidate) => candidate.name.trim() === layout.sheet);
    if (!sheet) continue;
    found += 1;
    readSheet(sheet, layout, rows, problems);
  }
  if (found === 0) {
    const names = LAYOUTS.map((layout) => `“${layout.sheet}”`).join('、');
    problems.push({ sheet: '', row: 0, column: '', rule: 'no-sheets', message: `工作簿中没有${names}中的任何一张表` });
  }
  return { rows, problems };
}

/** Headers match without spaces and without a parenthesised unit: 法定期限(工作日) is 法定期限（工作日）. */
function headerKey(header: string): string {
  return header.replace(/\s+/g, '').replace(/[（(].*$/, '');
}

function readSheet(sheet: Worksheet, layout: Layout, rows: SheetRow[], problems: SheetProblem[]): void {
  const columnNumbers = new Map<string, number>();
  sheet.getRow(1).eachCell((cell, columnNumber) => {
    const key = headerKey(cellText(plainValue(cell.value)));
    if (key !== '' && !columnNumbers.has(key)) columnNumbers.set(key, columnNumber);
  });

  const dataRows: Row[] = [];
  for (let rowNumber = 2; rowNumber <= sheet.rowCount; rowNumber += 1) {
    const row = sheet.findRow(rowNumber);
    if (row && !rowIsEmpty(row)) dataRows.push(row);
  }
  if (dataRows.length === 0) return;

  const located: { column: Column; number: number }[] = [];
  for (const column of layout.columns) {
    const number = columnNumbers.get(headerKey(column.header));
    if (number === undefined) {
      const message = `缺少“${column.header}”列；请使用导出的模板，不要改动第1行的列名`;
      problems.push({ sheet: layout.sheet, row: 1, column: column.header, rule: 'missing-column', message });
    } else {
      located.push({ column, number });
    }
  }

  for (const row of dataRows) {
    const item: Record<string, unknown> = layout.typeCode ? { typeCode: layout.typeCode } : {};
    // The family's table is always there, so that a missing field is reported by its own name.
    item[layout.family] = {};
    let code: string | undefined;
    for (const { column, number } of located) {
      const decoded = column.codec.read(plainValue(row.getCell(number).value));
      for (const problem of decoded.problems ?? []) {
        problems.push({ sheet: layout.sheet, row: row.number, column: column.header, ...problem });
      }
      if (decoded.value === undefined) continue;
      if (column.path === CODE) code = String(decoded.value);
      else setPath(item, column.path, decoded.value);
    }
    rows.push({ sheet: layout.sheet, rowNumber: row.number, ...(code === undefined ? {} : { code }), item });
  }
}

function rowIsEmpty(row: Row): boolean {
  let empty = true;
  row.eachCell((cell) => {
    if (!isBlank(plainValue(cell.value))) empty = false;
  });
  return empty;
}
