import { AsyncLocalStorage } from 'node:async_hooks'
import type { Kysely, Transaction } from 'kysely'
import type { DB } from '../../db/schema.js'

export type AuditEntity =
  'region' | 'enterprise' | 'waste_stream' | 'resource_need' | 'permit' | 'import' | 'match' | 'user'

/**
 * The signed-in user of the request being served, set by plugins/auth.ts, so every audit record
 * names who made the change without passing the user through every service.
 */
export const auditContext = new AsyncLocalStorage<{ userId: number | null }>()

export type AuditEntry = {
  /** Who; null means the request's signed-in user (auditContext), if any. */
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
      user_id: entry.userId ?? auditContext.getStore()?.userId ?? null,
      entity: entry.entity,
      entity_id: String(entry.entityId),
      action: entry.action,
      before: entry.before === undefined || entry.before === null ? null : JSON.stringify(entry.before),
      after: entry.after === undefined || entry.after === null ? null : JSON.stringify(entry.after),
    })
    .execute()
}
