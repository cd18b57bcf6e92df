import type { Role } from './accounts.js'

/**
 * Who may call each API route (issue 7), in one table so a reviewer sees the whole policy. In the
 * contract because the client reads it too, to offer only what the server will allow.
 * `roles`: 'everyone' includes the public (no session); otherwise the signed-in roles allowed.
 * `scope` narrows a role to some rows, checked before the handler (plugins/auth.ts):
 * - 'enterprise': the route names an enterprise (`:id` or `:enterpriseId`): an enterprise user
 *   only reaches its own (others are 404, as if absent); an analyst writes only inside the
 *   regions assigned to them (403).
 * - 'stream': `:id` is a waste stream; an enterprise user only reaches its own streams.
 * A route missing from this table stops the server at start-up, so a new route cannot ship
 * without a rule (and the route × role test names it).
 */
export type AccessRule = { roles: 'everyone' | readonly Role[]; scope?: 'enterprise' | 'stream' }

const staff = ['admin', 'analyst', 'official'] as const
const editors = ['admin', 'analyst'] as const
const owners = ['admin', 'analyst', 'enterprise'] as const
const all = 'everyone' as const

const rules = {
  'GET /api/health': { roles: all },
  'GET /api/session': { roles: all },
  'POST /api/session': { roles: all },
  'DELETE /api/session': { roles: all },
  'GET /api/users': { roles: ['admin'] },
  'POST /api/users': { roles: ['admin'] },
  'PUT /api/users/:id': { roles: ['admin'] },

  'GET /api/catalog/ewc': { roles: all },
  'GET /api/catalog/ewc/:code': { roles: all },
  'GET /api/catalog/nace': { roles: all },
  'GET /api/catalog/nace/:code': { roles: all },

  'GET /api/regions': { roles: all },
  'GET /api/regions/:id': { roles: all },
  'POST /api/regions': { roles: ['admin'] },
  'PUT /api/regions/:id': { roles: ['admin'] },
  'DELETE /api/regions/:id': { roles: ['admin'] },
  'POST /api/regions/import': { roles: ['admin'] },
  'GET /api/boundary-sets': { roles: all },

  'GET /api/enterprises': { roles: staff },
  'POST /api/enterprises': { roles: editors },
  'GET /api/enterprises/:id': { roles: [...staff, 'enterprise'], scope: 'enterprise' },
  'PUT /api/enterprises/:id': { roles: owners, scope: 'enterprise' },
  'DELETE /api/enterprises/:id': { roles: editors, scope: 'enterprise' },

  'GET /api/enterprises/:enterpriseId/waste-streams': {
    roles: [...staff, 'enterprise'],
    scope: 'enterprise',
  },
  'POST /api/enterprises/:enterpriseId/waste-streams': { roles: owners, scope: 'enterprise' },
  'PUT /api/enterprises/:enterpriseId/waste-streams/:id': { roles: owners, scope: 'enterprise' },
  'DELETE /api/enterprises/:enterpriseId/waste-streams/:id': { roles: owners, scope: 'enterprise' },
  // carry-forward drafts (issue 12): whoever writes the enterprise's streams
  'GET /api/enterprises/:enterpriseId/stream-drafts': { roles: owners, scope: 'enterprise' },
  'POST /api/enterprises/:enterpriseId/stream-drafts': { roles: owners, scope: 'enterprise' },
  'POST /api/enterprises/:enterpriseId/stream-drafts/:id/confirm': { roles: owners, scope: 'enterprise' },
  'DELETE /api/enterprises/:enterpriseId/stream-drafts/:id': { roles: owners, scope: 'enterprise' },
  'GET /api/enterprises/:enterpriseId/resource-needs': {
    roles: [...staff, 'enterprise'],
    scope: 'enterprise',
  },
  'POST /api/enterprises/:enterpriseId/resource-needs': { roles: owners, scope: 'enterprise' },
  'PUT /api/enterprises/:enterpriseId/resource-needs/:id': { roles: owners, scope: 'enterprise' },
  'DELETE /api/enterprises/:enterpriseId/resource-needs/:id': { roles: owners, scope: 'enterprise' },
  'GET /api/enterprises/:enterpriseId/permits': { roles: [...staff, 'enterprise'], scope: 'enterprise' },
  'POST /api/enterprises/:enterpriseId/permits': { roles: editors, scope: 'enterprise' },
  'PUT /api/enterprises/:enterpriseId/permits/:id': { roles: editors, scope: 'enterprise' },
  'DELETE /api/enterprises/:enterpriseId/permits/:id': { roles: editors, scope: 'enterprise' },

  'GET /api/waste-streams': { roles: staff },
  'GET /api/resource-needs': { roles: staff },
  'GET /api/permits': { roles: staff },

  'POST /api/imports': { roles: editors },
  'GET /api/imports/template.csv': { roles: all },
  'GET /api/imports/template.xlsx': { roles: all },
  'GET /api/exports/enterprises.csv': { roles: staff },
  'GET /api/exports/enterprises.xlsx': { roles: staff },
  'GET /api/exports/enterprises.geojson': { roles: staff },
  'GET /api/audit': { roles: staff },

  // the public gets these too, aggregated and with small cells suppressed (see the services)
  'GET /api/tiles/:layer/:z/:x/:y.mvt': { roles: all },
  'GET /api/tiles/:layer': { roles: all },
  'GET /api/map-config': { roles: all },
  'GET /api/aggregates': { roles: all },
  'POST /api/aggregates/area': { roles: all },
  'GET /api/aggregates/outlet-gap': { roles: all },
  'GET /api/aggregates/hexbins': { roles: all },
  'GET /api/aggregates/export.csv': { roles: all },
  'GET /api/aggregates/export.xlsx': { roles: all },
  // issue 12: the years a map may show are public; coverage names (or counts too few) enterprises
  'GET /api/survey-years': { roles: all },
  'GET /api/coverage': { roles: staff },
  'GET /api/coverage/not-reported': { roles: staff },

  'GET /api/waste-streams/:id/matches': { roles: [...staff, 'enterprise'], scope: 'stream' },
  'GET /api/resource-needs/:id/suppliers': { roles: staff },
  'GET /api/regions/:id/opportunities': { roles: staff },
  'GET /api/regions/:id/exchange-impact': { roles: all },
  'GET /api/matches': { roles: staff },
  'GET /api/matches/:id': { roles: staff },
  // an enterprise proposes for its own streams, naming the receiver by matchToken (features/matching/workflow.ts)
  'POST /api/matches': { roles: owners },
  'PUT /api/matches/:id': { roles: editors },
} as const satisfies Record<string, AccessRule>

export type AccessRoute = keyof typeof rules
export const accessRules: Record<AccessRoute, AccessRule> = rules

/** The rule of a route, given as `METHOD /api/path` (with its :params); undefined when it has none. */
export function ruleFor(route: string): AccessRule | undefined {
  return (accessRules as Record<string, AccessRule | undefined>)[route]
}

/** The OpenAPI document and its viewer are public and come from a plugin. */
export const publicPrefixes = ['/api/docs', '/api/openapi.json'] as const
