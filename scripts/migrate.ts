import { migrate } from '../server/src/db/migrate.js'
import { withConfiguredDatabase } from './open-database.js'

// `npm run db:migrate`: applies pending migrations to DATABASE_URL or the embedded database.
await withConfiguredDatabase(async (database) => {
  const { applied, alreadyApplied } = await migrate(database)
  console.log(
    `Applied ${applied.length} migration(s)${applied.length ? `: ${applied.join(', ')}` : ''}; ${alreadyApplied} already applied.`,
  )
})
