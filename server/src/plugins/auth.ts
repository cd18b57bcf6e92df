import fastifyCookie from '@fastify/cookie'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import { CSRF_HEADER, type Viewer } from '../contract/accounts.js'
import { type Disclosure, disclosureFor } from '../contract/disclosure.js'
import { auditContext } from '../domain/audit/record.js'
import type { DB } from '../db/schema.js'
import {
  enterpriseInRegionsOrAbsent,
  enterpriseOfStream,
  pointInRegions,
} from '../domain/account/scope-queries.js'
import { findSession } from '../domain/account/sessions.js'
import { type AccessRule, publicPrefixes, ruleFor } from '../contract/access-rules.js'
import { HttpError } from './error-handler.js'

export const SESSION_COOKIE = 'loopmap_session'

declare module 'fastify' {
  interface FastifyRequest {
    viewer: Viewer
    /** What this viewer may see of enterprise-level data: decided here once, read by every output. */
    disclosure: Disclosure
    /** The CSRF token of the request's session, when it has one. */
    csrfToken: string | undefined
    /** A session cookie came but named no live session: say "expired", not "sign in". */
    sessionEnded: boolean
  }
  interface FastifyContextConfig {
    /** Set from access-rules.ts for every /api route at registration. */
    access?: AccessRule
    /** false on the sign-in route: there is no session yet to hold a CSRF token. */
    csrf?: boolean
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/**
 * Sessions and authorisation for the API (issue 7). Every /api route gets its rule from
 * access-rules.ts when it is registered (a route without one stops the start-up); before the
 * handler the rule is enforced: 401 without a session, 403 for a role it does not name, the
 * rule's scope, and the CSRF header on cookie-authenticated writes.
 */
export async function registerAuth(
  app: FastifyInstance,
  db: Kysely<DB>,
  { minEnterprises }: { minEnterprises: number },
) {
  await app.register(fastifyCookie)
  app.decorateRequest('csrfToken', undefined)
  app.decorateRequest('sessionEnded', false)

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api') || publicPrefixes.some((prefix) => route.url.startsWith(prefix))) return
    const methods = (Array.isArray(route.method) ? route.method : [route.method]).filter((m) => m !== 'HEAD')
    for (const method of methods) {
      const rule = ruleFor(`${method} ${route.url}`)
      if (!rule)
        throw new Error(`${method} ${route.url} has no access rule: add one to contract/access-rules.ts`)
      route.config = { ...route.config, access: rule }
    }
  })

  // the rest of the request runs inside this context, so audit records can name the user
  app.addHook('onRequest', (_request, _reply, done) => auditContext.run({ userId: null }, done))
  app.addHook('onRequest', async (request) => {
    request.viewer = { kind: 'public' }
    request.disclosure = disclosureFor('public', minEnterprises)
    const token = request.cookies[SESSION_COOKIE]
    if (!token) return
    const session = await findSession(db, token)
    if (!session) {
      request.sessionEnded = true
      return
    }
    request.viewer = session.viewer
    request.disclosure = disclosureFor(session.viewer.role, minEnterprises)
    request.csrfToken = session.csrfToken
    const audit = auditContext.getStore()
    if (audit) audit.userId = session.viewer.userId
  })

  // who may call the route is decided before the body is read (an upload is not parsed for
  // nothing, and a refused caller learns nothing from validation errors)
  app.addHook('onRequest', async (request) => {
    const rule = request.routeOptions.config.access
    if (!rule) return
    const { viewer } = request
    if (rule.roles !== 'everyone') {
      if (viewer.kind === 'public') {
        throw new HttpError(
          401,
          'UNAUTHORIZED',
          request.sessionEnded ? 'Your session has ended: sign in again' : 'Sign in to do this',
        )
      }
      if (!rule.roles.includes(viewer.role)) {
        throw new HttpError(403, 'FORBIDDEN', `Signed in as ${viewer.role}: not allowed to do this`)
      }
    }
    if (UNSAFE.has(request.method) && viewer.kind === 'user' && request.routeOptions.config.csrf !== false) {
      if (request.headers[CSRF_HEADER] !== request.csrfToken) {
        throw new HttpError(
          403,
          'FORBIDDEN',
          `Missing or wrong ${CSRF_HEADER} header (read it from GET /api/session)`,
        )
      }
    }
  })

  // which rows: needs the validated params and body
  app.addHook('preHandler', async (request) => {
    const rule = request.routeOptions.config.access
    const { viewer } = request
    if (!rule || viewer.kind !== 'user') return
    if (rule.scope) await checkScope(db, request, viewer, rule.scope)
    if (viewer.role === 'analyst' && UNSAFE.has(request.method))
      await checkAnalystLocation(db, request, viewer.regionIds)
  })
}

async function checkScope(
  db: Kysely<DB>,
  request: FastifyRequest,
  viewer: Extract<Viewer, { kind: 'user' }>,
  scope: NonNullable<AccessRule['scope']>,
) {
  const params = request.params as Record<string, string | undefined>
  const idParam = Number(scope === 'enterprise' ? (params.enterpriseId ?? params.id) : params.id)
  if (!Number.isInteger(idParam) || idParam <= 0) return // the route's own validation answers
  const enterpriseId = scope === 'enterprise' ? idParam : await enterpriseOfStream(db, idParam)
  if (enterpriseId === undefined) return // unknown stream: the handler says 404
  if (viewer.role === 'enterprise' && enterpriseId !== viewer.enterpriseId) {
    // as if it did not exist: an enterprise does not learn which ids are taken
    throw new HttpError(
      404,
      'NOT_FOUND',
      `${scope === 'enterprise' ? 'enterprise' : 'waste stream'} ${idParam} not found`,
    )
  }
  if (viewer.role === 'analyst' && UNSAFE.has(request.method)) {
    if (!(await enterpriseInRegionsOrAbsent(db, enterpriseId, viewer.regionIds))) {
      throw new HttpError(
        403,
        'FORBIDDEN',
        `Enterprise ${enterpriseId} lies outside the regions assigned to you`,
      )
    }
  }
}

/** An analyst places or moves an enterprise only inside the regions assigned to them. */
async function checkAnalystLocation(db: Kysely<DB>, request: FastifyRequest, regionIds: number[]) {
  const location = (request.body as { location?: { type?: string; coordinates?: unknown } } | undefined)
    ?.location
  if (location?.type !== 'Point' || !Array.isArray(location.coordinates)) return
  const [lon, lat] = location.coordinates as number[]
  // a point without both coordinates is outside every region, as it always was
  if (lon === undefined || lat === undefined || !(await pointInRegions(db, { lon, lat }, regionIds))) {
    const message = 'lies outside the regions assigned to you'
    throw new HttpError(403, 'FORBIDDEN', `body.location ${message}`, [{ path: 'body.location', message }])
  }
}
