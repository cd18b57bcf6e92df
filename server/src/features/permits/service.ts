import type { Kysely } from 'kysely'
import type { Permit, PermitInput, PermitUpdate } from '../../contract/permits.js'
import type { SurveyListQuery } from '../../contract/waste-streams.js'
import { recordAudit } from '../../domain/audit/record.js'
import { checkEwcCodesKnown, enterpriseExists } from '../../db/references.js'
import { isPgError, PG_FOREIGN_KEY_VIOLATION } from '../../db/errors.js'
import type { DB } from '../../db/schema.js'
import { HttpError, notFound } from '../../plugins/error-handler.js'
import { toPermit, toPermitColumns, toPermitListItem } from './mappers.js'
import {
  deletePermit,
  findPermit,
  insertPermit,
  listEnterprisePermits,
  listPermits,
  updatePermit,
} from './queries.js'
import type { Db } from '../../db/database.js'

async function insertOrNotFound(trx: Db, enterpriseId: number, input: PermitInput) {
  try {
    return await insertPermit(trx, enterpriseId, toPermitColumns(input))
  } catch (error) {
    // the enterprise was deleted between the check and the insert
    if (isPgError(error, PG_FOREIGN_KEY_VIOLATION)) throw notFound(`Enterprise ${enterpriseId}`)
    throw error
  }
}

async function readPermit(db: Db, enterpriseId: number, id: number, lock = false) {
  const row = await findPermit(db, enterpriseId, id, lock)
  if (!row) throw notFound(`Permit ${id} of enterprise ${enterpriseId}`)
  return toPermit(row)
}

export async function listPermitsOfEnterprise(db: Db, enterpriseId: number): Promise<Permit[]> {
  if (!(await enterpriseExists(db, enterpriseId))) throw notFound(`Enterprise ${enterpriseId}`)
  return (await listEnterprisePermits(db, enterpriseId)).map(toPermit)
}

export async function listSurveyPermits(db: Db, query: SurveyListQuery) {
  const { limit, offset, ...filters } = query
  const page = await listPermits(db, filters, { limit, offset })
  return { total: page.total, items: page.rows.map(toPermitListItem) }
}

export function createPermit(db: Kysely<DB>, enterpriseId: number, input: PermitInput) {
  return db.transaction().execute(async (trx) => {
    if (!(await enterpriseExists(trx, enterpriseId))) throw notFound(`Enterprise ${enterpriseId}`)
    await checkEwcCodesKnown(trx, input.acceptedEwc, 'acceptedEwc')
    const id = await insertOrNotFound(trx, enterpriseId, input)
    const created = await readPermit(trx, enterpriseId, id)
    await recordAudit(trx, {
      userId: null,
      entity: 'permit',
      entityId: id,
      action: 'create',
      before: null,
      after: created,
    })
    return created
  })
}

/** Optimistic concurrency as for waste streams: lock, compare the version, write with it bumped. */
export function updatePermitOf(
  db: Kysely<DB>,
  enterpriseId: number,
  id: number,
  { version, ...input }: PermitUpdate,
) {
  return db.transaction().execute(async (trx) => {
    const before = await readPermit(trx, enterpriseId, id, true)
    if (before.version !== version) {
      const message = `version ${version} is stale: permit ${id} is at version ${before.version}; reload it and apply the change again`
      throw new HttpError(409, 'CONFLICT', `Permit ${id} was changed meanwhile: ${message}`, [
        { path: 'body.version', message },
      ])
    }
    await checkEwcCodesKnown(trx, input.acceptedEwc, 'acceptedEwc')
    await updatePermit(trx, id, toPermitColumns(input))
    const after = await readPermit(trx, enterpriseId, id)
    await recordAudit(trx, { userId: null, entity: 'permit', entityId: id, action: 'update', before, after })
    return after
  })
}

export function deletePermitOf(db: Kysely<DB>, enterpriseId: number, id: number) {
  return db.transaction().execute(async (trx) => {
    const before = await readPermit(trx, enterpriseId, id, true)
    await deletePermit(trx, id)
    await recordAudit(trx, {
      userId: null,
      entity: 'permit',
      entityId: id,
      action: 'delete',
      before,
      after: null,
    })
  })
}
