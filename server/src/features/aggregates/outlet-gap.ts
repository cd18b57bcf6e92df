import type { Kysely } from 'kysely'
import type { OutletGapQuery, OutletGapResponse, OutletGapRow } from '../../contract/aggregates.js'
import type { Disclosure } from '../../contract/disclosure.js'
import type { DB } from '../../db/schema.js'
import { readsNoise, roundPublic } from '../../domain/disclosure/noise.js'
import { roundCell, suppressTable, withheldLast } from './disclosure.js'
import { latestSurveyYear } from '../../domain/survey/years.js'
import { regionsFor } from '../../domain/region/queries.js'
import { areaEnterprises } from '../../domain/survey/area-enterprises.js'
import { labels, outletGapSql } from './queries.js'
import { filtersOf } from './service.js'

/**
 * Outlet gap (issue 5): per region and EWC chapter, the waste generated in one survey year against the capacity of
 * the permits valid today held within `distanceKm` of the region that accept the chapter (an
 * empty accepted list accepts anything), and the tonnes left with no local outlet.
 */
export async function outletGap(
  db: Kysely<DB>,
  query: OutletGapQuery,
  disclosure: Disclosure,
): Promise<OutletGapResponse> {
  const { seesSmallCells, minEnterprises } = disclosure
  const noise = { noisy: readsNoise(disclosure) }
  // the public's figures rounded (their generated tonnes are noisy already: matchingStreams)
  const shown = noise.noisy ? roundPublic : (tonnes: number) => tonnes
  const { distanceKm, ...aggregate } = query
  const { year, yearFrom, yearTo } = query
  const filters = filtersOf(aggregate)
  const regions = await regionsFor(db, query)
  const applied = !seesSmallCells
  const result: OutletGapResponse['regions'] = []
  for (const region of regions) {
    // one survey year: the chosen one, else the region's latest with data in the range
    const scope = { kind: 'region', regionId: region.id } as const
    const surveyYear =
      year ?? (await latestSurveyYear(db, areaEnterprises(db, scope, filters), filters, { yearFrom, yearTo }))
    const only = surveyYear ?? 0 // no data: no year, and no rows
    const rows = await outletGapSql(
      db,
      region.id,
      filters,
      { yearFrom: only, yearTo: only },
      distanceKm,
      noise,
    ).execute(db)
    const names = await labels(
      db,
      rows.rows.map((row) => row.chapter),
      [],
    )
    const cells = rows.rows.map((row) => ({
      key: row.chapter,
      label: names.get(`ewc:${row.chapter}`) ?? null,
      enterpriseCount: row.enterprise_count,
      tonnesPerYear: row.tonnes,
      hazardousTonnesPerYear: row.hazardous_t,
      basis: { measured: row.measured_t, estimated: row.estimated_t, calculated: row.calculated_t },
      suppressed: null,
    }))
    const published = applied
      ? suppressTable(cells, (cell) => (cell.enterpriseCount ?? 0) < minEnterprises, false).map(roundCell)
      : cells
    result.push({
      regionId: region.id,
      name: region.name,
      level: region.level,
      surveyYear,
      rows: withheldLast(
        rows.rows.map((row, i) => {
          const generated = published[i] ?? cells[i]
          if (!generated) throw new Error('unreachable: one cell per row')
          // a capacity summed over fewer than k permit holders is theirs: withheld from the
          // public, with the gap that would give it back (generated − capacity)
          const capacityHidden = applied && row.capacity_holders > 0 && row.capacity_holders < minEnterprises
          const gapRow: OutletGapRow = {
            generated,
            outletCount: row.outlet_count,
            outletCapacityTonnesPerYear: capacityHidden ? null : shown(row.capacity_t),
            outletsWithoutCapacity: row.without_capacity,
            noOutletTonnesPerYear:
              generated.suppressed || capacityHidden ? null : shown(Math.max(0, row.tonnes - row.capacity_t)),
          }
          return { ...gapRow, key: generated.key, suppressed: generated.suppressed }
        }),
      ).map(({ key: _key, suppressed: _suppressed, ...gapRow }) => gapRow),
    })
  }
  return { distanceKm, regions: result, disclosure: { minEnterprises, applied } }
}
