import { readdirSync, readFileSync } from 'node:fs'
import { join, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { FRENCH_MESSAGES, translateMessage } from '#shared/i18n/api-messages'

describe('translateMessage', () => {
  it('translates a fixed message', () => {
    expect(translateMessage('Product not found', 'fr')).toBe('Produit introuvable')
    expect(translateMessage('Validation failed', 'fr')).toBe('Données non valides')
  })

  it('fills a templated message with what its placeholders matched', () => {
    expect(translateMessage('line1 is at most 120 characters', 'fr')).toBe('line1 : 120 caractères au plus')
    expect(translateMessage('Not enough stock: 3 in stock, cannot remove 5', 'fr')).toBe('Stock insuffisant : 3 en stock, impossible d’en retirer 5')
    expect(translateMessage('Only 2 of Moka pot left', 'fr')).toBe('Moka pot : plus que 2 en stock')
  })

  it('prefers the more specific pattern', () => {
    // Both '{a} must be at most {b}' and '{a} must be at most {b} characters' match: the longer one wins.
    expect(translateMessage('password must be at most 128 characters', 'fr')).toBe('password : 128 caractères au plus')
    expect(translateMessage('quantity must be at most 1000', 'fr')).toBe('quantity : au plus 1000')
    expect(translateMessage('postcode must look like SW1A 1AA in United Kingdom', 'fr')).toBe('postcode : format attendu SW1A 1AA au Royaume-Uni')
  })

  it('translates the message after a field in an import row’s reasons', () => {
    expect(translateMessage('price: price must be a number', 'fr')).toBe('price : price : un nombre est attendu')
  })

  it('writes English-formatted amounts the French way', () => {
    expect(translateMessage('This code needs an order of at least €1,250.50', 'fr')).toBe('Ce code demande une commande d’au moins 1\u202F250,50\u00A0€')
  })

  it('leaves a long message as it came, however it is made', () => {
    // Made to fit many of the templates at once: a pattern matcher that tried them would backtrack for minutes.
    const crafted = `Invalid type: Expected Object but received "${' must be  to '.repeat(80_000)}"`
    expect(translateMessage(crafted, 'fr')).toBe(crafted)
    expect(translateMessage(`price: ${'x'.repeat(400)} must be a number`, 'fr')).toMatch(/^price: /)
  })

  it('passes an unknown message through, and leaves English alone', () => {
    expect(translateMessage('Something nobody wrote', 'fr')).toBe('Something nobody wrote')
    expect(translateMessage('Product not found', 'en')).toBe('Product not found')
    expect(translateMessage('line1 is at most 120 characters', 'en')).toBe('line1 is at most 120 characters')
    expect(translateMessage('', 'fr')).toBe('')
  })

  it('has a French template with the same placeholders as each English pattern', () => {
    const names = (text: string) => [...text.matchAll(/\{([a-z])\}/g)].map(match => match[1]).sort()
    const mismatched = Object.entries(FRENCH_MESSAGES).filter(([en, fr]) => names(en).join() !== names(fr).join())
    expect(mismatched).toEqual([])
  })
})

// ---------------------------------------------------------------------------------------------
// Coverage: every message the server can send, as the source writes it, has a French pattern.
// ---------------------------------------------------------------------------------------------

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

function sourceFiles(dir: string): string[] {
  return (readdirSync(join(ROOT, dir), { recursive: true }) as string[])
    .filter(name => name.endsWith('.ts') && !name.endsWith('.d.ts'))
    .map(name => join(dir, name))
    .filter(path => !path.startsWith(join('shared', 'i18n') + sep))
}

interface Literal { start: number, end: number, raw: string }

/** Skips a '…', "…" or `…` literal starting at `i`; returns the index after it. */
function skipLiteral(source: string, i: number): number {
  const quote = source[i]
  let j = i + 1
  while (j < source.length) {
    const c = source[j]
    if (c === '\\') j += 2
    else if (c === quote) return j + 1
    else if (quote !== '`' && c === '\n') return j
    else if (quote === '`' && c === '$' && source[j + 1] === '{') j = skipExpression(source, j + 2)
    else j++
  }
  return j
}

/** Skips a `${…}` expression from just inside its brace; returns the index after its `}`. */
function skipExpression(source: string, i: number): number {
  let depth = 1
  let j = i
  while (j < source.length && depth > 0) {
    const c = source[j]!
    if (c === '\'' || c === '"' || c === '`') {
      j = skipLiteral(source, j)
      continue
    }
    if (c === '{') depth++
    else if (c === '}') depth--
    j++
  }
  return j
}

function skipRegex(source: string, i: number): number {
  let j = i + 1
  let inClass = false
  while (j < source.length && source[j] !== '\n') {
    const c = source[j]
    if (c === '\\') j++
    else if (c === '[') inClass = true
    else if (c === ']') inClass = false
    else if (c === '/' && !inClass) break
    j++
  }
  j++
  while (/[a-z]/.test(source[j] ?? '')) j++
  return j
}

/** The code's string literals and its matched parentheses (comments, literals and regexes skipped). */
function scan(source: string) {
  const literals: Literal[] = []
  const parens = new Map<number, number>()
  const open: number[] = []
  let last = ''
  let i = 0
  while (i < source.length) {
    const c = source[i]!
    const next = source[i + 1]
    if (c === '/' && next === '/') {
      const end = source.indexOf('\n', i)
      i = end < 0 ? source.length : end
      continue
    }
    if (c === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2)
      i = end < 0 ? source.length : end + 2
      continue
    }
    if (c === '\'' || c === '"' || c === '`') {
      const end = skipLiteral(source, i)
      literals.push({ start: i, end, raw: source.slice(i, end) })
      i = end
      last = c
      continue
    }
    if (c === '/' && (last === '' || '(,=:[!&|?{};'.includes(last) || /\b(?:return|typeof|case)\s*$/.test(source.slice(Math.max(0, i - 8), i)))) {
      i = skipRegex(source, i)
      last = '/'
      continue
    }
    if (c === '(') open.push(i)
    else if (c === ')' && open.length) parens.set(open.pop()!, i)
    if (!/\s/.test(c)) last = c
    i++
  }
  return { literals, parens }
}

