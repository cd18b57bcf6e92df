import { type Kysely, type RawBuilder, sql } from 'kysely'
import type { SurveyFilters } from '../../contract/survey-filters.js'
import type { DB } from '../../db/schema.js'
import { noisyTonnesSql } from '../disclosure/noise.js'
import { streamConditions, surveyFilterCondition } from './filters.js'

/**
 * The building blocks of every map and totals query: which enterprises match the survey filters,
 * and their tonnes over the streams that match. Shared by the tiles and the regional totals so a
 * figure on the map and in a table is the same sum.
 */

/** Enterprises (aliased columns of `enterprises e`) matching the filters, optionally in an area. */
export function filteredEnterprises(db: Kysely<DB>, filters: SurveyFilters, within?: RawBuilder<string>) {
  let query = db
    .selectFrom('enterprises as e')
    .select(['e.id', 'e.name', 'e.geom', 'e.nace_code', 'e.size_class', 'e.is_demo', 'e.region_id'])
    .where((eb) => surveyFilterCondition(eb, filters))
  if (within) query = query.where(sql<boolean>`e.geom && ${within}`)
  return query
}

/**
 * Streams matching the stream filters (EWC, hazardous, year, route, by-product). `noisy`: the
 * tonnes carry their enterprise's noise (domain/disclosure/noise.ts), for viewers who read
 * noisy figures; every public sum is built on this one column, so all outputs agree.
 */
export function matchingStreams(db: Kysely<DB>, filters: SurveyFilters, { noisy }: { noisy: boolean }) {
  const quantity = sql<number>`fw.quantity_t_per_year`
  return db
    .selectFrom('waste_streams as fw')
    .select([
      'fw.enterprise_id',
      'fw.ewc_code',
      'fw.hazardous',
      'fw.route_code',
      'fw.offered_as_byproduct',
      'fw.basis',
      'fw.survey_year',
      (noisy ? noisyTonnesSql(quantity, sql`fw.noise_factor`) : quantity).as('tonnes'),
    ])
    .where((eb) => eb.and(streamConditions(eb, filters)))
}

/**
 * Per-enterprise sums over `streams` (a relation with the columns of `matchingStreams`), as SQL
 * for a CTE. Tonnes with an R route count as recovered, with a D route as disposed.
 */
export function streamTotalsSql(streams: string): RawBuilder<unknown> {
  const s = sql.table(streams)
  return sql`select enterprise_id,
      count(*)::int as stream_count,
      coalesce(sum(tonnes), 0)::float8 as total_t,
      coalesce(sum(tonnes) filter (where hazardous), 0)::float8 as hazardous_t,
      coalesce(sum(tonnes) filter (where route_code like 'R%'), 0)::float8 as recovered_t,
      coalesce(sum(tonnes) filter (where route_code like 'D%'), 0)::float8 as disposed_t,
      coalesce(sum(tonnes) filter (where route_code is null), 0)::float8 as unrouted_t,
      bool_or(hazardous) as has_hazardous,
      bool_or(offered_as_byproduct) as offers_byproduct
    from ${s} group by enterprise_id`
}
