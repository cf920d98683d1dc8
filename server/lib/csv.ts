import { CsvError, parse } from 'csv-parse/sync'

/**
 * RFC 4180 CSV. A cell that a spreadsheet would run as a formula (=, +, -, @, tab, CR at
 * its start) is prefixed with an apostrophe: an exported product name can never become
 * a formula on the shop owner's machine.
 */
export function toCsv(rows: (string | number | boolean | null)[][]): string {
  return rows.map(row => row.map(cell).join(',')).join('\r\n') + '\r\n'
}

function cell(value: string | number | boolean | null) {
  if (value === null) return ''
  let text = String(value)
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export class CsvFileError extends Error {}

/**
 * Parses RFC 4180 CSV (csv-parse), comma- or semicolon-separated as the header line shows
 * (spreadsheets in much of Europe write semicolons), with an optional BOM. Each record
 * comes with the line it ends on; cells lose the apostrophe that `toCsv` put before a
 * formula-like value, so an export imports back as it was.
 */
export function parseCsv(text: string): { line: number, cells: string[] }[] {
  const header = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? ''
  const delimiter = header.includes(';') && !header.includes(',') ? ';' : ','
  let records: { info: { lines: number }, record: string[] }[]
  try {
    records = parse(text, { bom: true, delimiter, info: true, relax_column_count: true, skip_empty_lines: true }) as unknown as typeof records
  }
  catch (error) {
    throw new CsvFileError(error instanceof CsvError ? error.message : 'The file is not valid CSV')
  }
  return records.map(({ info, record }) => ({ line: info.lines, cells: record.map(value => value.replace(/^'(?=[=+\-@\t\r])/, '')) }))
}