const unescape = (text: string) => text.replace(/\\(.)/gs, (_, c: string) => ({ n: '\n', t: '\t' })[c] ?? c)

/** What a literal can read as at run time: each `${…}` is `x`, or each branch of a `cond ? 'a' : 'b'`. */
function samples(raw: string): string[] {
  if (raw[0] !== '`') return [unescape(raw.slice(1, -1))]
  let results = ['']
  let i = 1
  let text = ''
  const append = (options: string[]) => {
    results = results.flatMap(prefix => options.map(option => prefix + option))
  }
  while (i < raw.length - 1) {
    if (raw[i] === '\\') {
      text += raw.slice(i, i + 2)
      i += 2
    }
    else if (raw[i] === '$' && raw[i + 1] === '{') {
      append([unescape(text)])
      text = ''
      const end = skipExpression(raw, i + 2)
      const expression = raw.slice(i + 2, end - 1).trim()
      const ternary = /^[^?'"`]+\?\s*(['"])(.*?)\1\s*:\s*(['"])(.*?)\3$/.exec(expression)
      append(ternary ? [ternary[2]!, ternary[4]!] : ['x'])
      i = end
    }
    else text += raw[i++]
  }
  append([unescape(text)])
  return results
}

/** Words, not an identifier or a header name: what a person reads. */
const isMessage = (text: string) => text.split(/\s+/).filter(word => /[A-Za-z]{2}/.test(word)).length >= 2

