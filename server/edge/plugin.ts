import { sendDueMails } from '../services/mail'
import { followCatalogChanges } from './catalog-follower'

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/**
 * Before a request: this isolate's catalog caches follow the changes other isolates
 * recorded (./catalog-follower.ts). Once a request is answered (without holding the answer back): a write may have queued
 * mail, which is sent now, as the Node server does on NOTIFY (the Cron Trigger retries what
 * fails); then the request's database connection is closed.
 */
export default defineNitroPlugin((nitroApp) => {
  nitroApp.hooks.hook('request', () => followCatalogChanges(useDb))
  nitroApp.hooks.hook('afterResponse', (event) => {
    const connection = event.context.database
    if (!connection) return
    event.context.database = undefined
    const mail = WRITES.has(event.method) ? sendDueMails(connection.db).catch(() => {}) : Promise.resolve()
    event.context.cloudflare?.context.waitUntil(mail.finally(() => connection.close().catch(() => {})))
  })
})
