import type { Kysely } from 'kysely'
import type { ResourceNeed, ResourceNeedInput, ResourceNeedUpdate } from '../../contract/resource-needs.js'
import type { SurveyListQuery } from '../../contract/waste-streams.js'
import { recordAudit } from '../../domain/audit/record.js'
import { checkEwcCodesKnown, enterpriseExists } from '../../db/references.js'
import { isPgError, PG_FOREIGN_KEY_VIOLATION } from '../../db/errors.js'
import type { DB } from '../../db/schema.js'
import { HttpError, notFound } from '../../plugins/error-handler.js'
import { toResourceNeed, toResourceNeedColumns, toResourceNeedListItem } from './mappers.js'
import { deleteNeed, findNeed, insertNeed, listEnterpriseNeeds, listNeeds, updateNeed } from './queries.js'
import type { Db } from '../../db/database.js'

async function insertOrNotFound(trx: Db, enterpriseId: number, input: ResourceNeedInput) {
  try {
    return await insertNeed(trx, enterpriseId, toResourceNeedColumns(input))
  } catch (error) {
    // the enterprise was deleted between the check and the insert
    if (isPgError(error, PG_FOREIGN_KEY_VIOLATION)) throw notFound(`Enterprise ${enterpriseId}`)
    throw error
  }
}

async function readNeed(db: Db, enterpriseId: number, id: number, lock = false) {
  const row = await findNeed(db, enterpriseId, id, lock)
  if (!row) throw notFound(`Resource need ${id} of enterprise ${enterpriseId}`)
  return toResourceNeed(row)
}

export async function listNeedsOfEnterprise(db: Db, enterpriseId: number): Promise<ResourceNeed[]> {
  if (!(await enterpriseExists(db, enterpriseId))) throw notFound(`Enterprise ${enterpriseId}`)
  return (await listEnterpriseNeeds(db, enterpriseId)).map(toResourceNeed)
}

export async function listSurveyNeeds(db: Db, query: SurveyListQuery) {
  const { limit, offset, ...filters } = query
  const page = await listNeeds(db, filters, { limit, offset })
  return { total: page.total, items: page.rows.map(toResourceNeedListItem) }
}

export function createNeed(db: Kysely<DB>, enterpriseId: number, input: ResourceNeedInput) {
  return db.transaction().execute(async (trx) => {
    if (!(await enterpriseExists(trx, enterpriseId))) throw notFound(`Enterprise ${enterpriseId}`)
    await checkEwcCodesKnown(trx, input.ewcCodes, 'ewcCodes')
    const id = await insertOrNotFound(trx, enterpriseId, input)
    const created = await readNeed(trx, enterpriseId, id)
    await recordAudit(trx, {
      userId: null,
      entity: 'resource_need',
      entityId: id,
      action: 'create',
      before: null,
      after: created,
    })
    return created
  })
}

/** Optimistic concurrency as for waste streams: lock, compare the version, write with it bumped. */
export function updateNeedOf(
  db: Kysely<DB>,
  enterpriseId: number,
  id: number,
  { version, ...input }: ResourceNeedUpdate,
) {
  return db.transaction().execute(async (trx) => {
    const before = await readNeed(trx, enterpriseId, id, true)
    if (before.version !== version) {
      const message = `version ${version} is stale: resource need ${id} is at version ${before.version}; reload it and apply the change again`
      throw new HttpError(409, 'CONFLICT', `Resource need ${id} was changed meanwhile: ${message}`, [
        { path: 'body.version', message },
      ])
    }
    await checkEwcCodesKnown(trx, input.ewcCodes, 'ewcCodes')
    await updateNeed(trx, id, toResourceNeedColumns(input))
    const after = await readNeed(trx, enterpriseId, id)
    await recordAudit(trx, {
      userId: null,
      entity: 'resource_need',
      entityId: id,
      action: 'update',
      before,
      after,
    })
    return after
  })
}

export function deleteNeedOf(db: Kysely<DB>, enterpriseId: number, id: number) {
  return db.transaction().execute(async (trx) => {
    const before = await readNeed(trx, enterpriseId, id, true)
    await deleteNeed(trx, id)
    await recordAudit(trx, {
      userId: null,
      entity: 'resource_need',
      entityId: id,
      action: 'delete',
      before,
      after: null,
    })
  })
}
