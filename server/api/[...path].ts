/** Any /api path no route claims: a JSON 404, never the storefront's HTML page. */
export default defineEventHandler(() => {
  throw apiError(404, 'No such API endpoint')
})
