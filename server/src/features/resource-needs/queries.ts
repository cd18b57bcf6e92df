import { sql } from 'kysely'
import type { SurveyFilters } from '../../contract/survey-filters.js'
import type { NewResourceNeed } from '../../db/schema.js'
import { surveyFilterCondition } from '../../db/survey-filters.js'
import type { Db } from '../../db/database.js'

export type ResourceNeedColumns = Omit<
  NewResourceNeed,
  'enterprise_id' | 'version' | 'created_at' | 'updated_at'
>

function selectNeeds(db: Db) {
  return db
    .selectFrom('resource_needs as n')
    .innerJoin('enterprises as e', 'e.id', 'n.enterprise_id')
    .select([
      'n.id',
      'n.enterprise_id',
      'e.name as enterprise_name',
      'n.description',
      'n.ewc_codes',
      'n.material_category',
      'n.quantity_t_per_year',
      'n.max_distance_km',
      'n.version',
      'n.updated_at',
    ])
}
export type ResourceNeedRow = Awaited<ReturnType<ReturnType<typeof selectNeeds>['executeTakeFirstOrThrow']>>

export function listEnterpriseNeeds(db: Db, enterpriseId: number) {
  return selectNeeds(db).where('n.enterprise_id', '=', enterpriseId).orderBy('n.id').execute()
}

/** One need, only through its own enterprise; `lock` takes the row lock for a write. */
export function findNeed(db: Db, enterpriseId: number, id: number, lock = false) {
  const query = selectNeeds(db).where('n.id', '=', id).where('n.enterprise_id', '=', enterpriseId)
  return (lock ? query.forUpdate('n') : query).executeTakeFirst()
}

/**
 * Needs of the enterprises the survey filters select. The filters describe enterprises (their
 * place, sector and streams), so a need is listed when its enterprise matches.
 */
export async function listNeeds(db: Db, filters: SurveyFilters, page: { limit: number; offset: number }) {
  const base = selectNeeds(db).where((eb) => surveyFilterCondition(eb, filters))
  const [rows, count] = await Promise.all([
    base.orderBy('n.id').limit(page.limit).offset(page.offset).execute(),
    base
      .clearSelect()
      .select(sql<number>`count(*)`.as('total'))
      .executeTakeFirstOrThrow(),
  ])
  return { rows, total: Number(count.total) }
}

export async function insertNeed(db: Db, enterpriseId: number, columns: ResourceNeedColumns) {
  const { id } = await db
    .insertInto('resource_needs')
    .values({ ...columns, enterprise_id: enterpriseId })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

/** Writes the new columns and bumps the version; the caller has checked the version under lock. */
export function updateNeed(db: Db, id: number, columns: ResourceNeedColumns) {
  return db
    .updateTable('resource_needs')
    .set({ ...columns, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', id)
    .execute()
}

export function deleteNeed(db: Db, id: number) {
  return db.deleteFrom('resource_needs').where('id', '=', id).execute()
}
