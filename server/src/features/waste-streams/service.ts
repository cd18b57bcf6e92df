import type { Kysely } from 'kysely'
import { formatEwcCode } from '../../contract/codes.js'
import type {
  SurveyListQuery,
  WasteStream,
  WasteStreamInput,
  WasteStreamUpdate,
} from '../../contract/waste-streams.js'
import { recordAudit } from '../../domain/audit/record.js'
import { enterpriseExists } from '../../db/references.js'
import { isPgError, PG_FOREIGN_KEY_VIOLATION } from '../../db/errors.js'
import type { DB } from '../../db/schema.js'
import { HttpError, notFound } from '../../plugins/error-handler.js'
import { toWasteStream, toWasteStreamColumns, toWasteStreamListItem } from './mappers.js'
import {
  deleteStream,
  findEwcEntry,
  findStream,
  insertStream,
  listEnterpriseStreams,
  listStreams,
  updateStream,
} from './queries.js'
import type { Db } from '../../db/database.js'

const invalid = (path: string, message: string) =>
  new HttpError(400, 'VALIDATION_FAILED', `Invalid body: ${path}: ${message}`, [{ path, message }])

const streamNotFound = (enterpriseId: number, id: number) =>
  notFound(`Waste stream ${id} of enterprise ${enterpriseId}`)

function display(code: string, hazardous: boolean) {
  return `${formatEwcCode(code)}${hazardous ? '*' : ''}`
}

/**
 * The code must be an entry of the List of Waste, and a `hazardous` the client asserts must agree
 * with it: the flag follows the code, so a disagreement means the analyst picked the wrong half of
 * a mirror pair (or an absolute entry) and has to choose the right code, not override the flag.
 */
async function checkEwcCode(db: Db, input: Pick<WasteStreamInput, 'ewcCode' | 'hazardous'>) {
  const entry = await findEwcEntry(db, input.ewcCode)
  if (!entry) {
    throw invalid('body.ewcCode', `${formatEwcCode(input.ewcCode)} is not in the European List of Waste`)
  }
  if (entry.level !== 'entry') {
    throw invalid(
      'body.ewcCode',
      `${formatEwcCode(entry.code)} is a ${entry.level}, not an entry a waste can carry`,
    )
  }
  if (input.hazardous === undefined || input.hazardous === entry.hazardous) return
  const code = display(entry.code, entry.hazardous)
  const kind = entry.hazardous ? 'hazardous' : 'non-hazardous'
  const message = entry.mirror_of
    ? `${code} is ${kind}; its ${entry.hazardous ? 'non-hazardous' : 'hazardous'} mirror is ${display(entry.mirror_of, !entry.hazardous)}: choose that code instead`
    : `${code} is ${kind} in every case (an absolute entry with no mirror); choose another code if the waste is ${entry.hazardous ? 'non-hazardous' : 'hazardous'}`
  throw invalid('body.hazardous', message)
}

/** Foreign keys a client can miss: its enterprise vanished meanwhile, or a receiver that does not exist. */
async function translateWriteErrors<T>(enterpriseId: number, write: () => Promise<T>): Promise<T> {
  try {
    return await write()
  } catch (error) {
    if (isPgError(error, PG_FOREIGN_KEY_VIOLATION, 'waste_streams_enterprise_id_fkey')) {
      throw notFound(`Enterprise ${enterpriseId}`)
    }
    if (isPgError(error, PG_FOREIGN_KEY_VIOLATION, 'waste_streams_receiver_enterprise_id_fkey')) {
      throw invalid('body.receiverEnterpriseId', 'no enterprise has this id')
    }
    if (isPgError(error, PG_FOREIGN_KEY_VIOLATION, 'waste_streams_ewc_code_fkey')) {
      throw invalid('body.ewcCode', 'is not in the European List of Waste')
    }
    throw error
  }
}

async function readStream(db: Db, enterpriseId: number, id: number, lock = false) {
  const row = await findStream(db, enterpriseId, id, lock)
  if (!row) throw streamNotFound(enterpriseId, id)
  return toWasteStream(row)
}

export async function listStreamsOfEnterprise(db: Db, enterpriseId: number): Promise<WasteStream[]> {
  if (!(await enterpriseExists(db, enterpriseId))) throw notFound(`Enterprise ${enterpriseId}`)
  return (await listEnterpriseStreams(db, enterpriseId)).map(toWasteStream)
}

export async function listSurveyStreams(db: Db, query: SurveyListQuery) {
  const { limit, offset, ...filters } = query
  const page = await listStreams(db, filters, { limit, offset })
  return { total: page.total, items: page.rows.map(toWasteStreamListItem) }
}

export function createStream(db: Kysely<DB>, enterpriseId: number, input: WasteStreamInput) {
  return db.transaction().execute(async (trx) => {
    if (!(await enterpriseExists(trx, enterpriseId))) throw notFound(`Enterprise ${enterpriseId}`)
    await checkEwcCode(trx, input)
    const id = await translateWriteErrors(enterpriseId, () =>
      insertStream(trx, enterpriseId, toWasteStreamColumns(input)),
    )
    const created = await readStream(trx, enterpriseId, id)
    await recordAudit(trx, {
      userId: null,
      entity: 'waste_stream',
      entityId: id,
      action: 'create',
      before: null,
      after: created,
    })
    return created
  })
}

/**
 * Optimistic concurrency: the row is locked, its version compared with the one the change was
 * based on, then written with the version bumped. Of two updates from one version, the second
 * waits for the lock, sees the new version and gets 409; nothing is silently overwritten.
 */
export function updateStreamOf(
  db: Kysely<DB>,
  enterpriseId: number,
  id: number,
  { version, ...input }: WasteStreamUpdate,
) {
  return db.transaction().execute(async (trx) => {
    const before = await readStream(trx, enterpriseId, id, true)
    if (before.version !== version) {
      const message = `version ${version} is stale: waste stream ${id} is at version ${before.version}; reload it and apply the change again`
      throw new HttpError(409, 'CONFLICT', `Waste stream ${id} was changed meanwhile: ${message}`, [
        { path: 'body.version', message },
      ])
    }
    await checkEwcCode(trx, input)
    await translateWriteErrors(enterpriseId, () => updateStream(trx, id, toWasteStreamColumns(input)))
    const after = await readStream(trx, enterpriseId, id)
    await recordAudit(trx, {
      userId: null,
      entity: 'waste_stream',
      entityId: id,
      action: 'update',
      before,
      after,
    })
    return after
  })
}

export function deleteStreamOf(db: Kysely<DB>, enterpriseId: number, id: number) {
  return db.transaction().execute(async (trx) => {
    const before = await readStream(trx, enterpriseId, id, true)
    await deleteStream(trx, id)
    await recordAudit(trx, {
      userId: null,
      entity: 'waste_stream',
      entityId: id,
      action: 'delete',
      before,
      after: null,
    })
  })
}
