import { type RawBuilder, sql } from 'kysely'
import type {
  CoverageQuery,
  CoverageResponse,
  CoverageYear,
  NotReportedQuery,
  NotReportedResponse,
  RegionCoverage,
  SurveyYears,
  SurveyYearsQuery,
} from '../../contract/coverage.js'
import type { Db } from '../../db/database.js'
import {
  coverageByYearSql,
  type CoverageYearRow,
  enterpriseCountSql,
  notReportedSql,
} from '../../domain/survey/coverage.js'
import { surveyYearsWithData } from '../../domain/survey/years.js'
import { HttpError } from '../../plugins/error-handler.js'
// Region membership is the totals' rule, taken from where the totals keep it (issue 12: "use
// the same function the totals use"), so coverage and totals always count the same enterprises.
import { regionsFor } from '../../domain/region/queries.js'
import { areaEnterprises } from '../../domain/survey/area-enterprises.js'

/** The survey years with data for the filters, ascending, and the latest. */
export async function surveyYears(db: Db, filters: SurveyYearsQuery): Promise<SurveyYears> {
  const years = await surveyYearsWithData(db, filters)
  return { years, latest: years.at(-1) ?? null }
}

/** The enterprises of a region by the totals' rule (one region per level), or every enterprise. */
function enterprisesOf(db: Db, regionId: number | undefined): RawBuilder<unknown> {
  return regionId === undefined
    ? sql`select id from enterprises`
    : areaEnterprises(db, { kind: 'region', regionId }, {})
}

/** Per region: the year asked for (else the latest with data) and the series of every year. */
export async function coverage(db: Db, query: CoverageQuery): Promise<CoverageResponse> {
  const regions = await regionsFor(db, query)
  const answer: RegionCoverage[] = []
  for (const region of regions) {
    const enterprises = enterprisesOf(db, region.id)
    const [count, series] = await Promise.all([
      enterpriseCountSql(enterprises).execute(db),
      coverageByYearSql(enterprises).execute(db),
    ])
    const registered = count.rows[0]?.n ?? 0
    const rows = series.rows.map((row) => ({ ...row, year: Number(row.year) }))
    if (query.year !== undefined && !rows.some((row) => row.year === query.year)) {
      rows.push({ year: query.year, reported: 0, tonnes: 0 })
      rows.sort((a, b) => a.year - b.year)
    }
    const byYear = rows.map((row) => coverageYear(row, registered))
    const surveyYear = query.year ?? byYear.at(-1)?.year ?? null
    answer.push({
      region: { id: region.id, name: region.name, level: region.level },
      surveyYear,
      shown: byYear.find((row) => row.year === surveyYear) ?? null,
      byYear,
    })
  }
  return { regions: answer }
}

function coverageYear(row: CoverageYearRow, registered: number): CoverageYear {
  return {
    year: row.year,
    enterprisesRegistered: registered,
    enterprisesReported: row.reported,
    enterprisesNotReported: Math.max(0, registered - row.reported),
    tonnesReported: row.tonnes,
    share: registered === 0 ? null : row.reported / registered,
  }
}

/** The enterprises of a region (or everywhere) that have not reported for the year, by name. */
export async function notReported(db: Db, query: NotReportedQuery): Promise<NotReportedResponse> {
  if (query.regionId !== undefined) {
    const region = await db.selectFrom('regions').select('id').where('id', '=', query.regionId).executeTakeFirst()
    if (!region) throw new HttpError(404, 'NOT_FOUND', `region ${query.regionId} not found`)
  }
  const enterprises = enterprisesOf(db, query.regionId)
  const year =
    query.year ?? (await coverageByYearSql(enterprises).execute(db)).rows.map((r) => Number(r.year)).at(-1) ?? null
  const page = { limit: query.limit, offset: query.offset }
  const rows = (await notReportedSql(enterprises, year, page).execute(db)).rows
  // a page past the end has no row to carry the total
  const total =
    rows[0]?.total ??
    (query.offset === 0
      ? 0
      : ((await notReportedSql(enterprises, year, { limit: 1, offset: 0 }).execute(db)).rows[0]?.total ?? 0))
  return {
    year,
    total,
    items: rows.map((row) => ({
      id: row.id,
      name: row.name,
      nationalId: row.national_id,
      naceCode: row.nace_code,
      lastReportedYear: row.last_reported_year === null ? null : Number(row.last_reported_year),
    })),
  }
}
