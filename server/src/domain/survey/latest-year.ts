import { type Compilable, type RawBuilder, sql } from 'kysely'
import type { SurveyFilters } from '../../contract/survey-filters.js'
import type { Db } from '../../db/database.js'
import { matchingStreams } from './enterprise-totals.js'

export type YearRange = { yearFrom?: number | undefined; yearTo?: number | undefined }

/** The survey-year range as a condition on streams aliased `w`. */
export function inYears(years: YearRange): RawBuilder<boolean> {
  const conditions = [sql<boolean>`true`]
  if (years.yearFrom !== undefined) conditions.push(sql<boolean>`w.survey_year >= ${years.yearFrom}`)
  if (years.yearTo !== undefined) conditions.push(sql<boolean>`w.survey_year <= ${years.yearTo}`)
  return sql.join(conditions, sql` and `) as RawBuilder<boolean>
}

/**
 * The latest survey year with a matching stream of `enterprises` (a relation with an `id`
 * column) within the range; null when there is none. "The default year is the latest year with
 * data for the area": the figures of a map, a region or a box are then one survey year's.
 */
export async function latestSurveyYear(
  db: Db,
  enterprises: RawBuilder<unknown> | Compilable<{ id: number }>,
  filters: SurveyFilters,
  range: YearRange = {},
): Promise<number | null> {
  const { surveyYear: _ignored, ...others } = filters
  const result = await sql<{ year: number | null }>`select max(w.survey_year)::int as year
    from (${matchingStreams(db, others)}) w
    where w.enterprise_id in (select id from (${enterprises}) e) and ${inYears(range)}`.execute(db)
  return result.rows[0]?.year ?? null
}
