import { type Kysely, sql } from 'kysely'
import type { OutletGapQuery, OutletGapResponse, OutletGapRow } from '../../contract/aggregates.js'
import { matchingStreams } from '../../db/enterprise-totals.js'
import type { DB } from '../../db/schema.js'
import { suppressTable, withheldLast } from './disclosure.js'
import { areaEnterprises, inYears, labels, regionsFor } from './queries.js'
import { type DisclosureSettings, filtersOf, type Viewer } from './service.js'

type GapRow = {
  chapter: string
  enterprise_count: number
  tonnes: number
  hazardous_t: number
  measured_t: number
  estimated_t: number
  calculated_t: number
  outlet_count: number
  capacity_t: number
  without_capacity: number
}

/**
 * Outlet gap (issue 5): per region and EWC chapter, the waste generated against the capacity of
 * the permits valid today held within `distanceKm` of the region that accept the chapter (an
 * empty accepted list accepts anything), and the tonnes left with no local outlet.
 */
export async function outletGap(
  db: Kysely<DB>,
  query: OutletGapQuery,
  viewer: Viewer,
  { minEnterprises }: DisclosureSettings,
): Promise<OutletGapResponse> {
  const { distanceKm, ...aggregate } = query
  const { yearFrom, yearTo } = query
  const filters = filtersOf(aggregate)
  const regions = await regionsFor(db, query)
  const applied = viewer.kind === 'public'
  const result: OutletGapResponse['regions'] = []
  for (const region of regions) {
    const rows =
      await sql<GapRow>`with area as (${areaEnterprises(db, { kind: 'region', regionId: region.id }, filters)}),
      generated as (
        select left(w.ewc_code, 2) as chapter, count(distinct w.enterprise_id)::int as enterprise_count,
          sum(w.tonnes)::float8 as tonnes,
          coalesce(sum(w.tonnes) filter (where w.hazardous), 0)::float8 as hazardous_t,
          coalesce(sum(w.tonnes) filter (where w.basis = 'measured'), 0)::float8 as measured_t,
          coalesce(sum(w.tonnes) filter (where w.basis = 'estimated'), 0)::float8 as estimated_t,
          coalesce(sum(w.tonnes) filter (where w.basis = 'calculated'), 0)::float8 as calculated_t
        from (${matchingStreams(db, filters)}) w join area a on a.id = w.enterprise_id
        where ${inYears({ yearFrom, yearTo })}
        group by left(w.ewc_code, 2)
      ),
      outlets as (
        select p.id, p.accepted_ewc, p.capacity_t_per_year
        from permits p
        join enterprises e on e.id = p.enterprise_id
        join regions r on r.id = ${region.id}
        where (p.valid_to is null or p.valid_to >= current_date)
          and (p.valid_from is null or p.valid_from <= current_date)
          and ST_DWithin(r.geom::geography, e.geom::geography, ${distanceKm * 1000}::float8)
      )
      select g.*, count(o.id)::int as outlet_count,
        coalesce(sum(o.capacity_t_per_year), 0)::float8 as capacity_t,
        count(o.id) filter (where o.capacity_t_per_year is null)::int as without_capacity
      from generated g
      left join outlets o on cardinality(o.accepted_ewc) = 0 or exists (
        select 1 from unnest(o.accepted_ewc) as a where g.chapter like a || '%' or a like g.chapter || '%')
      group by g.chapter, g.enterprise_count, g.tonnes, g.hazardous_t, g.measured_t, g.estimated_t, g.calculated_t
      order by g.tonnes desc, g.chapter`.execute(db)
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
    const shown = applied
      ? suppressTable(cells, (cell) => (cell.enterpriseCount ?? 0) < minEnterprises, false)
      : cells
    result.push({
      regionId: region.id,
      name: region.name,
      level: region.level,
      rows: withheldLast(
        rows.rows.map((row, i) => {
          const generated = shown[i] ?? cells[i]
          if (!generated) throw new Error('unreachable: one cell per row')
          const gapRow: OutletGapRow = {
            generated,
            outletCount: row.outlet_count,
            outletCapacityTonnesPerYear: row.capacity_t,
            outletsWithoutCapacity: row.without_capacity,
            noOutletTonnesPerYear: generated.suppressed ? null : Math.max(0, row.tonnes - row.capacity_t),
          }
          return { ...gapRow, key: generated.key, suppressed: generated.suppressed }
        }),
      ).map(({ key: _key, suppressed: _suppressed, ...gapRow }) => gapRow),
    })
  }
  return { distanceKm, regions: result, disclosure: { minEnterprises, applied } }
}
