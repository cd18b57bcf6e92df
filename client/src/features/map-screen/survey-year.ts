import type { SurveyYears } from '@contract/coverage.js'
import type { TileQuery } from '@contract/tiles.js'
import { api } from '../../api/endpoints.js'
import { type ApiState, useApi } from '../../api/use-api.js'
import { filterSearchParams } from '../../map/tile-urls.js'

/**
 * Issue 12: the map shows one survey year. Without a year in the URL the tiles are of the latest
 * year with data for the other filters (the server resolves it the same way, from the same
 * filters), and the screen names it. The answers are kept per filters so the legend, the filter
 * panel and the exported picture name the same year without asking again.
 */
const known = new Map<string, SurveyYears>()

/** The filters that decide which years have data: all but the year and "not reported for". */
function yearsKey({ surveyYear: _year, notReportedFor: _missing, ...others }: TileQuery): string {
  return filterSearchParams(others).toString()
}

/** The survey years with data for the filters, from GET /api/survey-years. */
export function useSurveyYears(filters: TileQuery): ApiState<SurveyYears> {
  const key = yearsKey(filters)
  return useApi(async () => {
    const { surveyYear: _year, notReportedFor: _missing, ...others } = filters
    const years = await api.surveyYears(others)
    known.set(key, years)
    return years
  }, key)
}

/**
 * The survey year the map shows: the one chosen (or the one "not reported for" is about), else
 * the latest with data for the filters once it is known; undefined while it is not.
 */
export function shownSurveyYear(filters: TileQuery, years?: SurveyYears): number | null | undefined {
  if (filters.surveyYear !== undefined) return filters.surveyYear
  if (filters.notReportedFor !== undefined) return filters.notReportedFor
  return (years ?? known.get(yearsKey(filters)))?.latest
}
