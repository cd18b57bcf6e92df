import { loadConfig, loadDotEnv } from '../server/src/config.js'
import { openDatabase } from '../server/src/db/database.js'
import { prepareDatabase } from '../server/src/seed/index.js'

// `npm run seed`: migrations, the reference catalogues and (unless LOOPMAP_SEED_DEMO=false) the
// demo pilot region, on DATABASE_URL or the embedded database. Safe to run again.
loadDotEnv()
const config = loadConfig()
const database = await openDatabase({
  databaseUrl: config.databaseUrl,
  dataDir: config.dataDir,
  onProgress: console.log,
})
try {
  await prepareDatabase(database, { demo: config.seedDemo, log: console.log })
} finally {
  await database.close()
}
