import type { AuditEntry } from '../../contract/audit.js'
import type { AuditRow } from './queries.js'

export function toAuditEntry(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    at: new Date(row.at).toISOString(),
    userId: row.user_id,
    entity: row.entity,
    entityId: row.entity_id,
    action: row.action,
    before: row.before ?? null,
    after: row.after ?? null,
  }
}
