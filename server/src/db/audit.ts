import type { Kysely, Transaction } from 'kysely'
import type { DB } from './schema.js'

export type AuditEntity =
  'region' | 'enterprise' | 'waste_stream' | 'resource_need' | 'permit' | 'import' | 'match' | 'user'

export type AuditEntry = {
  /** Who: the signed-in user's id; null until accounts exist (issue: accounts, roles and confidentiality). */
  userId: number | null
  entity: AuditEntity
  entityId: number | string
  action: 'create' | 'update' | 'delete'
  before: unknown
  after: unknown
}

/**
 * Appends to the audit log. Call it inside the transaction that makes the change, so the change
 * and its record land together or not at all. `before`/`after` are the API representations.
 */
export async function recordAudit(db: Kysely<DB> | Transaction<DB>, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      user_id: entry.userId,
      entity: entry.entity,
      entity_id: String(entry.entityId),
      action: entry.action,
      before: entry.before === undefined || entry.before === null ? null : JSON.stringify(entry.before),
      after: entry.after === undefined || entry.after === null ? null : JSON.stringify(entry.after),
    })
    .execute()
}
