import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { parseArgs } from 'node:util'
import { stringify } from 'csv-stringify/sync'
import { sql } from 'kysely'
import pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import { buildApp } from '../../server/src/app.js'
import { type ImportReport, importColumns } from '../../server/src/contract/imports.js'
import type { Database } from '../../server/src/db/database.js'
import { openBenchDatabases } from './bench-databases.js'
import { signedInHeaders, summarise, timed } from './tile-bench-helpers.js'

// `npm run bench:imports -- [--rows 50000] [--streams-per-enterprise 2] [--rounds 3] [--enterprises 10000]`
// Issue 14's loading target, "a 50,000-row import commits in ≤ 3 s", over HTTP (the app listening
// on a local port, the file POSTed as the raw body, as a real import, not a dry run), on a scratch
// PostgreSQL database holding a small synthetic country (BENCH_DATABASE_URL, default
// `loopmap_bench_imports`, created when missing; bench-databases.ts), so the region triggers have
// regions to find. Each round, alternated in one process:
// - cold: the file's enterprises removed first, so every row is new (enterprises and streams created);
// - re-import: the same file again, which must write nothing (every stream unchanged);
// - baseline: raw `COPY … FROM STDIN` of the same CSV into a temp table of text columns, on a
//   connection of its own, so the ratio says what the import costs on top of moving the bytes.
const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '50000' },
    'streams-per-enterprise': { type: 'string', default: '2' },
    rounds: { type: 'string', default: '3' },
    enterprises: { type: 'string', default: '10000' },
  },
})
const rowCount = Number(values.rows)
const streamsPerEnterprise = Number(values['streams-per-enterprise'])
const rounds = Number(values.rounds)
const targetMs = 3000
const prefix = 'BENCH-IMP-'

process.env.BENCH_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/loopmap_bench_imports'
const url = process.env.BENCH_DATABASE_URL
const bench = await openBenchDatabases({
  postgresEnterprises: Number(values.enterprises),
  pgliteEnterprises: 0,
})
const database = bench.postgres
const { db } = database

const csv = await surveyCsv(database)
const app = await buildApp({ database })
const address = await app.listen({ port: 0, host: '127.0.0.1' })
const headers = await signedInHeaders(app, db, 'admin')

console.log(
  `\n## Import over HTTP (PostgreSQL, ${rowCount.toLocaleString('en')} rows: ${(rowCount / streamsPerEnterprise).toLocaleString('en')} new enterprises × ${streamsPerEnterprise} streams, ${(csv.length / 1024 / 1024).toFixed(1)} MB CSV, ${rounds} rounds)`,
)
const cold: number[] = []
const again: number[] = []
const baseline: number[] = []
for (let round = 0; round < rounds; round++) {
  await removeImported()
  const first = await timed(() => postImport())
  expectReport(first.result, {
    enterprisesCreated: rowCount / streamsPerEnterprise,
    streamsCreated: rowCount,
  })
  cold.push(first.ms)
  const second = await timed(() => postImport())
  expectReport(second.result, { enterprisesCreated: 0, streamsCreated: 0, streamsUnchanged: rowCount })
  again.push(second.ms)
  baseline.push((await timed(() => copyBaseline())).ms)
  console.error(
    `[bench] round ${round + 1}: cold ${first.ms.toFixed(0)} ms, re-import ${second.ms.toFixed(0)} ms, COPY ${baseline.at(-1)?.toFixed(0)} ms`,
  )
}
await removeImported()
await app.close()
await bench.close()

const base = summarise(baseline).p50
console.log('\n| import | p50 ms | max ms | raw COPY p50 ms | p50 / COPY | target | result (p50) |')
console.log('|---|---|---|---|---|---|---|')
for (const [label, ms] of [
  ['cold: every row new', cold],
  ['re-import: nothing written', again],
] as const) {
  const p50 = summarise(ms).p50
  console.log(
    `| ${label} | ${p50.toFixed(0)} | ${Math.max(...ms).toFixed(0)} | ${base.toFixed(0)} | ${(p50 / base).toFixed(1)} | ≤ ${targetMs} ms | ${rowCount !== 50_000 ? 'n/a (the target is for 50,000 rows)' : p50 <= targetMs ? 'PASS' : 'MISS'} |`,
  )
}

