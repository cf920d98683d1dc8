const BASE_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
  'Cross-Origin-Opener-Policy': 'same-origin',
}

/** JSON never needs to run, embed or be embedded. */
const API_CSP = 'default-src \'none\'; frame-ancestors \'none\''

/** Production is served over HTTPS (cookies are Secure): browsers should never try plain HTTP again. Subdomains are the operator's own business. */
const HSTS = 'max-age=31536000'

/**
 * Security headers on every response. Pages get a Content-Security-Policy that allows
 * exactly the inline scripts Nuxt itself wrote into them (by hash), nothing from elsewhere.
 * Development skips the page policy (Vite's client needs eval and a websocket) and HSTS
 * (it runs on plain http://localhost).
 */
export default defineNitroPlugin((nitroApp) => {
  nitroApp.hooks.hook('request', (event) => {
    setResponseHeaders(event, BASE_HEADERS)
    if (!import.meta.dev) setResponseHeader(event, 'Strict-Transport-Security', HSTS)
    if (event.path.startsWith('/api/')) setResponseHeader(event, 'Content-Security-Policy', API_CSP)
  })

  // Nuxt's renderer announces itself; the framework is nobody's business.
  nitroApp.hooks.hook('render:response', (response) => {
    if (response.headers) delete response.headers['x-powered-by']
  })

  if (import.meta.dev) return
  nitroApp.hooks.hook('render:html', (html, { event }) => {
    setResponseHeader(event, 'Content-Security-Policy', [
      'default-src \'self\'',
      `script-src 'self' ${headScriptHashes(html).join(' ')}`,
      // Nuxt UI and Vue render style attributes and a theme <style> block.
      'style-src \'self\' \'unsafe-inline\'',
      'img-src \'self\' data: blob:',
      'font-src \'self\' data:',
      // Chromium counts reading a picked file (File.text(), the CSV import) as a blob: connection.
      'connect-src \'self\' blob:',
      'object-src \'none\'',
      'base-uri \'self\'',
      'form-action \'self\'',
      'frame-ancestors \'none\'',
    ].join('; '))
  })
})
