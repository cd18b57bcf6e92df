import type { Kysely } from 'kysely'
import type {
  YearChoice,
  AggregateCell,
  AggregateQuery,
  AggregateResponse,
  AreaAggregate,
  AreaAggregateInput,
} from '../../contract/aggregates.js'
import type { Disclosure } from '../../contract/disclosure.js'
import type { SurveyFilters } from '../../contract/survey-filters.js'
import type { DB } from '../../db/schema.js'
import { checkAreaGeometry } from '../../geo/polygon-validity.js'
import { HttpError } from '../../plugins/error-handler.js'
import { regionsFor } from '../../domain/region/queries.js'
import type { AreaScope } from '../../domain/survey/area-enterprises.js'
import { readsNoise } from '../../domain/disclosure/noise.js'
import { roundArea, suppressSmallCells } from './disclosure.js'
import { type AggregateRow, aggregateRows, labels, likeForLikeSql } from './queries.js'

type AreaInfo = AreaAggregate['area']

/** Totals of regions named by id or level, in the order of their names. */
export async function aggregateRegions(
  db: Kysely<DB>,
  query: AggregateQuery,
  disclosure: Disclosure,
): Promise<AggregateResponse> {
  const regions = await regionsFor(db, query)
  const noise = { noisy: readsNoise(disclosure) }
  const areas: AreaAggregate[] = []
  for (const region of regions) {
    const info: AreaInfo = { kind: 'region', regionId: region.id, name: region.name, level: region.level }
    areas.push(
      await aggregateArea(db, { kind: 'region', regionId: region.id }, info, filtersOf(query), query, noise),
    )
  }
  return respond(areas, disclosure)
}

/** Totals of an area drawn on the map. */
export async function aggregateDrawnArea(
  db: Kysely<DB>,
  input: AreaAggregateInput,
  disclosure: Disclosure,
): Promise<AggregateResponse> {
  const checked = checkAreaGeometry(input.geometry, 'body.geometry')
  if (!checked.ok) {
    const reasons = checked.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')
    throw new HttpError(400, 'VALIDATION_FAILED', `Invalid body: ${reasons}`, checked.issues)
  }
  const geometry = checked.geometry
  const info: AreaInfo = { kind: 'drawn', regionId: null, name: null, level: null }
  const noise = { noisy: readsNoise(disclosure) }
  const area = await aggregateArea(db, { kind: 'drawn', geometry }, info, input.filters, input, noise)
  return respond([area], disclosure)
}

/** The stream and enterprise filters of a request, without what names the areas. */
export function filtersOf({
  regionId: _ids,
  level: _level,
  year: _year,
  yearFrom: _from,
  yearTo: _to,
  top: _top,
  ...filters
}: AggregateQuery) {
  return filters
}

/**
 * The public and enterprises get small cells suppressed and the rest rounded (their tonnes are
 * noisy already: matchingStreams); staff roles (issue 7) see everything, exact.
 */
function respond(areas: AreaAggregate[], { seesSmallCells, minEnterprises }: Disclosure): AggregateResponse {
  const applied = !seesSmallCells
  return {
    areas: applied ? areas.map((area) => roundArea(suppressSmallCells(area, minEnterprises))) : areas,
    disclosure: { minEnterprises, applied },
  }
}

type AreaOptions = YearChoice & { top: number }

/**
 * One area's figures for one survey year (the chosen one, else the latest with data in the
 * range) and its per-year series over the range: one query over the range gives the series,
 * and the breakdowns when the range holds that year only; otherwise a second query over the year.
 */
