import type { Kysely, Transaction } from 'kysely'
import type { DB } from '../db/schema.js'
import { HttpError } from '../plugins/error-handler.js'
import { type AuditEntity, recordAudit } from './audit/record.js'

/** An API representation carrying its version: at the top, or in a GeoJSON Feature's properties (regions). */
export type Versioned = { version: number } | { type: 'Feature'; properties: { version: number } }

function versionOf(row: Versioned): number {
  return 'properties' in row ? row.properties.version : row.version
}

/**
 * A stored row that a change names by id and version: how to read it (as its API representation,
 * 404 when missing) and how to call it in messages and the audit log.
 */
export type VersionedRecord<T extends Versioned> = {
  entity: AuditEntity
  /** How a message names it: "Waste stream 12", "Region 3". */
  label: string
  id: number
  /** Reads the row's API representation; `lock` takes the row lock. Throws 404 when it is gone. */
  read: (trx: Transaction<DB>, lock: boolean) => Promise<T>
  /** Where the client sent the version (a region's is `body.properties.version`). */
  versionPath?: string
}

/** 409 for a change based on a version that is no longer current, naming the field it came in. */
export function staleVersion(label: string, sent: number, current: number, path = 'body.version') {
  const message = `version ${sent} is stale; the current version is ${current}`
  return new HttpError(
    409,
    'CONFLICT',
    `${label} was changed meanwhile: ${message}. Reload version ${current} and apply your change again.`,
    [{ path, message }],
  )
}

/**
 * Optimistic concurrency, written once: the row is locked, its version compared with the one the
 * change was based on (409 when stale), the change written, and before and after audited in the
 * same transaction. Of two updates from one version, the second waits for the lock, sees the new
 * version and gets 409; nothing is silently overwritten.
 */
export function versionedWrite<T extends Versioned>(
  db: Kysely<DB>,
  record: VersionedRecord<T>,
  version: number,
  write: (trx: Transaction<DB>, before: T) => Promise<void>,
): Promise<T> {
  return db.transaction().execute((trx) => versionedWriteIn(trx, record, version, write))
}

/** `versionedWrite` inside a transaction the caller holds (an import writes many rows in one). */
export async function versionedWriteIn<T extends Versioned>(
  trx: Transaction<DB>,
  record: VersionedRecord<T>,
  version: number,
  write: (trx: Transaction<DB>, before: T) => Promise<void>,
): Promise<T> {
  const before = await record.read(trx, true)
  const current = versionOf(before)
  if (current !== version) {
    throw staleVersion(`${record.label} ${record.id}`, version, current, record.versionPath)
  }
  await write(trx, before)
  const after = await record.read(trx, false)
  await recordAudit(trx, {
    userId: null,
    entity: record.entity,
    entityId: record.id,
    action: 'update',
    before,
    after,
  })
  return after
}

/** Deletes under the row lock and audits what was there, in one transaction. */
export function auditedDelete<T extends Versioned>(
  db: Kysely<DB>,
  record: VersionedRecord<T>,
  remove: (trx: Transaction<DB>, before: T) => Promise<void>,
): Promise<void> {
  return db.transaction().execute(async (trx) => {
    const before = await record.read(trx, true)
    await remove(trx, before)
    await recordAudit(trx, {
      userId: null,
      entity: record.entity,
      entityId: record.id,
      action: 'delete',
      before,
      after: null,
    })
  })
}

/** Audits a row created inside `trx`, as its API representation, and returns that. */
export async function auditCreated<T>(
  trx: Transaction<DB>,
  entity: AuditEntity,
  id: number,
  created: T,
): Promise<T> {
  await recordAudit(trx, {
    userId: null,
    entity,
    entityId: id,
    action: 'create',
    before: null,
    after: created,
  })
  return created
}