/** Calls whose arguments hold a message the client gets (apiError and the services' helpers around it). */
const SERVER_CARRIERS = /\b(?:apiError|tooManyRequests|countAttempt|invalidImage|fileError|invalid|CsvFileError)\(/g

function serverMessages(path: string, source: string): string[] {
  const { literals, parens } = scan(source)
  const found: string[] = []
  const inRange = (from: number, to: number) => literals.filter(l => l.start > from && l.end <= to).map(l => l.raw)
  for (const match of source.matchAll(SERVER_CARRIERS)) {
    const paren = match.index + match[0].length - 1
    const close = parens.get(paren)
    if (close === undefined) continue
    found.push(...inRange(paren, close))
    // `apiError(401, INVALID)`: the constant's literal.
    const constant = /^\s*(?:\d+\s*,\s*)?([A-Z][A-Z_]+)\s*\)$/.exec(source.slice(paren + 1, close + 1))
    if (constant) {
      const definition = new RegExp(`const ${constant[1]} = `).exec(source)
      if (definition) found.push(...inRange(definition.index, source.indexOf('\n', definition.index)))
    }
  }
  // Details built before the throw (`details.email = ['…']`), the reasons a code or a delivery is refused.
  for (const match of source.matchAll(/(?:(?:details|errors)(?:\.\w+|\[[^\]\n]*\])\s*=\s*\[|\bproblem: |\bif \(.*\) return (?=['"`]))/g)) {
    found.push(...inRange(match.index, source.indexOf('\n', match.index)))
  }
  if (path === join('server', 'lib', 'errors.ts')) found.push(...literals.map(l => l.raw))
  return found
}

/** Valibot's messages: the literals among a `v.…(…)` call's arguments, and any schema literal that reads like a rule. */
function schemaMessages(path: string, source: string): string[] {
  const { literals, parens } = scan(source)
  const found: string[] = []
  for (const match of source.matchAll(/\bv\.\w+\(/g)) {
    const paren = match.index + match[0].length - 1
    const close = parens.get(paren)
    if (close !== undefined) found.push(...literals.filter(l => l.start > paren && l.end <= close).map(l => l.raw))
  }
  if (path.startsWith(join('shared', 'schemas'))) {
    found.push(...literals.map(l => l.raw).filter(raw => / (?:must|is|are|needs|has|give|at most|at least) /.test(raw)))
  }
  return found
}

/** Messages put together in ways the scan cannot follow (valibot's own wording, a status in a sentence). */
const ASSEMBLED = [
  'x is required',
  'Invalid type: Expected number but received "x"',
  'Invalid type: Expected Object but received null',
  'Invalid value: Expected >=0 but received -1',
  'Invalid length: Expected 0 but received 3',
  'Invalid key: Expected "x" but received undefined',
  'This order is shipped and can no longer be cancelled',
  'This order is delivered and can no longer be cancelled',
  'This order is cancelled and can no longer be cancelled',
  'An order cannot go from pending to delivered',
  'The file is not valid CSV: Invalid Closing Quote: got "x" at line 2 instead of delimiter, record delimiter, trimable character (if activated) or comment',
  '2 rows are rejected: nothing was imported',
  '1 row is rejected: nothing was imported',
  'price: price must be a number',
  'name: name is required',
  'sku: sku is 1 to 64 letters, digits, dots, dashes or underscores',
  '_row: 3 cells where the header has 9',
  'Image too large (at most 5 MB)',
  'The file must be at most 5 MB',
  'This code needs an order of at least €30.00',
  'Colissimo does not take a parcel of 31.5 kg',
  ...['France', 'Belgium', 'Luxembourg', 'Switzerland', 'Germany', 'Netherlands', 'Spain', 'Italy', 'United Kingdom', 'United States']
    .map(country => `postcode must look like 12345 in ${country}`),
]

function sourceMessages(): string[] {
  const messages = new Set<string>()
  for (const path of [...sourceFiles('server'), ...sourceFiles('shared')]) {
    const source = readFileSync(join(ROOT, path), 'utf8')
    const raws = path.startsWith('server') ? serverMessages(path, source) : schemaMessages(path, source)
    for (const raw of raws) {
      for (const sample of samples(raw)) if (isMessage(sample)) messages.add(sample)
    }
  }
  return [...messages]
}

describe('the French catalog', () => {
  const messages = sourceMessages()

  it('finds the messages in the source', () => {
    expect(messages.length).toBeGreaterThan(150)
    expect(messages).toContain('Product not found')
    expect(messages).toContain('x is at most x characters')
    expect(messages).toContain('This code does not exist or is no longer offered')
    expect(messages).toContain('Too many sign-in attempts; try again later')
    expect(messages).toContain('x rows are rejected: nothing was imported')
  })

  it('has a French pattern for every English message the server can send', () => {
    const untranslated = [...messages, ...ASSEMBLED].filter(message => translateMessage(message, 'fr') === message)
    expect(untranslated).toEqual([])
  })

  it('leaves no placeholder unfilled', () => {
    const unfilled = [...messages, ...ASSEMBLED].filter(message => /\{[a-z]\}/.test(translateMessage(message, 'fr')))
    expect(unfilled).toEqual([])
  })
})
