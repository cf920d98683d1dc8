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
