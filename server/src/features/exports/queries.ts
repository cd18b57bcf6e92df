import { sql } from 'kysely'
import type { SurveyFilters } from '../../contract/survey-filters.js'
import { surveyFilterCondition } from '../../domain/survey/filters.js'
import type { Db } from '../../db/database.js'

/** Where the previous page ended: the last enterprise id and its last stream id (null: none). */
export type ExportCursor = { enterpriseId: number; streamId: number | null }

/**
 * One page of export rows: one per waste stream, or one per enterprise without streams (so an
 * export re-imports to the same enterprises). The survey filters choose the enterprises; the
 * stream filters (EWC prefix, hazardous, survey year) also choose which of their streams go out,
 * so an export "for chapter 10" holds chapter-10 streams only. Keyset paging on (enterprise, stream).
 */
export function exportPage(db: Db, filters: SurveyFilters, after: ExportCursor | undefined, limit: number) {
  const hasStreamFilter =
    filters.ewc !== undefined || filters.hazardous !== undefined || filters.surveyYear !== undefined
  let query = db
    .selectFrom('enterprises as e')
    .leftJoin('waste_streams as w', (join) => {
      let on = join.onRef('w.enterprise_id', '=', 'e.id')
      if (filters.ewc !== undefined) on = on.on('w.ewc_code', 'like', `${filters.ewc}%`)
      if (filters.hazardous !== undefined) on = on.on('w.hazardous', '=', filters.hazardous)
      if (filters.surveyYear !== undefined) on = on.on('w.survey_year', '=', filters.surveyYear)
      return on
    })
    .select([
      'e.id as enterprise_id',
      'e.name',
      'e.national_id',
      'e.nace_code',
      'e.size_class',
      'e.employees',
      'e.address',
      sql<number>`ST_X(e.geom)`.as('lon'),
      sql<number>`ST_Y(e.geom)`.as('lat'),
      'w.id as stream_id',
      'w.ewc_code',
      'w.description',
      'w.physical_state',
      'w.quantity',
      'w.unit',
      'w.period',
      'w.density_t_per_m3',
      'w.batches_per_year',
      'w.frequency',
      'w.basis',
      'w.route_code',
      'w.route_site',
      'w.receiver_name',
      'w.cost_per_year',
      'w.cost_currency',
      'w.survey_year',
      'w.offered_as_byproduct',
      'w.stream_ref',
    ])
    .where((eb) => surveyFilterCondition(eb, filters))
    .orderBy('e.id')
    .orderBy(sql`w.id nulls first`)
    .limit(limit)
  if (hasStreamFilter) query = query.where('w.id', 'is not', null)
  if (after) {
    const { enterpriseId, streamId } = after
    query = query.where((eb) =>
      streamId === null
        ? eb('e.id', '>', enterpriseId)
        : eb.or([
            eb('e.id', '>', enterpriseId),
            eb.and([eb('e.id', '=', enterpriseId), eb('w.id', '>', streamId)]),
          ]),
    )
  }
  return query.execute()
}
export type ExportRow = Awaited<ReturnType<typeof exportPage>>[number]
