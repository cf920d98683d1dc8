/** Liveness: the process answers. Does not touch the database. */
export default defineEventHandler(() => ({ status: 'ok' }))
