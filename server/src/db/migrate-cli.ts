import { loadConfig, loadDotEnv } from '../config.js'
import { openDatabase } from './database.js'
import { migrate } from './migrate.js'

// `npm run db:migrate`: applies pending migrations to DATABASE_URL or the embedded database.
loadDotEnv()
const config = loadConfig()
const database = await openDatabase({
  databaseUrl: config.databaseUrl,
  dataDir: config.dataDir,
  onProgress: console.log,
})
try {
  const { applied, alreadyApplied } = await migrate(database)
  console.log(
    `Applied ${applied.length} migration(s)${applied.length ? `: ${applied.join(', ')}` : ''}; ${alreadyApplied} already applied.`,
  )
} finally {
  await database.close()
}
