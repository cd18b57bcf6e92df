import type { Role, Session } from '@contract/accounts.js'
import type { MessageKey } from '../../i18n/en.js'

type Viewer = Role | 'public'

const staff = ['admin', 'analyst', 'official'] as const
const editors = ['admin', 'analyst'] as const
const owners = ['admin', 'analyst', 'enterprise'] as const

/**
 * The rows of server/src/plugins/access-rules.ts that decide what the screens offer, under the
 * same keys. The server enforces the rules; this copy only hides what would be refused. Keep it
 * in step with that table (see the test beside this file).
 */
export const routeRoles = {
  'GET /api/enterprises': staff,
  'GET /api/enterprises/:id': [...staff, 'enterprise'],
  'POST /api/enterprises': editors,
  'PUT /api/enterprises/:id': owners,
  'DELETE /api/enterprises/:id': editors,
  'POST /api/enterprises/:enterpriseId/waste-streams': owners,
  'POST /api/enterprises/:enterpriseId/resource-needs': owners,
  'POST /api/enterprises/:enterpriseId/permits': editors,
  'POST /api/imports': editors,
  'POST /api/regions': ['admin'],
  'GET /api/users': ['admin'],
} as const satisfies Record<string, readonly Role[]>

const may = (viewer: Viewer, route: keyof typeof routeRoles) =>
  viewer !== 'public' && (routeRoles[route] as readonly Role[]).includes(viewer)

/** What the signed-in user (or the public) may do, as the screens need it. */
export type Capabilities = {
  viewer: Viewer
  /** The register of all enterprises, and any enterprise's record. */
  listEnterprises: boolean
  /** An enterprise's record at all (an enterprise user: its own). */
  readEnterprise: boolean
  createEnterprise: boolean
  editEnterprise: boolean
  deleteEnterprise: boolean
  editStreamsAndNeeds: boolean
  editPermits: boolean
  importSurveys: boolean
  editRegions: boolean
  manageUsers: boolean
  /**
   * Single enterprises on the map, their popups and drawer, and the search by name; others get
   * clusters only (server/src/plugins/auth.ts, seesSmallCells).
   */
  seeSingleEnterprises: boolean
  /** The enterprise an enterprise user speaks for. */
  ownEnterpriseId: number | undefined
}

export function capabilitiesOf(session: Session | undefined): Capabilities {
  const viewer: Viewer = session?.user?.role ?? 'public'
  return {
    viewer,
    listEnterprises: may(viewer, 'GET /api/enterprises'),
    readEnterprise: may(viewer, 'GET /api/enterprises/:id'),
    createEnterprise: may(viewer, 'POST /api/enterprises'),
    editEnterprise: may(viewer, 'PUT /api/enterprises/:id'),
    deleteEnterprise: may(viewer, 'DELETE /api/enterprises/:id'),
    editStreamsAndNeeds:
      may(viewer, 'POST /api/enterprises/:enterpriseId/waste-streams') &&
      may(viewer, 'POST /api/enterprises/:enterpriseId/resource-needs'),
    editPermits: may(viewer, 'POST /api/enterprises/:enterpriseId/permits'),
    importSurveys: may(viewer, 'POST /api/imports'),
    editRegions: may(viewer, 'POST /api/regions'),
    manageUsers: may(viewer, 'GET /api/users'),
    seeSingleEnterprises: viewer !== 'public' && viewer !== 'enterprise',
    ownEnterpriseId: viewer === 'enterprise' ? (session?.user?.enterpriseId ?? undefined) : undefined,
  }
}

export type NavEntry = { to: string; label: MessageKey; end?: boolean }

/** The header's navigation: only the screens the viewer can use. */
export function navEntries(can: Capabilities): NavEntry[] {
  const entries: (NavEntry | false)[] = [
    { to: '/', label: 'nav.map', end: true },
    { to: '/dashboard', label: 'nav.dashboard' },
    can.ownEnterpriseId !== undefined && {
      to: `/enterprises/${can.ownEnterpriseId}`,
      label: 'nav.myEnterprise',
    },
    can.listEnterprises && { to: '/enterprises', label: 'nav.enterprises' },
    can.editRegions && { to: '/regions', label: 'nav.regions' },
    can.importSurveys && { to: '/import', label: 'nav.import' },
    can.manageUsers && { to: '/users', label: 'nav.users' },
    { to: '/catalog', label: 'nav.catalog' },
  ]
  return entries.filter((entry) => entry !== false)
}
