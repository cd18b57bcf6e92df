import type { Kysely, Transaction } from 'kysely'
import type { Enterprise, EnterpriseInput, EnterpriseUpdate } from '../../contract/enterprises.js'
import {
  isPgError,
  PG_CHECK_VIOLATION,
  PG_FOREIGN_KEY_VIOLATION,
  PG_UNIQUE_VIOLATION,
  pgError,
} from '../../db/errors.js'
import type { DB } from '../../db/schema.js'
import { HttpError } from '../../plugins/error-handler.js'
import {
  auditCreated,
  auditedDelete,
  staleVersion,
  type VersionedRecord,
  versionedWrite,
  versionedWriteIn,
} from '../versioned-write.js'
import {
  deleteEnterprise,
  findNationalIdHolder,
  insertEnterprises,
  updateEnterpriseAtVersion,
} from './queries.js'
import { getEnterprise } from './read.js'

// The constraint names PostgreSQL gives the columns of migrations/003_survey.sql.
const NACE_FOREIGN_KEY = 'enterprises_nace_code_fkey'
const NATIONAL_ID_UNIQUE = 'enterprises_national_id_key'

/** The enterprise as a versioned record: read whole (with its children) under its row lock. */
function enterpriseRecord(id: number): VersionedRecord<Enterprise> {
  return { entity: 'enterprise', label: 'Enterprise', id, read: (trx, lock) => getEnterprise(trx, id, lock) }
}

/** The write of an update, compared against the version again in the statement itself. */
function writeAtVersion(id: number, input: EnterpriseUpdate) {
  return async (trx: Transaction<DB>, before: Enterprise) => {
    const version = await updateEnterpriseAtVersion(trx, id, input)
    // unreachable while the row is locked; kept so the guard never depends on the lock alone
    if (version === undefined) throw staleVersion(`Enterprise ${id}`, input.version, before.version)
  }
}

/**
 * Whether the answers may name another enterprise by id (a uniqueness conflict): only to a viewer
 * who sees single enterprises; to the others it is "another enterprise", so no id can be probed.
 */
export type WriteErrorOptions = { namesOtherEnterprises?: boolean }

export async function createEnterprise(
  db: Kysely<DB>,
  input: EnterpriseInput,
  options: WriteErrorOptions = {},
): Promise<Enterprise> {
  try {
    return await db.transaction().execute(async (trx) => {
      const [id] = await insertEnterprises(trx, [input])
      if (id === undefined) throw new Error('insert returned no id')
      return auditCreated(trx, 'enterprise', id, await getEnterprise(trx, id))
    })
  } catch (error) {
    throw await explainWriteError(db, error, input, undefined, options)
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
  options: WriteErrorOptions = {},
): Promise<Enterprise> {
  try {
    return await versionedWrite(db, enterpriseRecord(id), input.version, writeAtVersion(id, input))
  } catch (error) {
    throw await explainWriteError(db, error, input, id, options)
  }
}

/** `updateEnterprise` inside the caller's transaction (an import), versioned and audited the same way. */
export function updateEnterpriseIn(trx: Transaction<DB>, id: number, input: EnterpriseUpdate) {
  return versionedWriteIn(trx, enterpriseRecord(id), input.version, writeAtVersion(id, input))
}

/** Deletes the enterprise; its streams, needs and permits go with it and are kept in the audit entry. */
export async function removeEnterprise(db: Kysely<DB>, id: number): Promise<void> {
  try {
    await auditedDelete(db, enterpriseRecord(id), (trx) => deleteEnterprise(trx, id).then(() => undefined))
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

/** The database errors a caller can cause, as 4xx answers naming the field; anything else stays a 500. */
async function explainWriteError(
  db: Kysely<DB>,
  error: unknown,
  input: EnterpriseInput,
  id: number | undefined,
  { namesOtherEnterprises = false }: WriteErrorOptions,
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
    const holder = namesOtherEnterprises ? await findNationalIdHolder(db, input.nationalId, id) : undefined
    const who = holder ? `enterprise ${holder.id}` : 'another enterprise'
    return new HttpError(409, 'CONFLICT', `National id "${input.nationalId}" is already used by ${who}`, [
      { path: 'body.nationalId', message: `already used by ${who}` },
    ])
  }
  return error
}
