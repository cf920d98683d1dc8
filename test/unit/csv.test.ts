import { describe, expect, it } from 'vitest'
import { toCsv } from '../../server/utils/csv'

describe('toCsv', () => {
  it('quotes what needs quoting and doubles quotes', () => {
    expect(toCsv([['a', 'b,c', 'say "hi"', 'two\nlines', null, 1.5, true]])).toBe('a,"b,c","say ""hi""","two\nlines",,1.5,true\r\n')
  })

  it('defuses cells a spreadsheet would run as formulas', () => {
    expect(toCsv([['=HYPERLINK("http://x")', '+1', '-2', '@SUM(A1)', 'safe']])).toBe('"\'=HYPERLINK(""http://x"")",\'+1,\'-2,\'@SUM(A1),safe\r\n')
    expect(toCsv([[-2]])).toBe('-2\r\n')
  })
})
