import { sql } from 'kysely'
import type { SurveyFilters } from '../../contract/survey-filters.js'
import type { NewPermit } from '../../db/schema.js'
import { surveyFilterCondition } from '../../db/survey-filters.js'
import type { Db } from '../../db/database.js'

export type PermitColumns = Omit<NewPermit, 'enterprise_id' | 'version' | 'created_at' | 'updated_at'>

function selectPermits(db: Db) {
  return db
    .selectFrom('permits as p')
    .innerJoin('enterprises as e', 'e.id', 'p.enterprise_id')
    .select([
      'p.id',
      'p.enterprise_id',
      'e.name as enterprise_name',
      'p.permit_number',
      'p.operation',
      'p.accepted_ewc',
      'p.capacity_t_per_year',
      'p.hazardous_allowed',
      // as text: pg turns a date into a Date at local midnight, which shifts the day across time zones
      sql<string | null>`to_char(p.valid_from, 'YYYY-MM-DD')`.as('valid_from'),
      sql<string | null>`to_char(p.valid_to, 'YYYY-MM-DD')`.as('valid_to'),
      'p.version',
      'p.updated_at',
    ])
}
export type PermitRow = Awaited<ReturnType<ReturnType<typeof selectPermits>['executeTakeFirstOrThrow']>>

export function listEnterprisePermits(db: Db, enterpriseId: number) {
  return selectPermits(db).where('p.enterprise_id', '=', enterpriseId).orderBy('p.id').execute()
}

/** One permit, only through its own enterprise; `lock` takes the row lock for a write. */
export function findPermit(db: Db, enterpriseId: number, id: number, lock = false) {
  const query = selectPermits(db).where('p.id', '=', id).where('p.enterprise_id', '=', enterpriseId)
  return (lock ? query.forUpdate('p') : query).executeTakeFirst()
}

/**
 * Permits of the enterprises the survey filters select. The filters describe enterprises (their
 * place, sector and streams), so a permit is listed when its enterprise matches.
 */
export async function listPermits(db: Db, filters: SurveyFilters, page: { limit: number; offset: number }) {
  const base = selectPermits(db).where((eb) => surveyFilterCondition(eb, filters))
  const [rows, count] = await Promise.all([
    base.orderBy('p.id').limit(page.limit).offset(page.offset).execute(),
    base
      .clearSelect()
      .select(sql<number>`count(*)`.as('total'))
      .executeTakeFirstOrThrow(),
  ])
  return { rows, total: Number(count.total) }
}

export async function insertPermit(db: Db, enterpriseId: number, columns: PermitColumns) {
  const { id } = await db
    .insertInto('permits')
    .values({ ...columns, enterprise_id: enterpriseId })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

/** Writes the new columns and bumps the version; the caller has checked the version under lock. */
export function updatePermit(db: Db, id: number, columns: PermitColumns) {
  return db
    .updateTable('permits')
    .set({ ...columns, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', id)
    .execute()
}

export function deletePermit(db: Db, id: number) {
  return db.deleteFrom('permits').where('id', '=', id).execute()
}
