import { type AreaGeometry, maxRegionPositions, type MultiPolygonGeometry } from '../../contract/geojson.js'
import type { RegionInput } from '../../contract/regions.js'
import type { Db } from '../../db/database.js'
import { isPgError, PG_CHECK_VIOLATION, PG_FOREIGN_KEY_VIOLATION } from '../../db/errors.js'
import { stMakeValidMultiPolygon, stValidity } from '../../db/postgis.js'
import { asMultiPolygon, checkAreaGeometry, type GeometryIssue } from '../../geo/polygon-validity.js'
import { HttpError } from '../../plugins/error-handler.js'
import { boundarySetExists } from './boundary-sets.js'
import { isSelfOrDescendant, type RegionValues, regionExists } from './queries.js'

// The constraint names PostgreSQL gives the columns of migrations/003_survey.sql.
const PARENT_FOREIGN_KEY = 'regions_parent_id_fkey'
const BOUNDARY_SET_FOREIGN_KEY = 'regions_boundary_set_id_fkey'
const GEOMETRY_CHECK = 'regions_geom_check'

export type PreparedGeometry =
  { ok: true; geometry: MultiPolygonGeometry } | { ok: false; issues: GeometryIssue[] }

/**
 * Every geometry is checked before it is written: in Node first (the position limit, antimeridian,
 * self-intersections, flat rings, with the ring's path; geo/polygon-validity.ts), then, for
 * several rings, PostGIS's ST_IsValid for what those do not see (rings crossing each other). An invalid geometry is
 * refused unless the caller asked for a repair; a repaired one goes through the same checks again.
 */
export async function prepareGeometry(
  db: Db,
  geometry: AreaGeometry,
  path: string,
  repair: boolean,
): Promise<PreparedGeometry> {
  const checked = checkAreaGeometry(geometry, path, maxRegionPositions)
  // one ring is wholly decided by the checks in Node; PostGIS is asked only about several rings
  // (its ST_IsValid is quadratic on some rings, and the table's CHECK runs it once more anyway)
  const verdict =
    checked.ok && !singleRing(checked.geometry) ? await stValidity(db, checked.geometry) : undefined
  if (checked.ok && verdict === undefined) return checked
  if (checked.ok && verdict?.valid) return checked
  if (!repair) {
    return checked.ok
      ? {
          ok: false,
          issues: [{ path, message: `not a valid polygon: ${verdict?.reason ?? 'unknown reason'}` }],
        }
      : checked
  }
  const repaired = await stMakeValidMultiPolygon(db, asMultiPolygon(geometry))
  if (!repaired) return { ok: false, issues: [{ path, message: 'cannot be repaired: no area is left' }] }
  const rechecked = checkAreaGeometry(repaired, path, maxRegionPositions)
  if (!rechecked.ok) {
    return {
      ok: false,
      issues: rechecked.issues.map((issue) => ({ path, message: `after repair: ${issue.message}` })),
    }
  }
  const again = await stValidity(db, rechecked.geometry)
  if (!again.valid) return { ok: false, issues: [{ path, message: `cannot be repaired: ${again.reason}` }] }
  return rechecked
}

function singleRing(geometry: MultiPolygonGeometry): boolean {
  return geometry.coordinates.length === 1 && geometry.coordinates[0]?.length === 1
}

function invalidGeometry(issues: GeometryIssue[]): HttpError {
  const crossing = issues.some((issue) => issue.message.includes('intersects itself'))
  const hint = crossing ? ' (send ?repair=true to have it split at the crossings)' : ''
  return new HttpError(
    400,
    'VALIDATION_FAILED',
    `Invalid body: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}${hint}`,
    issues,
  )
}

async function checkParent(db: Db, parentId: number | null, id?: number): Promise<void> {
  if (parentId === null) return
  const path = 'body.properties.parentId'
  if (parentId === id) {
    throw new HttpError(400, 'VALIDATION_FAILED', 'Invalid body: a region cannot be its own parent', [
      { path, message: 'a region cannot be its own parent' },
    ])
  }
  if (!(await regionExists(db, parentId))) {
    throw new HttpError(400, 'VALIDATION_FAILED', `Invalid body: parentId ${parentId} is not a region`, [
      { path, message: `region ${parentId} does not exist` },
    ])
  }
  if (id !== undefined && (await isSelfOrDescendant(db, id, parentId))) {
    throw new HttpError(
      400,
      'VALIDATION_FAILED',
      `Invalid body: region ${parentId} lies under region ${id}`,
      [
        {
          path,
          message: `region ${parentId} is a sub-region of region ${id}; the parents would form a loop`,
        },
      ],
    )
  }
}

/** The values a region Feature writes, its geometry and parent checked (`id` when it is a change). */
export async function regionValuesOf(
  db: Db,
  input: RegionInput,
  repair: boolean,
  id?: number,
): Promise<RegionValues> {
  const prepared = await prepareGeometry(db, input.geometry, 'body.geometry', repair)
  if (!prepared.ok) throw invalidGeometry(prepared.issues)
  const parentId = input.properties.parentId ?? null
  await checkParent(db, parentId, id)
  const { boundarySetId } = input.properties
  if (boundarySetId !== undefined && !(await boundarySetExists(db, boundarySetId))) {
    throw new HttpError(
      400,
      'VALIDATION_FAILED',
      `Invalid body: boundarySetId ${boundarySetId} is not a boundary set`,
      [{ path: 'body.properties.boundarySetId', message: `boundary set ${boundarySetId} does not exist` }],
    )
  }
  return {
    name: input.properties.name,
    level: input.properties.level,
    code: input.properties.code ?? null,
    parentId,
    geometry: prepared.geometry,
    boundarySetId,
  }
}

/** Races the checks above cannot exclude (a parent deleted meanwhile) as 4xx; anything else stays a 500. */
export function explainRegionWriteError(error: unknown): unknown {
  if (isPgError(error, PG_FOREIGN_KEY_VIOLATION, PARENT_FOREIGN_KEY)) {
    return new HttpError(400, 'VALIDATION_FAILED', 'Invalid body: the parent region does not exist', [
      { path: 'body.properties.parentId', message: 'the parent region does not exist' },
    ])
  }
  if (isPgError(error, PG_FOREIGN_KEY_VIOLATION, BOUNDARY_SET_FOREIGN_KEY)) {
    return new HttpError(400, 'VALIDATION_FAILED', 'Invalid body: the boundary set does not exist', [
      { path: 'body.properties.boundarySetId', message: 'the boundary set does not exist' },
    ])
  }
  if (isPgError(error, PG_CHECK_VIOLATION, GEOMETRY_CHECK)) {
    return new HttpError(400, 'VALIDATION_FAILED', 'Invalid body: the geometry is not valid', [
      { path: 'body.geometry', message: 'not a valid polygon (PostGIS ST_IsValid)' },
    ])
  }
  return error
}
