import { sql } from 'kysely'
import type { SurveyFilters } from '../../contract/survey-filters.js'
import type { Db } from '../../db/database.js'
import { filteredEnterprises, matchingStreams } from './enterprise-totals.js'

/**
 * The survey years with data for the filters (issue 12: a survey year is the unit of every
 * tonnage). The year and the not-reported filter are left out: these are the years one may pick.
 * Shared by `GET /api/survey-years` and the tiles, so the year a map names is the year its tiles
 * sum.
 */
export async function surveyYearsWithData(db: Db, filters: SurveyFilters): Promise<number[]> {
  const others = { ...filters, surveyYear: undefined, notReportedFor: undefined }
  const result = await sql<{ year: number }>`select distinct w.survey_year::int as year
    from (${matchingStreams(db, others)}) w
    where w.enterprise_id in (select sel.id from (${filteredEnterprises(db, others)}) sel)
    order by year`.execute(db)
  return result.rows.map((row) => Number(row.year))
}

/** The latest survey year with data for the filters (the default year of a view); null: none. */
export async function latestSurveyYearWithData(db: Db, filters: SurveyFilters): Promise<number | null> {
  return (await surveyYearsWithData(db, filters)).at(-1) ?? null
}
