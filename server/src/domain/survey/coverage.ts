import { type RawBuilder, sql } from 'kysely'

/**
 * Survey coverage (issue 12) over a set of enterprises: `enterprises` is a relation with an `id`
 * column (the enterprises of a region, by the rule the totals use: the caller passes it, so
 * region membership is decided in one place). A survey year is the unit: an enterprise reported
 * for a year when it has at least one waste stream of that survey year.
 */

export type CoverageYearRow = { year: number; reported: number; tonnes: number }

/** Per survey year with data: enterprises that reported and their tonnes, ascending by year. */
export function coverageByYearSql(enterprises: RawBuilder<unknown>): RawBuilder<CoverageYearRow> {
  return sql<CoverageYearRow>`with area as (${enterprises})
    select w.survey_year::int as year, count(distinct w.enterprise_id)::int as reported,
      coalesce(sum(w.quantity_t_per_year), 0)::float8 as tonnes
    from waste_streams w
    where w.enterprise_id in (select id from area)
    group by w.survey_year
    order by w.survey_year`
}

/** How many enterprises the relation holds: the registered ones. */
export function enterpriseCountSql(enterprises: RawBuilder<unknown>): RawBuilder<{ n: number }> {
  return sql<{ n: number }>`select count(*)::int as n from (${enterprises}) area`
}

export type NotReportedRow = {
  id: number
  name: string
  national_id: string | null
  nace_code: string
  last_reported_year: number | null
  total: number
}

/**
 * The enterprises with no stream of `year` (all of them when `year` is null: nothing reported at
 * all), by name then id, one page, each with the latest year it has streams of, and `total`
 * before paging.
 */
export function notReportedSql(
  enterprises: RawBuilder<unknown>,
  year: number | null,
  page: { limit: number; offset: number },
): RawBuilder<NotReportedRow> {
  const missing =
    year === null
      ? sql`true`
      : sql`not exists (select 1 from waste_streams y where y.enterprise_id = e.id and y.survey_year = ${year})`
  return sql<NotReportedRow>`with area as (${enterprises})
    select e.id, e.name, e.national_id, e.nace_code,
      (select max(l.survey_year)::int from waste_streams l where l.enterprise_id = e.id) as last_reported_year,
      count(*) over ()::int as total
    from enterprises e
    where e.id in (select id from area) and ${missing}
    order by e.name, e.id
    limit ${page.limit} offset ${page.offset}`
}
