// The catalog as an Excel workbook: one sheet per information table of 附件1, in its column order, so
// that a department can fill in (or correct) its items in the layout it already knows, and the same
// file comes back in. Cells hold human-readable text; every structured value (lists, the fee, the
// legal basis) has a line syntax, written out in the workbook's 填写说明 sheet, that reads back exactly.
//
// Reading checks syntax only. A value that has the right shape but a wrong content (an unknown penalty
// kind, a period of 0, a bad date) is handed on as it is, so that the API's DTO validation reports it
// by field like any other request; a SheetProblem is raised only where the text cannot be taken apart.
export { readCatalogWorkbook, type SheetProblem, type SheetRow } from './item-sheet/workbook-reader';
export { type SheetItem, writeCatalogWorkbook } from './item-sheet/workbook-writer';
