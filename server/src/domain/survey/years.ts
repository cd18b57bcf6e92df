import { type Compilable, type RawBuilder, sql } from 'kysely'
import type { SurveyFilters } from '../../contract/survey-filters.js'
import type { Db } from '../../db/database.js'
import { filteredEnterprises, matchingStreams } from './enterprise-totals.js'

/**
 * Survey years (issue 12: a survey year is the unit of every tonnage). The default year of a
 * map, a region, a box or an enterprise is the latest year with data for it; these are the one
 * place that year is found, so the year a screen names is the year its figures sum.
 */

export type YearRange = { yearFrom?: number | undefined; yearTo?: number | undefined }

/** The survey-year range as a condition on streams aliased `w`. */
export function inYears(years: YearRange): RawBuilder<boolean> {
  const conditions = [sql<boolean>`true`]
  if (years.yearFrom !== undefined) conditions.push(sql<boolean>`w.survey_year >= ${years.yearFrom}`)
  if (years.yearTo !== undefined) conditions.push(sql<boolean>`w.survey_year <= ${years.yearTo}`)
  return sql.join(conditions, sql` and `) as RawBuilder<boolean>
}

/** The filters that decide which years have data: all but the year and "not reported for". */
function yearlessFilters(filters: SurveyFilters): SurveyFilters {
  return { ...filters, surveyYear: undefined, notReportedFor: undefined }
}

/** The survey years with data for the filters, ascending: the years one may pick. */
export async function surveyYearsWithData(db: Db, filters: SurveyFilters): Promise<number[]> {
  const others = yearlessFilters(filters)
  const result = await sql<{ year: number }>`select distinct w.survey_year::int as year
    from (${matchingStreams(db, others, { noisy: false })}) w
    where w.enterprise_id in (select sel.id from (${filteredEnterprises(db, others)}) sel)
    order by year`.execute(db)
  return result.rows.map((row) => Number(row.year))
}

/** The latest survey year with data for the filters (the default year of a view); null: none. */
export function latestSurveyYearWithData(db: Db, filters: SurveyFilters): Promise<number | null> {
  const others = yearlessFilters(filters)
  return latestSurveyYear(db, filteredEnterprises(db, others), others)
}

/**
 * The latest survey year with a matching stream of `enterprises` (a relation with an `id`
 * column, such as a region's or a box's) within the range; null when there is none.
 */
export async function latestSurveyYear(
  db: Db,
  enterprises: RawBuilder<unknown> | Compilable<{ id: number }>,
  filters: SurveyFilters,
  range: YearRange = {},
): Promise<number | null> {
  const result = await sql<{ year: number | null }>`select max(w.survey_year)::int as year
    from (${matchingStreams(db, { ...filters, surveyYear: undefined }, { noisy: false })}) w
    where w.enterprise_id in (select id from (${enterprises}) e) and ${inYears(range)}`.execute(db)
  return result.rows[0]?.year ?? null
}
