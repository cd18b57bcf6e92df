import type { Kysely, Transaction } from 'kysely'
import type { RegionDeleteResult, RegionFeature } from '../../contract/regions.js'
import type { Db } from '../../db/database.js'
import type { DB } from '../../db/schema.js'
import { HttpError, notFound } from '../../plugins/error-handler.js'
import { auditCreated, auditedDelete, type VersionedRecord, versionedWrite } from '../versioned-write.js'
import { explainRegionWriteError } from './checks.js'
import { toRegionFeature } from './mapper.js'
import {
  countEnterprisesIn,
  deleteRegionRow,
  findRegion,
  insertRegion,
  lockRegion,
  type RegionValues,
  updateRegionRow,
} from './queries.js'

/** One region as its API representation; 404 when there is none. */
export async function readRegion(db: Db, id: number): Promise<RegionFeature> {
  const row = await findRegion(db, id)
  if (!row) throw notFound(`Region ${id}`)
  return toRegionFeature(row)
}

function regionRecord(id: number): VersionedRecord<RegionFeature> {
  return {
    entity: 'region',
    label: 'Region',
    id,
    versionPath: 'body.properties.version',
    read: async (trx, lock) => {
      if (lock && !(await lockRegion(trx, id))) throw notFound(`Region ${id}`)
      return readRegion(trx, id)
    },
  }
}

/** Writes a new region inside `trx` and audits it; answers its representation. */
export async function insertAuditedRegion(
  trx: Transaction<DB>,
  values: RegionValues,
): Promise<RegionFeature> {
  const id = await insertRegion(trx, values)
  return auditCreated(trx, 'region', id, await readRegion(trx, id))
}

export async function createRegion(db: Kysely<DB>, values: RegionValues): Promise<RegionFeature> {
  try {
    return await db.transaction().execute((trx) => insertAuditedRegion(trx, values))
  } catch (error) {
    throw explainRegionWriteError(error)
  }
}

/**
 * Optimistic concurrency through versionedWrite: the row is locked, a stale version gets 409 at
 * `body.properties.version`. The memberships of the enterprises of the old and the new boundary
 * are re-derived by the database triggers (migrations/010_boundary_sets.sql) in the same transaction.
 */
export async function updateRegion(
  db: Kysely<DB>,
  id: number,
  version: number,
  values: RegionValues,
): Promise<RegionFeature> {
  try {
    return await versionedWrite(db, regionRecord(id), version, (trx) => updateRegionRow(trx, id, values))
  } catch (error) {
    throw explainRegionWriteError(error)
  }
}

/**
 * Refused while enterprises lie in the region (the same count the list shows), unless the caller
 * asks to reassign them: the delete trigger then re-derives each enterprise's region from its
 * location (a smaller or larger region around it, or none).
 */
export async function deleteRegion(
  db: Kysely<DB>,
  id: number,
  reassign: boolean,
): Promise<RegionDeleteResult> {
  let reassigned = 0
  await auditedDelete(db, regionRecord(id), async (trx) => {
    const { located, derived } = await countEnterprisesIn(trx, id)
    if (located > 0 && !reassign) {
      const own =
        derived === located ? '' : ` (${derived} of them derived into it, the others into its sub-regions)`
      const message = `${located} enterprise${located === 1 ? ' lies' : 's lie'} in region ${id}${own}; delete with ?reassign=true to re-derive their regions`
      throw new HttpError(409, 'CONFLICT', message, [{ path: 'query.reassign', message }])
    }
    reassigned = derived
    await deleteRegionRow(trx, id)
  })
  return { id, enterprisesReassigned: reassigned }
}
