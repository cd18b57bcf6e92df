import { type ExpressionBuilder, sql } from 'kysely'
import { hasStreamFilter, type SurveyFilters } from '../../contract/survey-filters.js'
import { isRegionMember } from '../region/members.js'
import type { DB } from '../../db/schema.js'

type EnterpriseScope = ExpressionBuilder<DB & { e: DB['enterprises'] }, 'e'>

/**
 * The survey filters (bbox, region, NACE prefix, EWC prefix, hazardous, survey year, free text)
 * as one WHERE condition on enterprises aliased `e`. Shared by the enterprise list, the
 * stream / need / permit lists and the exports, so one filter means the same thing everywhere.
 * Stream conditions (EWC, hazardous, year) ask for an enterprise with at least one matching stream.
 */
export function surveyFilterCondition(eb: EnterpriseScope, filters: SurveyFilters) {
  const conditions = []
  if (filters.bbox) {
    const { west, south, east, north } = filters.bbox
    conditions.push(sql<boolean>`e.geom && ST_MakeEnvelope(${west}, ${south}, ${east}, ${north}, 4326)`)
  }
  if (filters.regionId !== undefined) {
    // a member of the region (domain/region/members.ts), so a pilot region includes its
    // sub-regions' enterprises (region_id holds only the most specific region) and a point on an
    // edge shared inside a boundary set is in one region of that set only
    conditions.push(isRegionMember('e.id', filters.regionId))
  }
  if (filters.sizeClass !== undefined) conditions.push(eb('e.size_class', '=', filters.sizeClass))
  if (filters.nace !== undefined) conditions.push(naceCondition(eb, filters.nace))
  if (filters.q !== undefined) {
    const pattern = `%${filters.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    conditions.push(
      eb.or([
        eb('e.name', 'ilike', pattern),
        eb('e.national_id', 'ilike', pattern),
        eb('e.address', 'ilike', pattern),
      ]),
    )
  }
  if (hasStreamFilter(filters)) {
    // the stream filters proper: not the year counted for notReportedFor (that year has none)
    const streamFilters = { ...filters, notReportedFor: undefined }
    conditions.push(
      eb.exists(
        eb
          .selectFrom('waste_streams as fw')
          .select(sql`1`.as('one'))
          .whereRef('fw.enterprise_id', '=', 'e.id')
          .where((w) => w.and(streamConditions(w, streamFilters))),
      ),
    )
  }
  if (filters.notReportedFor !== undefined) {
    // issue 12, "not reported for YEAR": no waste stream of that survey year at all
    conditions.push(
      eb.not(
        eb.exists(
          eb
            .selectFrom('waste_streams as fy')
            .select(sql`1`.as('one'))
            .whereRef('fy.enterprise_id', '=', 'e.id')
            .where('fy.survey_year', '=', filters.notReportedFor),
        ),
      ),
    )
  }
  return eb.and(conditions)
}

type StreamScope<A extends string> = ExpressionBuilder<DB & { [K in A]: DB['waste_streams'] }, A>

/**
 * The stream filters as conditions on waste_streams aliased `fw`; exported for the tiles, whose
 * totals count only the matching streams.
 */
export function streamConditions(eb: StreamScope<'fw'>, filters: SurveyFilters) {
  const conditions = []
  if (filters.ewc !== undefined) conditions.push(eb('fw.ewc_code', 'like', `${filters.ewc}%`))
  if (filters.hazardous !== undefined) conditions.push(eb('fw.hazardous', '=', filters.hazardous))
  if (filters.surveyYear !== undefined) conditions.push(eb('fw.survey_year', '=', filters.surveyYear))
  // not reported for a year, no other year asked: the figures are that year's (none), never a
  // sum of the other years (issue 12: a survey year is the unit of every tonnage)
  else if (filters.notReportedFor !== undefined)
    conditions.push(eb('fw.survey_year', '=', filters.notReportedFor))
  if (filters.byproduct !== undefined) conditions.push(eb('fw.offered_as_byproduct', '=', filters.byproduct))
  if (filters.route === 'unknown') conditions.push(eb('fw.route_code', 'is', null))
  else if (filters.route === 'R' || filters.route === 'D')
    conditions.push(eb('fw.route_code', 'like', `${filters.route}%`))
  else if (filters.route !== undefined) conditions.push(eb('fw.route_code', '=', filters.route))
  return conditions
}

/** A section letter matches its divisions' classes; digits match as a code prefix (23 → 23.51). */
function naceCondition(eb: EnterpriseScope, nace: string) {
  if (/^[A-U]$/.test(nace)) {
    return eb.exists(
      eb
        .selectFrom('nace_codes as fn')
        .select(sql`1`.as('one'))
        .whereRef('fn.code', '=', 'e.nace_code')
        .where('fn.section', '=', nace),
    )
  }
  return eb('e.nace_code', 'like', `${nace}%`)
}
