import { CATALOG_CHANNEL } from '#platform/catalog'
import { ConfigError } from '../lib/config'

/**
 * Boot: validate the configuration (refuse to start on a bad one), then migrate in the
 * background while liveness already answers; close the pool on shutdown.
 */
export default defineNitroPlugin((nitroApp) => {
  try {
    setLogLevel(useConfig().logLevel)
  }
  catch (error) {
    if (!(error instanceof ConfigError)) throw error
    console.error(`Comptoir cannot start. ${error.message}`)
    process.exit(1)
  }

  databaseReady()
    .then(() => listenToDatabase(CATALOG_CHANNEL, invalidateCatalogFrom))
    .catch((error: Error) => {
      logger.error('database setup failed', { error: error.message })
      if (!import.meta.dev) process.exit(1)
    })

  nitroApp.hooks.hook('close', async () => {
    await closeDatabase()
    logger.info('database closed')
  })
})
