import { defineEventHandler, getQuery } from 'h3'
import { pageQuery, productPage } from '../../../../database.ts'
import { db } from '../../utils/db.ts'

export default defineEventHandler((event) => {
  const query = pageQuery(new URLSearchParams(getQuery(event) as Record<string, string>), 12)
  return productPage(db, query)
})
