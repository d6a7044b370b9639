/**
 * The words for a code that arrives as plain text (a JSON body, a history's payload): the table's
 * text, the code itself where the table has none (a code newer than the reader), — for no code.
 */
export function labelOf(table: Readonly<Record<string, string>>, code: string | null | undefined): string {
  if (code === null || code === undefined) return '—';
  return Object.prototype.hasOwnProperty.call(table, code) ? table[code]! : code;
}
