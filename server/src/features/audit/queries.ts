import type { AuditEntityName, AuditQuery } from '../../contract/audit.js'
import type { AuditEntity } from '../../domain/audit/record.js'
import type { Db } from '../../db/database.js'

// The contract's list of entities and the one recordAudit accepts must stay the same list:
// this line stops compiling when one of them changes alone.
const sameEntities: [AuditEntity, AuditEntityName] extends [AuditEntityName, AuditEntity] ? true : never =
  true
void sameEntities

function filtered(db: Db, query: AuditQuery) {
  let select = db.selectFrom('audit_log as a')
  if (query.entity !== undefined) select = select.where('a.entity', '=', query.entity)
  if (query.entityId !== undefined) select = select.where('a.entity_id', '=', query.entityId)
  return select
}

/** Read only: the audit log is append-only (a trigger refuses updates and deletes), newest first. */
export function listAuditEntries(db: Db, query: AuditQuery) {
  return (
    filtered(db, query)
      .selectAll('a')
      // id, not `at`: the entries of one transaction share its timestamp
      .orderBy('a.id', 'desc')
      .limit(query.limit)
      .offset(query.offset)
      .execute()
  )
}
export type AuditRow = Awaited<ReturnType<typeof listAuditEntries>>[number]

export async function countAuditEntries(db: Db, query: AuditQuery): Promise<number> {
  const row = await filtered(db, query)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}
