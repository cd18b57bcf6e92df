import type { Kysely } from 'kysely'
import type {
  Enterprise,
  EnterpriseCollection,
  EnterpriseInput,
  EnterpriseListQuery,
  EnterpriseUpdate,
} from '../../contract/enterprises.js'
import { recordAudit } from '../../domain/audit/record.js'
import {
  isPgError,
  PG_CHECK_VIOLATION,
  PG_FOREIGN_KEY_VIOLATION,
  PG_UNIQUE_VIOLATION,
  pgError,
} from '../../db/errors.js'
import type { DB } from '../../db/schema.js'
import { HttpError, notFound } from '../../plugins/error-handler.js'
import { toEnterprise, toEnterpriseFeature } from './mappers.js'
import {
  countEnterprises,
  deleteEnterprise,
  findEnterprise,
  insertEnterprise,
  listEnterpriseSummaries,
  listPermitsOf,
  listResourceNeedsOf,
  listWasteStreamsOf,
  lockEnterpriseVersion,
  updateEnterpriseAtVersion,
} from './queries.js'
import type { Db } from '../../db/database.js'

// The constraint names PostgreSQL gives the columns of migrations/003_survey.sql.
const NACE_FOREIGN_KEY = 'enterprises_nace_code_fkey'
const NATIONAL_ID_UNIQUE = 'enterprises_national_id_key'

export async function listEnterprises(db: Db, query: EnterpriseListQuery): Promise<EnterpriseCollection> {
  const [rows, total] = await Promise.all([listEnterpriseSummaries(db, query), countEnterprises(db, query)])
  return { type: 'FeatureCollection', features: rows.map(toEnterpriseFeature), total }
}

/** The enterprise as the API shows it, with its streams, needs and permits; undefined when missing. */
export async function readEnterprise(db: Db, id: number): Promise<Enterprise | undefined> {
  const enterprise = await findEnterprise(db, id)
  if (!enterprise) return undefined
  // one after another: on PGlite (one connection) parallel queries queue anyway
  const wasteStreams = await listWasteStreamsOf(db, id)
  const resourceNeeds = await listResourceNeedsOf(db, id)
  const permits = await listPermitsOf(db, id)
  return toEnterprise({ enterprise, wasteStreams, resourceNeeds, permits })
}

export async function getEnterprise(db: Db, id: number): Promise<Enterprise> {
  const enterprise = await readEnterprise(db, id)
  if (!enterprise) throw notFound(`Enterprise ${id}`)
  return enterprise
}

export async function createEnterprise(db: Kysely<DB>, input: EnterpriseInput): Promise<Enterprise> {
  try {
    return await db.transaction().execute(async (trx) => {
      const id = await insertEnterprise(trx, input)
      const after = await getEnterprise(trx, id)
      await recordAudit(trx, {
        userId: null,
        entity: 'enterprise',
        entityId: id,
        action: 'create',
        before: null,
        after,
      })
      return after
    })
  } catch (error) {
    throw await explainWriteError(db, error, input)
  }
}

/**
 * Optimistic concurrency: the change names the version it was based on. The row is locked first,
 * so of two updates based on the same version exactly one applies and the other is told the
 * version it missed; nothing is overwritten unseen.
 */
export async function updateEnterprise(
  db: Kysely<DB>,
  id: number,
  input: EnterpriseUpdate,
): Promise<Enterprise> {
  try {
    return await db.transaction().execute(async (trx) => {
      const current = await lockEnterpriseVersion(trx, id)
      if (!current) throw notFound(`Enterprise ${id}`)
      if (current.version !== input.version) throw staleVersion(id, input.version, current.version)
      const before = await getEnterprise(trx, id)
      const version = await updateEnterpriseAtVersion(trx, id, input)
      // unreachable while the row is locked; kept so the guard never depends on the lock alone
      if (version === undefined) throw staleVersion(id, input.version, current.version)
      const after = await getEnterprise(trx, id)
      await recordAudit(trx, {
        userId: null,
        entity: 'enterprise',
        entityId: id,
        action: 'update',
        before,
        after,
      })
      return after
    })
  } catch (error) {
    throw await explainWriteError(db, error, input, id)
  }
}

/** Deletes the enterprise; its streams, needs and permits go with it and are kept in the audit entry. */
export async function removeEnterprise(db: Kysely<DB>, id: number): Promise<void> {
  try {
    await deleteWithAudit(db, id)
  } catch (error) {
    // A user account of role 'enterprise' must name its enterprise (migrations/004), so the
    // `on delete set null` of users.enterprise_id cannot apply: refuse rather than answer 500.
    if (pgError(error)?.code === PG_CHECK_VIOLATION && pgError(error)?.table === 'users') {
      throw new HttpError(
        409,
        'CONFLICT',
        `Enterprise ${id} still has user accounts of its own; remove or reassign them first`,
      )
    }
    throw error
  }
}

async function deleteWithAudit(db: Kysely<DB>, id: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const current = await lockEnterpriseVersion(trx, id)
    if (!current) throw notFound(`Enterprise ${id}`)
    const before = await getEnterprise(trx, id)
    await deleteEnterprise(trx, id)
    await recordAudit(trx, {
      userId: null,
      entity: 'enterprise',
      entityId: id,
      action: 'delete',
      before,
      after: null,
    })
  })
}

function staleVersion(id: number, sent: number, current: number) {
  return new HttpError(
    409,
    'CONFLICT',
    `Enterprise ${id} has changed since version ${sent}: the current version is ${current}. Reload it and apply your change again.`,
    [{ path: 'body.version', message: `stale: the current version is ${current}` }],
  )
}

/** The database errors a caller can cause, as 4xx answers naming the field; anything else stays a 500. */
async function explainWriteError(
  db: Kysely<DB>,
  error: unknown,
  input: EnterpriseInput,
  id?: number,
): Promise<unknown> {
  if (isPgError(error, PG_FOREIGN_KEY_VIOLATION, NACE_FOREIGN_KEY)) {
    return new HttpError(
      400,
      'VALIDATION_FAILED',
      `Invalid body: naceCode "${input.naceCode}" is not a NACE Rev.2 class`,
      [{ path: 'body.naceCode', message: `"${input.naceCode}" is not a NACE Rev.2 class` }],
    )
  }
  if (isPgError(error, PG_UNIQUE_VIOLATION, NATIONAL_ID_UNIQUE) && input.nationalId) {
    const holder = await db
      .selectFrom('enterprises')
      .select('id')
      .where('national_id', '=', input.nationalId)
      .where('id', '!=', id ?? 0)
      .executeTakeFirst()
    const who = holder ? `enterprise ${holder.id}` : 'another enterprise'
    return new HttpError(409, 'CONFLICT', `National id "${input.nationalId}" is already used by ${who}`, [
      { path: 'body.nationalId', message: `already used by ${who}` },
    ])
  }
  return error
}
