import type { Viewer } from '../../contract/accounts.js'
import type { Db } from '../../db/database.js'
import { enterpriseInRegionsOrAbsent, pointInRegions } from '../../domain/account/scope-queries.js'
import { HttpError } from '../../plugins/error-handler.js'

/**
 * Who may write what through an import (issue 13): the same rules as the direct routes, row by
 * row. `POST /api/imports` is open to admins and analysts (contract/access-rules.ts); an admin
 * writes anywhere, an analyst only where `POST/PUT /api/enterprises[/:id]` and the stream routes
 * would let them (plugins/auth.ts): a new site must lie in one of their regions, a stored
 * enterprise must be one of their regions' members, and a stored enterprise the file moves must
 * move to a place inside them. The lookups are the direct routes' own (domain/account/scope-queries.ts).
 */
export type ImportAccess = { kind: 'everywhere' } | { kind: 'regions'; regionIds: number[] }

/** What the viewer may import; anyone the route would not let in is refused here too. */
export function importAccessOf(viewer: Viewer): ImportAccess {
  if (viewer.kind === 'user' && viewer.role === 'admin') return { kind: 'everywhere' }
  if (viewer.kind === 'user' && viewer.role === 'analyst')
    return { kind: 'regions', regionIds: viewer.regionIds }
  // the access rule of POST /api/imports refuses these before the body is read; never reached
  throw new HttpError(403, 'FORBIDDEN', 'Not allowed to import')
}

const OUTSIDE = 'outside your regions'

/** Why a new enterprise at `point` may not be created, or undefined when it may. */
export async function refuseNewSite(
  db: Db,
  access: ImportAccess,
  [lon, lat]: readonly [number, number, ...number[]],
): Promise<string | undefined> {
  if (access.kind === 'everywhere') return undefined
  if (await pointInRegions(db, { lon, lat }, access.regionIds)) return undefined
  return `${OUTSIDE}: a new enterprise at lon ${lon}, lat ${lat} lies outside the regions assigned to you`
}

/** Why a stored enterprise (and its streams) may not be written, or undefined when it may. */
export async function refuseStoredEnterprise(
  db: Db,
  access: ImportAccess,
  enterpriseId: number,
): Promise<string | undefined> {
  if (access.kind === 'everywhere') return undefined
  if (await enterpriseInRegionsOrAbsent(db, enterpriseId, access.regionIds)) return undefined
  return `${OUTSIDE}: enterprise ${enterpriseId} lies outside the regions assigned to you`
}

/** Why a stored enterprise may not be moved to `point`, or undefined when it may. */
export async function refuseMove(
  db: Db,
  access: ImportAccess,
  enterpriseId: number,
  [lon, lat]: readonly [number, number, ...number[]],
): Promise<string | undefined> {
  if (access.kind === 'everywhere') return undefined
  if (await pointInRegions(db, { lon, lat }, access.regionIds)) return undefined
  return `${OUTSIDE}: enterprise ${enterpriseId} would move to lon ${lon}, lat ${lat}, outside the regions assigned to you`
}
