import type { Kysely } from 'kysely'
import type { AggregateCell, AreaAggregate, YearChoice } from '../../contract/aggregates.js'
import type { SurveyFilters } from '../../contract/survey-filters.js'
import type { DB } from '../../db/schema.js'
import type { AreaScope } from '../../domain/survey/area-enterprises.js'
import { type AggregateRow, aggregateRows, labels, type LikeForLikeRow, likeForLikeSql } from './queries.js'

export type AreaInfo = AreaAggregate['area']
export type AreaOptions = YearChoice & { top: number }
type Noise = { noisy: boolean }

/** What one area's answer is built from, once its series over the range is known. */
type AreaPlan = {
  id: number
  info: AreaInfo
  series: AggregateRow[]
  years: AggregateRow[]
  surveyYear: number | null
  /** The range holds the survey year only: the series' breakdowns are the year's. */
  onlyThatYear: boolean
  /** The survey year and the previous year with data, for the year-on-year change. */
  pair: { from: AggregateRow; to: AggregateRow } | null
}

/**
 * The figures of every area of the scope (`areas`, by area id, in the order to answer), each for
 * one survey year (the chosen one, else its latest with data in the range) with its per-year
 * series over the range. However many areas, a handful of statements (issue 14): the series of
 * all areas; the breakdowns of each distinct survey year, for the areas whose range holds other
 * years too; the like-for-like change of each distinct pair of years.
 */
export async function aggregateAreas(
  db: Kysely<DB>,
  scope: AreaScope,
  areas: Map<number, AreaInfo>,
  filters: SurveyFilters,
  options: AreaOptions,
  noise: Noise,
): Promise<AreaAggregate[]> {
  const range = { yearFrom: options.yearFrom, yearTo: options.yearTo }
  const seriesOf = byArea(await aggregateRows(db, scope, filters, range, noise))
  const plans = [...areas].map(([id, info]) => planArea(id, info, seriesOf.get(id) ?? [], options))

  const yearRowsOf = new Map<number, AggregateRow[]>()
  const needYear = plans.filter((plan) => plan.surveyYear !== null && !plan.onlyThatYear)
  for (const [year, ids] of groupIds(needYear, (plan) => String(plan.surveyYear))) {
    const only = { yearFrom: Number(year), yearTo: Number(year) }
    for (const [id, rows] of byArea(await aggregateRows(db, narrow(scope, ids), filters, only, noise)))
      yearRowsOf.set(id, rows)
  }

  const likeForLikeOf = new Map<number, LikeForLikeRow>()
  const paired = plans.filter((plan) => plan.pair !== null)
  for (const [key, ids] of groupIds(paired, ({ pair }) => `${pair?.from.key}:${pair?.to.key}`)) {
    const [from, to] = key.split(':').map(Number) as [number, number]
    const rows = (await likeForLikeSql(db, narrow(scope, ids), filters, from, to, noise).execute(db)).rows
    for (const row of rows) likeForLikeOf.set(row.area_id, row)
  }

  const breakdownsOf = (plan: AreaPlan) =>
    plan.surveyYear === null ? [] : plan.onlyThatYear ? plan.series : (yearRowsOf.get(plan.id) ?? [])
  const allRows = plans.flatMap(breakdownsOf)
  const names = await labels(
    db,
    unique(allRows.filter((row) => row.dimension === 'chapter' || row.dimension === 'code')),
    unique(allRows.filter((row) => row.dimension === 'section')),
  )
  return plans.map((plan) =>
    areaAggregate(plan, breakdownsOf(plan), likeForLikeOf.get(plan.id), names, options.top),
  )
}

function planArea(id: number, info: AreaInfo, series: AggregateRow[], options: AreaOptions): AreaPlan {
  const years = series.filter((row) => row.dimension === 'year').sort((a, b) => Number(a.key) - Number(b.key))
  const surveyYear = options.year ?? (years.length > 0 ? Number(years.at(-1)?.key) : null)
  const onlyThatYear = years.length === 1 && Number(years[0]?.key) === surveyYear
  const at = years.findIndex((row) => Number(row.key) === surveyYear)
  const to = years[at]
  const from = at > 0 ? years[at - 1] : undefined
  const pair = to && from ? { from, to } : null
  return { id, info, series, years, surveyYear, onlyThatYear, pair }
}

function areaAggregate(
  plan: AreaPlan,
  rows: AggregateRow[],
  likeForLike: LikeForLikeRow | undefined,
  names: Map<string, string>,
  top: number,
): AreaAggregate {
  const of = (dimension: AggregateRow['dimension']) => rows.filter((row) => row.dimension === dimension)
  const byTonnes = (a: AggregateRow, b: AggregateRow) =>
    b.tonnes - a.tonnes || String(a.key).localeCompare(String(b.key))
  const chapters = of('chapter').sort(byTonnes)
  const sections = of('section').sort(byTonnes)
  const codes = of('code').sort(byTonnes).slice(0, top)
  const total = of('total')[0] ?? emptyRow(plan.id)
  const registered = plan.series.find((row) => row.dimension === 'registered')
  const routeOrder = ['recovery', 'disposal', 'unknown']
  return {
    area: plan.info,
    surveyYear: plan.surveyYear,
    years: plan.years.map((row) => Number(row.key)),
    enterprisesRegistered: registered?.enterprise_count ?? 0,
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
    byYear: plan.years.map((row) => cell(row, null)),
    yearOnYear: plan.pair ? yearOnYear(plan.pair, likeForLike) : null,
    topStreams: codes.map((row) => cell(row, names.get(`ewc:${row.key}`) ?? null)),
  }
}

const percentChange = (from: number, to: number) => (from > 0 ? ((to - from) / from) * 100 : null)

/**
 * The survey year against the previous year with data: all reporting enterprises of each year,
 * and like for like, the enterprises that reported in both.
 */
function yearOnYear(
  { from, to }: NonNullable<AreaPlan['pair']>,
  both: LikeForLikeRow | undefined,
): AreaAggregate['yearOnYear'] {
  return {
    fromYear: Number(from.key),
    toYear: Number(to.key),
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

function emptyRow(areaId: number): AggregateRow {
  return {
    area_id: areaId,
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

function byArea<Row extends { area_id: number }>(rows: Row[]): Map<number, Row[]> {
  const grouped = new Map<number, Row[]>()
  for (const row of rows) grouped.set(row.area_id, [...(grouped.get(row.area_id) ?? []), row])
  return grouped
}

function groupIds(plans: AreaPlan[], keyOf: (plan: AreaPlan) => string): Map<string, number[]> {
  const grouped = new Map<string, number[]>()
  for (const plan of plans) grouped.set(keyOf(plan), [...(grouped.get(keyOf(plan)) ?? []), plan.id])
  return grouped
}

const unique = (rows: AggregateRow[]) => [...new Set(rows.map((row) => String(row.key)))]

/** The scope cut down to some of its areas: a drawn area is its only one. */
function narrow(scope: AreaScope, ids: number[]): AreaScope {
  return scope.kind === 'drawn' ? scope : { kind: 'regions', regionIds: ids }
}
