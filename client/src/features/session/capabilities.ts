import { accessRules } from '@contract/access-rules.js'
import type { Session, ViewerRole } from '@contract/accounts.js'
import { seesSmallCells } from '@contract/disclosure.js'
import type { MessageKey } from '../../i18n/en.js'

/**
 * Whether the viewer may call a route, by the server's own policy table (the server enforces
 * it; the screens only leave out what would be refused).
 */
const may = (viewer: ViewerRole, route: keyof typeof accessRules) => {
  const roles = accessRules[route]?.roles
  return roles === 'everyone' || (viewer !== 'public' && roles !== undefined && roles.includes(viewer))
}

/** What the signed-in user (or the public) may do, as the screens need it. */
export type Capabilities = {
  viewer: ViewerRole
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
  /** Ranked receivers for a waste stream (an enterprise user: its own streams). */
  findBuyers: boolean
  /** Save a match and move it through its statuses. */
  saveMatches: boolean
  /** A region's exchange opportunities. */
  seeOpportunities: boolean
  /**
   * Single enterprises on the map, their popups and drawer, and the search by name; others get
   * clusters only: the server's own rule (contract/disclosure.ts).
   */
  seeSingleEnterprises: boolean
  /** The enterprise an enterprise user speaks for. */
  ownEnterpriseId: number | undefined
}

export function capabilitiesOf(session: Session | undefined): Capabilities {
  const viewer: ViewerRole = session?.user?.role ?? 'public'
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
    findBuyers: may(viewer, 'GET /api/waste-streams/:id/matches'),
    saveMatches: may(viewer, 'POST /api/matches'),
    seeOpportunities: may(viewer, 'GET /api/regions/:id/opportunities'),
    seeSingleEnterprises: seesSmallCells(viewer),
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
