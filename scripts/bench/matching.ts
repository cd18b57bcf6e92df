import { parseArgs } from 'node:util'
import { sql } from 'kysely'
import type { Database } from '../../server/src/db/database.js'
import { regionOpportunities } from '../../server/src/features/matching/opportunities.js'
import { findStreamMatches } from '../../server/src/features/matching/service.js'
import { benchEachDatabase } from './bench-databases.js'
import { summarise, timed } from './tile-bench-helpers.js'

// `npm run bench:matching -- [--enterprises 100000] [--streams 50] [--rounds 3] [--regions 12] [--pglite-enterprises 0]`
// On the synthetic country (scripts/synth): top-20 matches for by-product streams (p50/p95) against
// the bare ST_DWithin candidate query over the same radius in the same process, then the
// region-wide opportunity run per province against the per-stream engine looped over its streams
// (estimated from the per-stream p50). Ratios are what to compare across machines.
const { values } = parseArgs({
  options: {
    enterprises: { type: 'string', default: '100000' },
    'pglite-enterprises': { type: 'string', default: '0' },
    streams: { type: 'string', default: '50' },
    rounds: { type: 'string', default: '3' },
    regions: { type: 'string', default: '12' },
    'radius-km': { type: 'string', default: '200' },
  },
})
const radiusKm = Number(values['radius-km'])

await benchEachDatabase(
  {
    postgresEnterprises: Number(values.enterprises),
    pgliteEnterprises: Number(values['pglite-enterprises']),
  },
  bench,
)

async function bench(database: Database) {
  const { db } = database
  // a fixed, spread sample: by-product streams in hash order
  const sample = await sql<{
    id: number
  }>`select w.id from waste_streams w join enterprises e on e.id = w.enterprise_id
    where w.offered_as_byproduct and e.national_id like 'SYN-%' order by md5(w.id::text) limit ${Number(values.streams)}`.execute(
    db,
  )
  const streams = sample.rows.map((row) => row.id)
  const paths: Record<string, (id: number) => Promise<number>> = {
    'engine top-20': async (id) =>
      (await findStreamMatches(db, id, { radiusKm, limit: 20 })).candidates.length,
    'bare ST_DWithin': async (id) => {
      const result = await sql<{ n: number }>`select count(*)::int as n from enterprises r
        where ST_DWithin(r.geom::geography, (select e.geom from waste_streams w join enterprises e on e.id = w.enterprise_id
          where w.id = ${id})::geography, ${(radiusKm / 1.3) * 1000}::float8)`.execute(db)
      return result.rows[0]?.n ?? 0
    },
  }
  for (const id of streams) for (const path of Object.values(paths)) await path(id) // warm-up
  const samples: Record<string, { ms: number[]; counts: number[] }> = {}
  for (const name of Object.keys(paths)) samples[name] = { ms: [], counts: [] }
  for (let round = 0; round < Number(values.rounds); round++) {
    for (const id of streams) {
      for (const [name, path] of Object.entries(paths)) {
        const { ms, result } = await timed(() => path(id))
        samples[name]?.ms.push(ms)
        if (round === 0) samples[name]?.counts.push(result)
      }
    }
  }
  const base = summarise(samples['bare ST_DWithin']?.ms ?? [])
  console.log(
    `\n### Top-20 matches for ${streams.length} by-product streams, radius ${radiusKm} km by road\n`,
  )
  console.log('| path | p50 ms | p95 ms | mean rows | p50 / bare | p95 / bare |')
  console.log('|---|---|---|---|---|---|')
  for (const [name, s] of Object.entries(samples)) {
    const stats = summarise(s.ms)
    const rows = s.counts.reduce((sum, n) => sum + n, 0) / Math.max(1, s.counts.length)
    console.log(
      `| ${name} | ${stats.p50.toFixed(1)} | ${stats.p95.toFixed(1)} | ${rows.toFixed(0)} | ${(stats.p50 / base.p50).toFixed(2)} | ${(stats.p95 / base.p95).toFixed(2)} |`,
    )
  }
  const perStreamP50 = summarise(samples['engine top-20']?.ms ?? []).p50

  const regions = await sql<{ id: number; name: string }>`select id, name from regions
    where code like 'SYN-%' order by code limit ${Number(values.regions)}`.execute(db)
  console.log(`\n### Region-wide opportunity run (radius ${radiusKm} km, each open stream's best receiver)\n`)
  console.log('| region | streams considered | exchanges | ms | per-stream loop estimate ms | run / loop |')
  console.log('|---|---|---|---|---|---|')
  const runs: number[] = []
  for (const region of regions.rows) {
    const { ms, result } = await timed(() =>
      regionOpportunities(db, region.id, { radiusKm, limit: 200, rankBy: 'co2' }),
    )
    runs.push(ms)
    const loop = result.streamsConsidered * perStreamP50
    console.log(
      `| ${region.name} | ${result.streamsConsidered} | ${result.totals.exchanges} | ${ms.toFixed(0)} | ${loop.toFixed(0)} | ${(ms / loop).toFixed(3)} |`,
    )
  }
  const all = summarise(runs)
  console.log(
    `\nRegion runs: p50 ${all.p50.toFixed(0)} ms, p95 ${all.p95.toFixed(0)} ms over ${runs.length} regions`,
  )
}
