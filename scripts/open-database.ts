import { type Config, loadConfig, loadDotEnv } from '../server/src/config.js'
import { type Database, openDatabase } from '../server/src/db/database.js'

/**
 * For the command-line scripts (seed, synth, migrate, user:create): reads `.env` and the
 * environment as the server does, opens DATABASE_URL or the embedded database, runs `work` and
 * closes the database whatever happens.
 */
export async function withConfiguredDatabase<T>(
  work: (database: Database, config: Config) => Promise<T>,
  { progress = true }: { progress?: boolean } = {},
): Promise<T> {
  loadDotEnv()
  const config = loadConfig()
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    ...(progress && { onProgress: console.log }),
  })
  try {
    return await work(database, config)
  } finally {
    await database.close()
  }
}
