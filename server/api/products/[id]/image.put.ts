import * as v from 'valibot'
import { IdParams } from '#shared/schemas/common'
import { MAX_IMAGE_BYTES } from '#shared/utils/images'
import { setProductImage } from '../../../services/product-images'

/** multipart/form-data with one file in the `image` field (size and type checked in server/middleware/05.body.ts and by the service). */
export default defineEventHandler(async (event) => {
  const admin = requireAdmin(event)
  const { id } = await getValidatedRouterParams(event, v.parser(IdParams))
  const parts = await readMultipartFormData(event)
  const files = parts?.filter(part => part.name === 'image' && part.filename !== undefined) ?? []
  if (files.length !== 1) throw apiError(400, 'Send one file in the "image" field', { details: { image: ['Choose one image file'] } })
  const { data } = files[0]!
  if (data.byteLength > MAX_IMAGE_BYTES) throw imageTooLarge()
  const product = await setProductImage(useDb(), useStorage(IMAGE_STORAGE), id, data, auditActor(event, admin))
  return { data: product }
})
