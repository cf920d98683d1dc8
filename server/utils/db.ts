/** The database of this platform (#platform/database): a process-wide pool on Node, a client per request on the edge. */
export { closeDatabase, databaseReady, isDatabaseReady, listenToDatabase, pingDatabase, readCatalog, useDb } from '#platform/database'
