import { createError, defineEventHandler, getRouterParam } from 'h3'
import { isUuid, productById } from '../../../../database.ts'
import { db } from '../../utils/db.ts'

export default defineEventHandler(async (event) => {
  const id = getRouterParam(event, 'id') ?? ''
  const product = isUuid(id) ? await productById(db, id) : undefined
  if (!product) throw createError({ statusCode: 404, statusMessage: 'Product not found' })
  return { data: product }
})
