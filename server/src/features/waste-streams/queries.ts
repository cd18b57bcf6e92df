import { sql } from 'kysely'
import type { SurveyFilters } from '../../contract/survey-filters.js'
import type { NewWasteStream } from '../../db/schema.js'
import { surveyFilterCondition } from '../../db/survey-filters.js'
import type { Db } from '../../db/database.js'

/** The writable columns of a stream, as the service builds them from the API input. */
export type WasteStreamColumns = Omit<
  NewWasteStream,
  'enterprise_id' | 'version' | 'created_at' | 'updated_at'
>

function selectStreams(db: Db) {
  return db
    .selectFrom('waste_streams as w')
    .innerJoin('ewc_codes as c', 'c.code', 'w.ewc_code')
    .innerJoin('enterprises as e', 'e.id', 'w.enterprise_id')
    .select([
      'w.id',
      'w.enterprise_id',
      'e.name as enterprise_name',
      'w.ewc_code',
      'c.description as ewc_description',
      'w.hazardous',
      'w.description',
      'w.physical_state',
      'w.quantity',
      'w.unit',
      'w.period',
      'w.density_t_per_m3',
      'w.batches_per_year',
      'w.quantity_t_per_year',
      'w.frequency',
      'w.basis',
      'w.route_code',
      'w.route_site',
      'w.receiver_name',
      'w.receiver_enterprise_id',
      'w.cost_per_year',
      'w.cost_currency',
      'w.survey_year',
      'w.offered_as_byproduct',
      'w.version',
      'w.updated_at',
    ])
}
export type WasteStreamRow = Awaited<ReturnType<ReturnType<typeof selectStreams>['executeTakeFirstOrThrow']>>

export function listEnterpriseStreams(db: Db, enterpriseId: number) {
  return selectStreams(db).where('w.enterprise_id', '=', enterpriseId).orderBy('w.id').execute()
}

/**
 * One stream, only through its own enterprise: a wrong enterprise/id pair finds nothing.
 * `lock` takes the row lock, so a concurrent update waits and then sees the new version.
 */
export function findStream(db: Db, enterpriseId: number, id: number, lock = false) {
  const query = selectStreams(db).where('w.id', '=', id).where('w.enterprise_id', '=', enterpriseId)
  return (lock ? query.forUpdate('w') : query).executeTakeFirst()
}

/**
 * Streams under the survey filters. The enterprise-level filters (bbox, region, NACE, text) go
 * through the shared condition on `e`; the stream-level ones (EWC prefix, hazardous, survey year)
 * apply to the stream itself, so a list filtered on chapter 10 holds only chapter-10 streams.
 */
function filteredStreams(db: Db, filters: SurveyFilters) {
  const { ewc, hazardous, surveyYear, ...enterpriseFilters } = filters
  let query = selectStreams(db).where((eb) => surveyFilterCondition(eb, enterpriseFilters))
  if (ewc !== undefined) query = query.where('w.ewc_code', 'like', `${ewc}%`)
  if (hazardous !== undefined) query = query.where('w.hazardous', '=', hazardous)
  if (surveyYear !== undefined) query = query.where('w.survey_year', '=', surveyYear)
  return query
}

export async function listStreams(db: Db, filters: SurveyFilters, page: { limit: number; offset: number }) {
  const base = filteredStreams(db, filters)
  const [rows, count] = await Promise.all([
    base.orderBy('w.id').limit(page.limit).offset(page.offset).execute(),
    base
      .clearSelect()
      .select(sql<number>`count(*)`.as('total'))
      .executeTakeFirstOrThrow(),
  ])
  return { rows, total: Number(count.total) }
}

export function findEwcEntry(db: Db, code: string) {
  return db
    .selectFrom('ewc_codes')
    .select(['code', 'level', 'hazardous', 'mirror_of'])
    .where('code', '=', code)
    .executeTakeFirst()
}

export async function insertStream(db: Db, enterpriseId: number, columns: WasteStreamColumns) {
  const { id } = await db
    .insertInto('waste_streams')
    .values({ ...columns, enterprise_id: enterpriseId })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

/** Writes the new columns and bumps the version; the caller has checked the version under lock. */
export function updateStream(db: Db, id: number, columns: WasteStreamColumns) {
  return db
    .updateTable('waste_streams')
    .set({ ...columns, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', id)
    .execute()
}

export function deleteStream(db: Db, id: number) {
  return db.deleteFrom('waste_streams').where('id', '=', id).execute()
}
