import Fastify, { type FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { roles, type Role } from '../../contract/accounts.js'
import { accessRules } from '../../contract/access-rules.js'
import { registerAuth } from '../../plugins/auth.js'
import { buildApp } from '../../app.js'
import { type Credentials, newUser, signIn, withSession } from '../../../test/accounts.js'
import { testDatabase } from '../../../test/database.js'
import { newEnterprise, testArea } from '../../../test/factories.js'

// Every rule of contract/access-rules.ts × every role and the public, over HTTP: the policy's
// answer (allowed, 401 or 403) must be what the server does. A route without a rule cannot be
// registered at all (last test), so this table covers the whole API.
let app: FastifyInstance
const sessions = new Map<Role, Credentials>()

beforeAll(async () => {
  const database = await testDatabase()
  app = await buildApp({ database, signInAttempts: 100 })
  await app.ready()
  const enterprise = await newEnterprise(database.db, testArea())
  for (const role of roles) {
    const user = await newUser(
      database.db,
      role,
      role === 'enterprise' ? { enterpriseId: enterprise.id } : {},
    )
    sessions.set(role, await signIn(app, user.email))
  }
})
afterAll(() => app?.close())

/** A concrete URL for a route pattern: ids that exist nowhere, valid tile and code values. */
function urlOf(pattern: string): string {
  return pattern
    .replace(':layer/:z/:x/:y.mvt', 'regions/0/0/0.mvt')
    .replace(':layer', 'regions')
    .replace(':code', '10')
    .replace(/:\w+/g, '2000000000')
}

// signing out ends the session the other cases use: it goes last
const signOut = 'DELETE /api/session'
const ordered = Object.entries(accessRules).sort(([a], [b]) => Number(a === signOut) - Number(b === signOut))
const cases = ordered.flatMap(([route, rule]) =>
  (['public', ...roles] as const).map((who) => {
    const allowed = rule.roles === 'everyone' || (who !== 'public' && rule.roles.includes(who))
    const expected = allowed ? 'allowed' : who === 'public' ? 401 : 403
    return [route, who, expected] as const
  }),
)

describe('route × role', () => {
  it('has a rule for every route the app serves, and a route for every rule', () => {
    for (const route of Object.keys(accessRules)) {
      const [method, url] = route.split(' ') as [string, string]
      expect(app.hasRoute({ method: method as 'GET', url }), route).toBe(true)
    }
  })

  it.each(cases)('%s as %s: %s', async (route, who, expected) => {
    const [method, pattern] = route.split(' ') as ['GET' | 'POST' | 'PUT' | 'DELETE', string]
    const request = {
      method,
      url: urlOf(pattern),
      ...(method === 'GET' || method === 'DELETE' ? {} : { payload: {} }),
    }
    const credentials = who === 'public' ? undefined : sessions.get(who)
    const response = await app.inject(credentials ? withSession(credentials, request) : request)
    if (expected === 'allowed') {
      expect([401, 403], `${route} as ${who}: ${response.body}`).not.toContain(response.statusCode)
      // allowed and then broken is no pass: a 500 on an impossible id or an empty body is a bug
      expect(response.statusCode, `${route} as ${who}: ${response.body}`).toBeLessThan(500)
    } else {
      expect(response.statusCode, response.body).toBe(expected)
      expect(response.json().error.code).toBe(expected === 401 ? 'UNAUTHORIZED' : 'FORBIDDEN')
    }
  })

  it('refuses to start with a route that has no rule', async () => {
    const bare = Fastify()
    await registerAuth(bare, (await testDatabase()).db, { minEnterprises: 3 })
    expect(() => bare.get('/api/secret-new-thing', async () => 'ok')).toThrow(/no access rule/)
    await bare.close()
  })
})