async function aggregateArea(
  db: Kysely<DB>,
  scope: AreaScope,
  info: AreaInfo,
  filters: SurveyFilters,
  options: AreaOptions,
  noise: { noisy: boolean },
): Promise<AreaAggregate> {
  const range = { yearFrom: options.yearFrom, yearTo: options.yearTo }
  const series = await aggregateRows(db, scope, filters, range, noise)
  const years = series.rows
    .filter((row) => row.dimension === 'year')
    .sort((a, b) => Number(a.key) - Number(b.key))
  const surveyYear = options.year ?? (years.length > 0 ? Number(years.at(-1)?.key) : null)
  const onlyThatYear = years.length === 1 && Number(years[0]?.key) === surveyYear
  const rows =
    surveyYear === null
      ? []
      : onlyThatYear
        ? series.rows
        : (await aggregateRows(db, scope, filters, { yearFrom: surveyYear, yearTo: surveyYear }, noise)).rows
  const of = (dimension: AggregateRow['dimension']) => rows.filter((row) => row.dimension === dimension)
  const byTonnes = (a: AggregateRow, b: AggregateRow) =>
    b.tonnes - a.tonnes || String(a.key).localeCompare(String(b.key))
  const chapters = of('chapter').sort(byTonnes)
  const sections = of('section').sort(byTonnes)
  const codes = of('code').sort(byTonnes).slice(0, options.top)
  const names = await labels(
    db,
    [...chapters, ...codes].map((row) => String(row.key)),
    sections.map((row) => String(row.key)),
  )
  const total = of('total')[0] ?? emptyRow()
  const routeOrder = ['recovery', 'disposal', 'unknown']
  return {
    area: info,
    surveyYear,
    years: years.map((row) => Number(row.key)),
    enterprisesRegistered: series.areaEnterpriseCount,
    totals: {
      ...cell(total, null),
      key: 'total',
      recoveredTonnesPerYear: total.recovered_t,
      recoveryRate: total.tonnes > 0 ? total.recovered_t / total.tonnes : null,
    },
    byEwcChapter: chapters.map((row) => cell(row, names.get(`ewc:${row.key}`) ?? null)),
    byNaceSection: sections.map((row) => cell(row, names.get(`nace:${row.key}`) ?? null)),
    byRoute: of('route')
      .sort((a, b) => routeOrder.indexOf(String(a.key)) - routeOrder.indexOf(String(b.key)))
      .map((row) => cell(row, null)),
    byYear: years.map((row) => cell(row, null)),
    yearOnYear: await yearOnYear(db, scope, filters, years, surveyYear, noise),
    topStreams: codes.map((row) => cell(row, names.get(`ewc:${row.key}`) ?? null)),
  }
}

function cell(row: AggregateRow, label: string | null): AggregateCell {
  return {
    key: String(row.key),
    label,
    enterpriseCount: row.enterprise_count,
    tonnesPerYear: row.tonnes,
    hazardousTonnesPerYear: row.hazardous_t,
    basis: { measured: row.measured_t, estimated: row.estimated_t, calculated: row.calculated_t },
    suppressed: null,
  }
}

function emptyRow(): AggregateRow {
  return {
    dimension: 'total',
    key: null,
    enterprise_count: 0,
    tonnes: 0,
    hazardous_t: 0,
    recovered_t: 0,
    measured_t: 0,
    estimated_t: 0,
    calculated_t: 0,
  }
}

const percentChange = (from: number, to: number) => (from > 0 ? ((to - from) / from) * 100 : null)

/**
 * The survey year against the previous year with data: all reporting enterprises of each year,
 * and like for like, the enterprises that reported in both.
 */
async function yearOnYear(
  db: Kysely<DB>,
  scope: AreaScope,
  filters: SurveyFilters,
  years: AggregateRow[],
  surveyYear: number | null,
  noise: { noisy: boolean },
): Promise<AreaAggregate['yearOnYear']> {
  const at = years.findIndex((row) => Number(row.key) === surveyYear)
  const to = years[at]
  const from = at > 0 ? years[at - 1] : undefined
  if (!to || !from) return null
  const fromYear = Number(from.key)
  const toYear = Number(to.key)
  const both = (await likeForLikeSql(db, scope, filters, fromYear, toYear, noise).execute(db)).rows[0]
  return {
    fromYear,
    toYear,
    changePercent: percentChange(from.tonnes, to.tonnes),
    fromEnterpriseCount: from.enterprise_count,
    toEnterpriseCount: to.enterprise_count,
    likeForLike: {
      enterpriseCount: both?.both_count ?? 0,
      fromTonnes: both?.from_t ?? 0,
      toTonnes: both?.to_t ?? 0,
      changePercent: both ? percentChange(both.from_t, both.to_t) : null,
      suppressed: null,
    },
  }
}