/** Posts the file as a real import and answers its report; anything but 201 stops the bench. */
async function postImport(): Promise<ImportReport> {
  const response = await fetch(`${address}/api/imports`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'text/csv' },
    body: csv,
  })
  const body = await response.text()
  if (response.status !== 201) throw new Error(`import: ${response.status} ${body.slice(0, 500)}`)
  return JSON.parse(body) as ImportReport
}

function expectReport(report: ImportReport, expected: Partial<ImportReport>) {
  for (const [key, value] of Object.entries(expected)) {
    const actual = report[key as keyof ImportReport]
    if (actual !== value) throw new Error(`import report: ${key} is ${String(actual)}, expected ${value}`)
  }
}

/** The file's enterprises gone (their streams and memberships cascade), so the next import is cold. */
async function removeImported() {
  await sql`delete from enterprises where national_id like ${`${prefix}%`}`.execute(db)
  await sql`vacuum analyze enterprises, waste_streams, region_members`.execute(db)
}

/** The same CSV, COPYed as it is into a temp table of text columns: the least any import moves. */
async function copyBaseline() {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const columns = importColumns.map((c) => `"${c.name}" text`).join(', ')
    await client.query(`create temp table import_copy_baseline (${columns})`)
    await pipeline(
      Readable.from([csv]),
      client.query(copyFrom('copy import_copy_baseline from stdin with (format csv, header true)')),
    )
  } finally {
    await client.end()
  }
}

/**
 * The survey file: `rowCount` rows, `streamsPerEnterprise` streams for each new enterprise (its
 * columns repeated on each of its rows, as the template shows), sites a few hundred metres from
 * the synthetic enterprises, so inside the synthetic regions.
 */
async function surveyCsv({ db }: Database): Promise<string> {
  const sites = await sql<{ lon: number; lat: number }>`select ST_X(geom) as lon, ST_Y(geom) as lat
    from enterprises where national_id like 'SYN-%' order by id`.execute(db)
  const codes = await sql<{ code: string }>`select code from ewc_codes
    where level = 'entry' and not hazardous order by code`.execute(db)
  const nace = await sql<{
    code: string
  }>`select code from nace_codes where level = 'class' order by code`.execute(db)
  if (sites.rows.length === 0 || codes.rows.length < streamsPerEnterprise || nace.rows.length === 0)
    throw new Error('no synthetic country or catalogues')
  const header = importColumns.map((c) => c.name)
  const rows: string[][] = []
  const enterprises = rowCount / streamsPerEnterprise
  if (!Number.isInteger(enterprises)) throw new Error('--rows must be a multiple of --streams-per-enterprise')
  for (let e = 0; e < enterprises; e++) {
    const site = sites.rows[e % sites.rows.length] as { lon: number; lat: number }
    const at = { lon: site.lon + ((e % 7) - 3) * 0.002, lat: site.lat + ((e % 5) - 2) * 0.002 }
    for (let s = 0; s < streamsPerEnterprise; s++) {
      const cells: Record<string, string> = {
        name: `Bench Import Works ${e + 1}`,
        national_id: `${prefix}${String(e + 1).padStart(7, '0')}`,
        nace_code: (nace.rows[e % nace.rows.length] as { code: string }).code,
        size_class: ['micro', 'small', 'medium', 'large'][e % 4] as string,
        employees: String(5 + (e % 400)),
        address: `Bench road ${e + 1}`,
        lon: at.lon.toFixed(6),
        lat: at.lat.toFixed(6),
        ewc_code: (codes.rows[(e * streamsPerEnterprise + s) % codes.rows.length] as { code: string }).code,
        waste_description: `Bench waste ${s + 1}`,
        physical_state: 'solid',
        quantity: String(1 + ((e * 31 + s * 7) % 5000) / 10),
        unit: 't',
        period: 'year',
        basis: 'measured',
        route_code: 'R5',
        route_site: 'off_site',
        survey_year: '2024',
        offered_as_byproduct: s === 0 ? 'true' : 'false',
      }
      rows.push(header.map((h) => cells[h] ?? ''))
    }
  }
  return stringify([header, ...rows])
}
