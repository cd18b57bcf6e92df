import type { FastifyInstance } from 'fastify'
import { buildApp, type AppOptions } from '../src/app.js'
import type { Role } from '../src/contract/accounts.js'
import { injectAs, newUser, signIn } from './accounts.js'
import { testDatabase } from './database.js'

/**
 * The real app on the test database, for `app.inject`. Requests go as a signed-in admin unless
 * `as` names another role or 'public' (the feature tests are about features, not permissions;
 * the permissions have their own tests in features/accounts/).
 */
export async function buildTestApp(
  options: { as?: Role | 'public' } & Partial<Omit<AppOptions, 'database'>> = {},
): Promise<FastifyInstance> {
  const { as = 'admin', ...appOptions } = options
  const database = await testDatabase()
  const app = await buildApp({ database, ...appOptions })
  await app.ready()
  if (as !== 'public' && as !== 'enterprise') {
    const user = await newUser(database.db, as)
    injectAs(app, await signIn(app, user.email))
  }
  return app
}
