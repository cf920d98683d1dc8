import { describe, expect, it } from 'vitest'
import { CsvFileError, parseCsv, toCsv } from '../../server/lib/csv'

describe('toCsv', () => {
  it('quotes what needs quoting and doubles quotes', () => {
    expect(toCsv([['a', 'b,c', 'say "hi"', 'two\nlines', null, 1.5, true]])).toBe('a,"b,c","say ""hi""","two\nlines",,1.5,true\r\n')
  })

  it('defuses cells a spreadsheet would run as formulas', () => {
    expect(toCsv([['=HYPERLINK("http://x")', '+1', '-2', '@SUM(A1)', 'safe']])).toBe('"\'=HYPERLINK(""http://x"")",\'+1,\'-2,\'@SUM(A1),safe\r\n')
    expect(toCsv([[-2]])).toBe('-2\r\n')
  })
})

describe('parseCsv', () => {
  it('reads back what toCsv wrote, formula guards removed, with the line each record ends on', () => {
    const rows = [['sku', 'name'], ['A-1', '=HYPERLINK("http://x")'], ['A-2', 'two\nlines, "quoted"'], ['A-3', '-2']]
    expect(parseCsv(toCsv(rows))).toEqual([
      { line: 1, cells: rows[0] },
      { line: 2, cells: rows[1] },
      { line: 4, cells: rows[2] },
      { line: 5, cells: rows[3] },
    ])
  })

  it('takes semicolons when the header uses them, a BOM, blank lines and ragged rows', () => {
    expect(parseCsv('\uFEFFsku;price\n\nA;12,50\nB\n')).toEqual([
      { line: 1, cells: ['sku', 'price'] },
      { line: 3, cells: ['A', '12,50'] },
      { line: 4, cells: ['B'] },
    ])
  })

  it('refuses a file that is not CSV', () => {
    expect(() => parseCsv('sku,name\nA,"unclosed')).toThrow(CsvFileError)
  })
})
