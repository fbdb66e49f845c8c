/**
 * Spreadsheet formula injection (OWASP "CSV injection"): a cell whose text
 * begins with = + - @, a tab or a carriage return may be taken for a formula
 * by Excel or LibreOffice once someone edits it or saves the sheet as CSV, so
 * a matter title `=HYPERLINK("http://…","点此")` would become a live link.
 * Every .xlsx the product writes passes its text cells through here; a
 * leading ' makes the cell plain text wherever it is opened.
 *
 * Text that already begins with quotes before such a character gets one
 * more, so `unquoteCell` can undo exactly one and a round trip (export, copy
 * into the import template, import) gives back the original text, quotes and all.
 */
const RISKY = /^'*[=+\-@\t\r]/;

export function quoteCell<T>(value: T): T | string {
  return typeof value === 'string' && RISKY.test(value) ? `'${value}` : value;
}

/** Every value of a row object, as exceljs `addRow` takes it. */
export function quoteRow<T extends Record<string, unknown>>(row: T): T {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, quoteCell(v)])) as T;
}

/** The inverse for text read from an uploaded sheet: drops the one quote `quoteCell` added. */
export function unquoteCell(text: string): string {
  return text.startsWith("'") && RISKY.test(text.slice(1)) ? text.slice(1) : text;
}
