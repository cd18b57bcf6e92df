import { buildApp } from './app.js'
import { ConfigError, loadConfig, loadDotEnv } from './config.js'
import { openDatabase } from './db/database.js'
import { prepareDatabase } from './seed/index.js'

const say = (message: string) => console.log(`[loopmap] ${message}`)

async function main() {
  loadDotEnv()
  const config = loadConfig()
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    databaseReadUrl: config.databaseReadUrl,
    dataDir: config.dataDir,
    statementTimeoutMs: config.statementTimeoutMs,
    onProgress: say,
  })
  say(
    database.kind === 'postgres'
      ? `Connected to PostgreSQL${config.databaseReadUrl ? ', reading from its replica (DATABASE_READ_URL)' : ''}.`
      : 'Embedded database ready.',
  )

  let closing = false
  const app = await (async () => {
    try {
      await prepareDatabase(database, { demo: config.seedDemo, log: say })
      return await buildApp({
        database,
        clientDir: config.clientDir,
        basemapStyleUrl: config.basemapStyleUrl,
        disclosureMinEnterprises: config.disclosureMinEnterprises,
        signInAttempts: config.signInAttempts,
        signInAttemptsPerAddress: config.signInAttemptsPerAddress,
        trustProxy: config.trustProxy,
        logLevel: config.logLevel === 'info' ? 'warn' : config.logLevel,
      })
    } catch (error) {
      await database.close()
      throw error
    }
  })()

  // Close the HTTP server first, then the database: PGlite must be closed cleanly or its
  // un-fsynced data directory may be left inconsistent.
  const shutdown = async (signal: string) => {
    if (closing) return
    closing = true
    say(`${signal} received, closing…`)
    try {
      await app.close()
    } finally {
      await database.close()
      say('Closed.')
      process.exit(0)
    }
  }
  process.on('SIGINT', () => void shutdown('SIGINT'))
  process.on('SIGTERM', () => void shutdown('SIGTERM'))

  const address = await app.listen({ port: config.port, host: config.host })
  say(`Loopmap listening on ${address.replace('[::1]', 'localhost')} (database: ${database.kind})`)
}

main().catch((error: unknown) => {
  if (
    error instanceof ConfigError ||
    (error instanceof Error && 'code' in error && error.code === 'DATA_DIR_LOCKED')
  ) {
    console.error(`[loopmap] ${error.message}`)
  } else {
    console.error('[loopmap] start-up failed:', error)
  }
  process.exit(1)
})
