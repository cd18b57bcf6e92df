import type { Kysely, Transaction } from 'kysely'
import { allowedTransitions, type MatchUpdate, type SavedMatch } from '../../contract/match-workflow.js'
import type { Db } from '../../db/database.js'
import type { DB, NewMatch } from '../../db/schema.js'
import { HttpError, notFound } from '../../plugins/error-handler.js'
import { auditCreated, type VersionedRecord, versionedWrite } from '../versioned-write.js'
import { toSavedMatch } from './mapper.js'
import { findMatch, historyOf, insertMatch, updateMatch } from './queries.js'

const conflict = (path: string, message: string) =>
  new HttpError(409, 'CONFLICT', message, [{ path, message }])

/** One saved match as its API representation; 404 when there is none. */
export async function readMatch(db: Db, id: number, lock = false): Promise<SavedMatch> {
  const row = await findMatch(db, id, lock)
  if (!row) throw notFound(`Match ${id}`)
  return toSavedMatch(row, await historyOf(db, [id]))
}

function matchRecord(id: number): VersionedRecord<SavedMatch> {
  return { entity: 'match', label: 'Match', id, read: (trx, lock) => readMatch(trx, id, lock) }
}

/** Writes a proposed match and its first history entry inside `trx`, audited; answers it. */
export async function insertAuditedMatch(
  trx: Transaction<DB>,
  values: NewMatch,
  note: string | null,
): Promise<SavedMatch> {
  const id = await insertMatch(trx, values, note)
  return auditCreated(trx, 'match', id, await readMatch(trx, id))
}

/**
 * Status and notes through versionedWrite (a stale version is 409 at body.version), and only the
 * allowed transitions (an illegal one is 409 at body.status naming the statuses that may follow).
 */
export function changeMatch(db: Kysely<DB>, id: number, { version, status, notes, note }: MatchUpdate) {
  return versionedWrite(db, matchRecord(id), version, async (trx, before) => {
    const moves = status !== undefined && status !== before.status
    if (moves && !allowedTransitions[before.status].includes(status)) {
      const next = allowedTransitions[before.status]
      throw conflict(
        'body.status',
        `a match cannot go from ${before.status} to ${status}: ${next.length === 0 ? `${before.status} is final` : `from ${before.status} it may go to ${next.join(' or ')}`}`,
      )
    }
    await updateMatch(trx, id, { status: moves ? status : undefined, notes, note: note ?? null })
  })
}
