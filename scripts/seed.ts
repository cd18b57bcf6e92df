import { prepareDatabase } from '../server/src/seed/index.js'
import { withConfiguredDatabase } from './open-database.js'

// `npm run seed`: migrations, the reference catalogues and (unless LOOPMAP_SEED_DEMO=false) the
// demo pilot region, on DATABASE_URL or the embedded database. Safe to run again.
await withConfiguredDatabase((database, config) =>
  prepareDatabase(database, { demo: config.seedDemo, log: console.log }),
)
