import { sql } from 'kysely'
import type { EnterpriseListQuery, SurveyFilters } from '../../contract/enterprises.js'
import type { PointGeometry } from '../../contract/geojson.js'
import type { Db } from '../../db/database.js'
import { stAsGeoJson } from '../../db/postgis.js'
import { surveyFilterCondition } from '../../domain/survey/filters.js'

/**
 * Enterprises matching the survey filters, one row each with its waste totals of one survey year
 * (the filter's, else the enterprise's latest: never several years added), sorted and paged.
 */
export function listEnterpriseSummaries(db: Db, query: EnterpriseListQuery) {
  const totalsYear =
    query.surveyYear !== undefined
      ? sql<number>`${query.surveyYear}::int`
      : sql<number>`(select max(ly.survey_year) from waste_streams ly where ly.enterprise_id = e.id)`
  const descending = query.sort.startsWith('-')
  const direction = descending ? 'desc' : 'asc'
  const key = descending ? query.sort.slice(1) : query.sort
  const sortColumn = key === 'name' ? 'e.name' : key === 'totalTonnesPerYear' ? 'total_t' : 'e.id'
  return (
    db
      .selectFrom('enterprises as e')
      // the filter goes on `e` alone, before the joins, so it means what it means everywhere else
      .where((eb) => surveyFilterCondition(eb, query))
      .innerJoin('nace_codes as n', 'n.code', 'e.nace_code')
      .leftJoin('regions as r', 'r.id', 'e.region_id')
      .leftJoin('waste_streams as w', (join) =>
        join.onRef('w.enterprise_id', '=', 'e.id').on(sql<boolean>`w.survey_year = ${totalsYear}`),
      )
      .select([
        'e.id',
        'e.name',
        'e.nace_code',
        'n.section as nace_section',
        'e.size_class',
        'e.region_id',
        'r.name as region_name',
        'e.is_demo',
        stAsGeoJson<PointGeometry>('e.geom').as('geometry'),
        sql<number>`count(w.id)`.as('waste_stream_count'),
        sql<number | null>`max(w.survey_year)`.as('survey_year'),
        sql<number>`coalesce(sum(w.quantity_t_per_year), 0)`.as('total_t'),
        sql<number>`coalesce(sum(w.quantity_t_per_year) filter (where w.hazardous), 0)`.as('hazardous_t'),
      ])
      .groupBy(['e.id', 'r.name', 'n.section'])
      .orderBy(sortColumn, direction)
      // ties (same name, same total) keep a stable order so pages neither repeat nor skip rows
      .orderBy('e.id', direction)
      .limit(query.limit)
      .offset(query.offset)
      .execute()
  )
}
export type EnterpriseSummaryRow = Awaited<ReturnType<typeof listEnterpriseSummaries>>[number]

/** How many enterprises match the filters, before paging. */
export async function countEnterprises(db: Db, filters: SurveyFilters): Promise<number> {
  const row = await db
    .selectFrom('enterprises as e')
    .where((eb) => surveyFilterCondition(eb, filters))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}
