import { parseArgs } from 'node:util'
import { circle } from '@turf/circle'
import { sql } from 'kysely'
import { buildApp } from '../../server/src/app.js'
import { type Database, openDatabase } from '../../server/src/db/database.js'
import { openBenchDatabases } from './bench-databases.js'
import { officialHeaders, summarise, timed } from './tile-bench-helpers.js'

// `npm run bench:totals -- [--enterprises 1000000] [--rounds 3]`
// Issue 14's totals targets, over HTTP with keep-alive (the app listening on a local port, asked
// with fetch), on the synthetic country in PostgreSQL (BENCH_DATABASE_URL, bench-databases.ts):
// - cold: a fresh server (new app, new connection pool, `DISCARD ALL`), its first request;
// - repeated: the same request again on that server (the answer cache, answer-cache.ts);
// - baseline, side by side in the same rounds: the least SQL any such total needs, one sum and
//   one count of the area's streams of the year through the stored membership, run on the same
//   server's database, so the ratio says what the whole answer costs on top of it.
const { values } = parseArgs({
  options: {
    enterprises: { type: 'string', default: '1000000' },
    rounds: { type: 'string', default: '3' },
  },
})
const rounds = Number(values.rounds)
const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/loopmap_bench'
const bench = await openBenchDatabases({
  postgresEnterprises: Number(values.enterprises),
  pgliteEnterprises: 0,
})
const { db } = bench.postgres

type Request = { label: string; method: 'GET' | 'POST'; path: string; body?: unknown; regionIds: number[] }
type Target = { coldMs: number; repeatedMs?: number }

const regions = await sql<{ id: number; level: string; members: number }>`select r.id, r.level,
    (select count(*) from region_members m where m.region_id = r.id)::int as members
  from regions r where r.code like 'SYN%' order by members desc`.execute(db)
const provinces = regions.rows.filter((r) => r.level === 'admin1')
const largest = provinces[0]
const country = regions.rows.find((r) => r.level === 'country')
if (!largest || !country) throw new Error('no synthetic country: run npm run synth first')
const year = (await sql<{ y: number }>`select max(survey_year)::int as y from waste_streams`.execute(db))
  .rows[0]?.y
const centre = (
  await sql<{
    lon: number
    lat: number
  }>`select ST_X(ST_Centroid(geom)) as lon, ST_Y(ST_Centroid(geom)) as lat
    from regions where id = ${largest.id}`.execute(db)
).rows[0]
if (!centre || year === undefined) throw new Error('no survey data')
const drawn = circle([centre.lon, centre.lat], 30, { steps: 64, units: 'kilometers' }).geometry

const requests: [Request, Target][] = [
  [
    {
      label: `largest province (${largest.members.toLocaleString('en')} enterprises)`,
      method: 'GET',
      path: `/api/aggregates?regionId=${largest.id}`,
      regionIds: [largest.id],
    },
    { coldMs: 300, repeatedMs: 20 },
  ],
  [
    {
      label: 'largest province, EWC chapter 10, not hazardous',
      method: 'GET',
      path: `/api/aggregates?regionId=${largest.id}&ewc=10&hazardous=false`,
      regionIds: [largest.id],
    },
    { coldMs: 300, repeatedMs: 20 },
  ],
  [
    {
      label: `every region of admin1 (${provinces.length})`,
      method: 'GET',
      path: '/api/aggregates?level=admin1',
      regionIds: provinces.map((r) => r.id),
    },
    { coldMs: 2000 },
  ],
  [
    {
      label: 'the country',
      method: 'GET',
      path: `/api/aggregates?regionId=${country.id}`,
      regionIds: [country.id],
    },
    { coldMs: 1000 },
  ],
  [
    {
      label: 'a drawn 30 km circle',
      method: 'POST',
      path: '/api/aggregates/area',
      body: { geometry: { type: 'MultiPolygon', coordinates: [drawn.coordinates] }, filters: {} },
      regionIds: [],
    },
    { coldMs: 300, repeatedMs: 20 },
  ],
]

console.log(
  `\n## Totals over HTTP (PostgreSQL, ${Number(values.enterprises).toLocaleString('en')} synthetic enterprises, survey year ${year}, ${rounds} rounds)`,
)
console.log(
  '\n| request | cold p50 ms | cold max ms | repeated p95 ms | baseline SQL p50 ms | cold / baseline | target | result |',
)
console.log('|---|---|---|---|---|---|---|---|')
for (const [request, target] of requests) {
  const cold: number[] = []
  const repeated: number[] = []
  const baseline: number[] = []
  for (let round = 0; round < rounds; round++) {
    const server = await freshServer()
    try {
      cold.push((await timed(() => server.ask(request))).ms)
      for (let i = 0; i < 10; i++) repeated.push((await timed(() => server.ask(request))).ms)
    } finally {
      await server.close()
    }
    baseline.push((await timed(() => baselineSql(bench.postgres, request, year))).ms)
  }
  const coldP50 = summarise(cold).p50
  const coldMax = Math.max(...cold)
  const repeatedP95 = summarise(repeated).p95
  const base = summarise(baseline).p50
  const coldPass = coldMax <= target.coldMs
  const repeatedPass = target.repeatedMs === undefined || repeatedP95 <= target.repeatedMs
  const targetText = `cold ≤ ${target.coldMs} ms${target.repeatedMs === undefined ? '' : `, repeated ≤ ${target.repeatedMs} ms`}`
  console.log(
    `| ${request.label} | ${coldP50.toFixed(0)} | ${coldMax.toFixed(0)} | ${repeatedP95.toFixed(1)} | ${base.toFixed(0)} | ${(coldP50 / base).toFixed(2)} | ${targetText} | cold ${coldPass ? 'PASS' : 'MISS'}${target.repeatedMs === undefined ? '' : `, repeated ${repeatedPass ? 'PASS' : 'MISS'}`} |`,
  )
}
await bench.close()

/** A new server on its own pool, listening on a free local port, signed in as an official. */
async function freshServer() {
  const database = await openDatabase({ databaseUrl: url, dataDir: '' })
  await sql`discard all`.execute(database.db)
  const app = await buildApp({ database })
  const headers = await officialHeaders(app, database.db)
  const address = await app.listen({ port: 0, host: '127.0.0.1' })
  return {
    async ask(request: Request) {
      const response = await fetch(`${address}${request.path}`, {
        method: request.method,
        headers: {
          ...headers,
          ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: request.body === undefined ? null : JSON.stringify(request.body),
      })
      const body = await response.text()
      if (!response.ok) throw new Error(`${request.label}: ${response.status} ${body.slice(0, 300)}`)
      return body
    },
    async close() {
      await app.close()
      await database.close()
    },
  }
}

/** One sum and one count of the areas' streams of the year: what any such total must read. */
async function baselineSql({ db }: Database, request: Request, surveyYear: number) {
  if (request.regionIds.length === 0) {
    const body = request.body as { geometry: unknown }
    return sql`select count(distinct w.enterprise_id), sum(w.quantity_t_per_year)
      from enterprises e join waste_streams w on w.enterprise_id = e.id
      where ST_Covers(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(body.geometry)}), 4326), e.geom)
        and w.survey_year = ${surveyYear}`.execute(db)
  }
  return sql`select m.region_id, count(distinct w.enterprise_id), sum(w.quantity_t_per_year)
    from region_members m join waste_streams w on w.enterprise_id = m.enterprise_id
    where m.region_id = any(${request.regionIds}::int[]) and w.survey_year = ${surveyYear}
    group by m.region_id`.execute(db)
}
