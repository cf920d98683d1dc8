import { createError } from 'h3'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { apiError, toErrorResponse } from '../../server/lib/errors'

function wrapped(error: unknown) {
  // What h3 does to anything a handler throws that is not already an H3Error.
  const h3 = createError(error as Error)
  h3.unhandled = true
  return h3
}

describe('toErrorResponse', () => {
  it('passes on the status, message and details of an error raised on purpose', () => {
    const response = toErrorResponse(apiError(409, 'SKU already used', { details: { sku: ['taken'] }, headers: { 'Retry-After': '3' } }))
    expect(response).toEqual({ status: 409, body: { error: 'SKU already used', details: { sku: ['taken'] } }, headers: { 'Retry-After': '3' } })
  })

  it('turns valibot issues into one entry per field', () => {
    const schema = v.object({ email: v.pipe(v.string(), v.email('bad email')), items: v.array(v.object({ quantity: v.pipe(v.number(), v.minValue(1, 'at least 1')) })) })
    const result = v.safeParse(schema, { email: 'x', items: [{ quantity: 0 }] })
    const error = createError({ statusCode: 400, data: new v.ValiError(result.issues!) })
    expect(toErrorResponse(error)).toEqual({
      status: 400,
      body: { error: 'Validation failed', details: { 'email': ['bad email'], 'items.0.quantity': ['at least 1'] } },
      headers: {},
    })
  })

  it('files issues about the whole input under _root', () => {
    const result = v.safeParse(v.object({ a: v.string() }), 'not an object')
    const response = toErrorResponse(createError({ statusCode: 400, data: new v.ValiError(result.issues!) }))
    expect(Object.keys(response.body.details!)).toEqual(['_root'])
  })

  it('hides the message of anything unexpected behind a generic 500', () => {
    const response = toErrorResponse(wrapped(new TypeError('Cannot read properties of undefined (reading \'secret\') at /srv/app/server.mjs:10')))
    expect(response).toEqual({ status: 500, body: { error: 'Internal server error' }, headers: {} })
    expect(toErrorResponse('a string').status).toBe(500)
    expect(toErrorResponse(undefined).status).toBe(500)
  })

  it('maps database constraint errors to client errors without their SQL', () => {
    const unique = Object.assign(new Error('duplicate key value violates unique constraint "products_sku_key"'), { code: '23505' })
    const drizzle = new Error('Failed query: insert into "products" ...', { cause: unique })
    const response = toErrorResponse(wrapped(drizzle))
    expect(response.status).toBe(409)
    expect(JSON.stringify(response.body)).not.toMatch(/insert|products_sku_key/)
    const badUuid = Object.assign(new Error('invalid input syntax for type uuid'), { code: '22P02' })
    expect(toErrorResponse(wrapped(badUuid)).status).toBe(400)
  })

  it('answers 503 with Retry-After when the database turns connections away, without its words', () => {
    const full = Object.assign(new Error('sorry, too many clients already'), { code: '53300' })
    const response = toErrorResponse(wrapped(new Error('Failed query: select "id" from "users"', { cause: full })))
    expect(response).toEqual({ status: 503, body: { error: 'The shop is busy: try again in a moment' }, headers: { 'Retry-After': '1' } })
  })

  it('keeps h3\'s own client errors', () => {
    const json = createError({ statusCode: 400, statusMessage: 'Bad Request', message: 'Invalid JSON body' })
    expect(toErrorResponse(json)).toEqual({ status: 400, body: { error: 'Invalid JSON body' }, headers: {} })
  })
})

describe('missing fields', () => {
  it('are reported as required, by name', () => {
    const result = v.safeParse(v.object({ price: v.number(), items: v.array(v.object({ product_id: v.string() })) }), { items: [{}] })
    const response = toErrorResponse(createError({ statusCode: 400, data: new v.ValiError(result.issues!) }))
    expect(response.body.details).toEqual({ 'price': ['price is required'], 'items.0.product_id': ['product_id is required'] })
  })
})
