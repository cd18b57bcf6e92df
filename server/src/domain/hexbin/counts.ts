import { type RawBuilder, sql } from 'kysely'
import type { SurveyFilters } from '../../contract/survey-filters.js'
import type { Db } from '../../db/database.js'
import { stIntersects } from '../../db/postgis.js'
import { filteredEnterprises, matchingStreams } from '../survey/enterprise-totals.js'

/**
 * Matching enterprises binned into a world-aligned hexagon grid (ST_HexagonGrid in EPSG:3857,
 * `size` the circumradius in projected metres), as a relation (i, j, n, total_t, hazardous_t).
 * Each enterprise falls in exactly one hexagon. Shared by the hexbin tiles and the density API.
 * `noisy`: the tonnes of the public (domain/disclosure/noise.ts).
 */
export function hexbinCounts(
  db: Db,
  filters: SurveyFilters,
  size: number,
  within: RawBuilder<string>,
  { noisy }: { noisy: boolean },
): RawBuilder<unknown> {
  return sql`with binned as (
      select s.id, h.i, h.j
      from (select e.id, ST_Transform(e.geom, 3857) as p from (${filteredEnterprises(db, filters, within)}) e) s
      cross join lateral (
        select hex.i, hex.j from ST_HexagonGrid(${size}::float8, s.p) as hex
        where ${stIntersects(sql`hex.geom`, sql`s.p`)} order by hex.i, hex.j limit 1
      ) h
    ),
    tonnes as (
      select b.i, b.j, sum(w.tonnes)::float8 as total_t,
        coalesce(sum(w.tonnes) filter (where w.hazardous), 0)::float8 as hazardous_t
      from binned b join (${matchingStreams(db, filters, { noisy })}) w on w.enterprise_id = b.id
      group by b.i, b.j
    )
    select c.i, c.j, c.n, coalesce(t.total_t, 0) as total_t, coalesce(t.hazardous_t, 0) as hazardous_t
    from (select i, j, count(*)::int as n from binned group by i, j) c
    left join tonnes t on t.i = c.i and t.j = c.j`
}

/** The hexagon (i, j) of that grid, in EPSG:3857. */
export function stHexagon(size: number, i: RawBuilder<unknown>, j: RawBuilder<unknown>): RawBuilder<string> {
  return sql<string>`ST_SetSRID(ST_Hexagon(${size}::float8, ${i}, ${j}), 3857)`
}
