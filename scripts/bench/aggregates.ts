import { parseArgs } from 'node:util'
import { bbox as turfBbox } from '@turf/bbox'
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon'
import { circle } from '@turf/circle'
import { type Kysely, sql } from 'kysely'
import type { MultiPolygonGeometry } from '../../server/src/contract/geojson.js'
import type { Database } from '../../server/src/db/database.js'
import { stMultiPolygon } from '../../server/src/db/postgis.js'
import type { DB } from '../../server/src/db/schema.js'
import { aggregateDrawnArea, aggregateRegions } from '../../server/src/features/aggregates/service.js'
import { benchEachDatabase } from './bench-databases.js'
import { summarise, timed } from './tile-bench-helpers.js'

// `npm run bench:aggregates -- [--enterprises 100000] [--areas 20] [--rounds 3] [--pglite-enterprises 0]`
// Totals of a region and of a drawn area on the synthetic country, two ways: PostGIS decides
// which enterprises are inside (ST_Covers, indexed), or Node does (Turf booleanPointInPolygon
// over the points of the area's bounding box); both then sum the streams in SQL. The full API
// answer (every breakdown) is timed beside them. Ratios are against the PostGIS path.
const { values } = parseArgs({
  options: {
    enterprises: { type: 'string', default: '100000' },
    'pglite-enterprises': { type: 'string', default: '0' },
    areas: { type: 'string', default: '20' },
    rounds: { type: 'string', default: '3' },
  },
})
const rounds = Number(values.rounds)
await benchEachDatabase(
  {
    postgresEnterprises: Number(values.enterprises),
    pgliteEnterprises: Number(values['pglite-enterprises']),
  },
  bench,
)

type Area = { label: string; geometry: MultiPolygonGeometry; regionId?: number }
type Totals = { enterprises: number; tonnes: number }

async function bench(database: Database) {
  const { db } = database
  const regions = await sql<{ id: number; name: string; geometry: MultiPolygonGeometry }>`
    select id, name, ST_AsGeoJSON(geom)::json as geometry from regions where code like 'SYN-%' order by code`.execute(
    db,
  )
  const towns = await sql<{ lon: number; lat: number }>`select ST_X(geom) as lon, ST_Y(geom) as lat
    from enterprises where national_id like 'SYN-%' order by id`.execute(db)
  const drawn: Area[] = []
  const count = Number(values.areas)
  for (let i = 0; i < count; i++) {
    const centre = towns.rows[Math.floor((i * towns.rows.length) / count)]
    if (!centre) continue
    const radiusKm = 20 + ((i * 37) % 60)
    const polygon = circle([centre.lon, centre.lat], radiusKm, { steps: 48, units: 'kilometers' }).geometry
    drawn.push({
      label: `circle ${radiusKm} km`,
      geometry: {
        type: 'MultiPolygon',
        coordinates: [polygon.coordinates as MultiPolygonGeometry['coordinates'][number]],
      },
    })
  }
  const regionAreas = regions.rows.map((r) => ({ label: r.name, geometry: r.geometry, regionId: r.id }))
  console.log('\n| areas | path | p50 ms | p95 ms | p95 / PostGIS path | totals agree |')
  console.log('|---|---|---|---|---|---|')
  for (const [label, areas] of [
    [`${regionAreas.length} regions`, regionAreas],
    [`${drawn.length} drawn areas`, drawn],
  ] as const) {
    const samples: Record<string, number[]> = { 'PostGIS path': [], 'Turf path': [], 'full API answer': [] }
    let disagreements = 0
    for (let round = 0; round <= rounds; round++) {
      for (const area of areas) {
        const postgis = await timed(() => totalsWithPostgis(db, area.geometry))
        const turf = await timed(() => totalsWithTurf(db, area.geometry))
        const api = await timed(() =>
          area.regionId === undefined
            ? aggregateDrawnArea(
                db,
                { geometry: area.geometry, filters: {}, top: 10 },
                { seesSmallCells: true, minEnterprises: 3 },
              )
            : aggregateRegions(
                db,
                { regionId: [area.regionId], top: 10 },
                { seesSmallCells: true, minEnterprises: 3 },
              ),
        )
        if (round === 0) {
          // the first round warms caches; it checks the answers instead of timing them
          if (
            postgis.result.enterprises !== turf.result.enterprises ||
            Math.abs(postgis.result.tonnes - turf.result.tonnes) > 1e-6
          )
            disagreements++
          continue
        }
        samples['PostGIS path']?.push(postgis.ms)
        samples['Turf path']?.push(turf.ms)
        samples['full API answer']?.push(api.ms)
      }
    }
    const base = summarise(samples['PostGIS path'] ?? []).p95
    for (const [name, ms] of Object.entries(samples)) {
      const { p50, p95 } = summarise(ms)
      console.log(
        `| ${label} | ${name} | ${p50.toFixed(1)} | ${p95.toFixed(1)} | ${(p95 / base).toFixed(2)} | ${disagreements === 0 ? 'yes' : `${disagreements} differ`} |`,
      )
    }
  }
}

/** PostGIS decides membership: the indexed `&&` then ST_Covers, one statement with the sums. */
async function totalsWithPostgis(db: Kysely<DB>, geometry: MultiPolygonGeometry): Promise<Totals> {
  const result = await sql<Totals>`with area as (select ${stMultiPolygon(geometry)} as geom),
    inside as (select e.id from enterprises e, area where e.geom && area.geom and ST_Covers(area.geom, e.geom))
    select (select count(*) from inside)::int as enterprises,
      coalesce((select sum(quantity_t_per_year) from waste_streams where enterprise_id in (select id from inside)), 0)::float8 as tonnes`.execute(
    db,
  )
  return result.rows[0] ?? { enterprises: 0, tonnes: 0 }
}

/** Node decides membership: the bounding box's points come back, Turf tests each, SQL sums. */
async function totalsWithTurf(db: Kysely<DB>, geometry: MultiPolygonGeometry): Promise<Totals> {
  const [west, south, east, north] = turfBbox(geometry)
  const points = await sql<{
    id: number
    lon: number
    lat: number
  }>`select id, ST_X(geom) as lon, ST_Y(geom) as lat
    from enterprises where geom && ST_MakeEnvelope(${west}, ${south}, ${east}, ${north}, 4326)`.execute(db)
  const inside = points.rows.filter((p) => booleanPointInPolygon([p.lon, p.lat], geometry)).map((p) => p.id)
  const sums = await sql<{ tonnes: number }>`select coalesce(sum(quantity_t_per_year), 0)::float8 as tonnes
    from waste_streams where enterprise_id = any(${inside}::int[])`.execute(db)
  return { enterprises: inside.length, tonnes: sums.rows[0]?.tonnes ?? 0 }
}
