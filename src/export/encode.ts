// Rows as text: CSV per RFC 4180 and NDJSON. A row is a plain object; the table's column list fixes the
// order of CSV fields and of NDJSON keys, so both formats are stable from one export to the next.

export type Row = Record<string, unknown>;
export type Format = 'csv' | 'ndjson';

/**
 * Text a spreadsheet would take for a formula (OWASP, CSV injection): a cell starting with =, +, -, @, a tab
 * or a carriage return (or their full-width forms). Such text gets a leading apostrophe, which spreadsheets
 * show as text and do not keep; numbers are written as numbers and never altered.
 */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/**
 * One CSV field. Null and undefined are empty; strings are as they are, but for the apostrophe before
 * formula-like text (above); numbers and booleans in their JS form; lists and objects (synonyms, sources,
 * properties) as compact JSON. A field holding a comma, a double quote, CR or LF is quoted, its quotes
 * doubled (RFC 4180).
 */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV record, CRLF-terminated as RFC 4180 asks (pandas, R and spreadsheets all read it). */
export function csvLine(values: readonly unknown[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/** One NDJSON line: every column present (null when absent), in column order. */
export function ndjsonLine(columns: readonly string[], row: Row): string {
  const ordered: Row = {};
  for (const column of columns) ordered[column] = row[column] ?? null;
  return `${JSON.stringify(ordered)}\n`;
}

export function headerText(format: Format, columns: readonly string[]): string {
  return format === 'csv' ? csvLine(columns) : '';
}

export function rowText(format: Format, columns: readonly string[], row: Row): string {
  return format === 'csv' ? csvLine(columns.map((c) => row[c])) : ndjsonLine(columns, row);
}
