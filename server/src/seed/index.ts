import type { Database } from '../db/database.js'
import { migrate } from '../db/migrate.js'
import { seedCatalogues } from './catalogues.js'
import { seedDemo } from './demo.js'
import { seedDemoUsers } from './demo-users.js'
import { seedMatchingKnowledge } from './matching.js'

export type PrepareOptions = { demo: boolean; log?: (message: string) => void }

/** Brings a database up to date: migrations, the reference catalogues, and (optionally) the demo region. */
export async function prepareDatabase(database: Database, { demo, log = () => {} }: PrepareOptions) {
  const { applied } = await migrate(database)
  if (applied.length > 0) log(`Applied ${applied.length} migration(s): ${applied.join(', ')}`)
  await seedCatalogues(database.db, log)
  await seedMatchingKnowledge(database.db, log)
  if (demo) {
    await seedDemo(database.db, log)
    await seedDemoUsers(database.db, log)
  }
}
