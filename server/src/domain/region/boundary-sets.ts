import type { BoundarySet } from '../../contract/regions.js'
import type { Db } from '../../db/database.js'
import { isPgError, PG_UNIQUE_VIOLATION } from '../../db/errors.js'
import { HttpError } from '../../plugins/error-handler.js'

/**
 * Boundary sets (migrations/010_boundary_sets.sql): an imported boundary file is one set, the
 * regions drawn in the app another. Membership is decided per set and level (./members.ts).
 */

/** The set regions drawn in the app (and the demo's) belong to; created by migration 010. */
export const DRAWN_BOUNDARY_SET_ID = 1

const NAME_CONSTRAINT = 'boundary_sets_name_key'

/** Every set with the number of its regions, in the order they were made. */
export async function listBoundarySets(db: Db): Promise<BoundarySet[]> {
  const rows = await db
    .selectFrom('boundary_sets as bs')
    .select((eb) => [
      'bs.id',
      'bs.name',
      'bs.kind',
      eb
        .selectFrom('regions as r')
        .whereRef('r.boundary_set_id', '=', 'bs.id')
        .select((sub) => sub.fn.countAll<number>().as('n'))
        .as('region_count'),
    ])
    .orderBy('bs.id')
    .execute()
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    kind: row.kind,
    regionCount: Number(row.region_count ?? 0),
  }))
}

export async function boundarySetExists(db: Db, id: number): Promise<boolean> {
  const row = await db.selectFrom('boundary_sets').select('id').where('id', '=', id).executeTakeFirst()
  return row !== undefined
}

export async function boundarySetNameTaken(db: Db, name: string): Promise<boolean> {
  const row = await db.selectFrom('boundary_sets').select('id').where('name', '=', name).executeTakeFirst()
  return row !== undefined
}

function duplicateName(name: string, path: string): HttpError {
  const message = `a boundary set named "${name}" exists already; choose another name`
  return new HttpError(409, 'CONFLICT', `${path}: ${message}`, [{ path, message }])
}

/**
 * A new set of `kind`; a name another set has is 409 at `path` (the field it came from), checked
 * first for a clear answer and again by the unique constraint for a concurrent import.
 */
export async function insertBoundarySet(
  db: Db,
  name: string,
  kind: BoundarySet['kind'],
  path: string,
): Promise<number> {
  if (await boundarySetNameTaken(db, name)) throw duplicateName(name, path)
  try {
    const row = await db
      .insertInto('boundary_sets')
      .values({ name, kind })
      .returning('id')
      .executeTakeFirstOrThrow()
    return row.id
  } catch (error) {
    if (isPgError(error, PG_UNIQUE_VIOLATION, NAME_CONSTRAINT)) throw duplicateName(name, path)
    throw error
  }
}

/** A name no set has yet, from `base` ("Import 2026-12-02 01:53", then "… (2)", …). */
export async function unusedBoundarySetName(db: Db, base: string): Promise<string> {
  for (let n = 1; ; n += 1) {
    const name = n === 1 ? base : `${base} (${n})`
    if (!(await boundarySetNameTaken(db, name))) return name
  }
}
