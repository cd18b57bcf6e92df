import { aggregateFiltersSchema } from '@contract/aggregates.js'
import type { AggregateFilterParams, AggregateRequest } from '../../api/endpoints.js'

/** What the dashboard shows, as read from its URL (`/dashboard?regionId=2&yearFrom=2023…`). */
export type DashboardQuery = {
  regionIds: number[]
  /** The survey year of the figures; undefined: the latest year with data (the API says which). */
  year: number | undefined
  /** The range of the per-year series. */
  yearFrom: number | undefined
  yearTo: number | undefined
  filters: AggregateFilterParams
  /** How far an outlet may be for the outlet-gap table. */
  distanceKm: number
}

export const distanceChoicesKm = [10, 25, 50, 100, 200] as const
const defaultDistanceKm = 50

type FilterKey = keyof AggregateFilterParams
const filterKeys = Object.keys(aggregateFiltersSchema.shape) as FilterKey[]

const positiveInteger = (value: string | null) =>
  value !== null && /^\d{1,10}$/.test(value) && Number(value) > 0 ? Number(value) : undefined
const surveyYear = (value: string | null) => {
  const year = positiveInteger(value)
  return year !== undefined && year >= 1990 && year <= 2100 ? year : undefined
}

/**
 * Reads the URL. A value the API would refuse is dropped here, so a hand-edited link shows the
 * dashboard without that filter instead of an error.
 */
export function readDashboardQuery(params: URLSearchParams): DashboardQuery {
  const regionIds = [...new Set(params.getAll('regionId').flatMap((value) => positiveInteger(value) ?? []))]
  const filters: AggregateFilterParams = {}
  for (const key of filterKeys) {
    const value = params.get(key)
    if (value !== null && value !== '' && aggregateFiltersSchema.shape[key].safeParse(value).success) {
      filters[key] = value
    }
  }
  let yearFrom = surveyYear(params.get('yearFrom'))
  let yearTo = surveyYear(params.get('yearTo'))
  if (yearFrom !== undefined && yearTo !== undefined && yearFrom > yearTo)
    [yearFrom, yearTo] = [yearTo, yearFrom]
  let year = surveyYear(params.get('year'))
  if (
    year !== undefined &&
    ((yearFrom !== undefined && year < yearFrom) || (yearTo !== undefined && year > yearTo))
  )
    year = undefined
  const distance = Number(params.get('distanceKm'))
  const distanceKm = (distanceChoicesKm as readonly number[]).includes(distance)
    ? distance
    : defaultDistanceKm
  return { regionIds, year, yearFrom, yearTo, filters, distanceKm }
}

/** The URL of a dashboard query; defaults are left out so links stay short. */
export function writeDashboardQuery(query: DashboardQuery): URLSearchParams {
  const params = new URLSearchParams()
  for (const id of query.regionIds) params.append('regionId', String(id))
  if (query.year !== undefined) params.set('year', String(query.year))
  if (query.yearFrom !== undefined) params.set('yearFrom', String(query.yearFrom))
  if (query.yearTo !== undefined) params.set('yearTo', String(query.yearTo))
  for (const key of filterKeys) {
    const value = query.filters[key]
    if (value !== undefined) params.set(key, value)
  }
  if (query.distanceKm !== defaultDistanceKm) params.set('distanceKm', String(query.distanceKm))
  return params
}

/** The API request of a dashboard query, for some of its regions. */
export function aggregateRequestOf(query: DashboardQuery, regionIds = query.regionIds): AggregateRequest {
  return {
    regionId: regionIds,
    year: query.year,
    yearFrom: query.yearFrom,
    yearTo: query.yearTo,
    filters: query.filters,
  }
}

/** A stable string for what the query asks the API, so a screen reloads only when it changes. */
export function requestKey(request: AggregateRequest): string {
  return JSON.stringify(request)
}
