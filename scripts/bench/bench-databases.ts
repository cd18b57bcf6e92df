import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { type Database, openDatabase } from '../../server/src/db/database.js'
import { prepareDatabase } from '../../server/src/seed/index.js'
import { streamSyntheticCountry } from '../synth/generate.js'
import { loadSyntheticCountry, syntheticRowCounts } from '../synth/load.js'
import { resetSyntheticCountry } from '../synth/reset.js'

export type BenchDatabases = { postgres: Database; pglite: Database | undefined; close: () => Promise<void> }

/**
 * The benchmarks' databases, each holding the synthetic country (scripts/synth) with the asked
 * number of enterprises; loaded once and kept for the next run:
 * - PostgreSQL: BENCH_DATABASE_URL, default the `loopmap_bench` database on the local server
 *   (created when missing);
 * - PGlite: a data directory in the temp folder, one per size (skipped when the size is 0).
 */
export async function openBenchDatabases(sizes: {
  postgresEnterprises: number
  pgliteEnterprises: number
}): Promise<BenchDatabases> {
  const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/loopmap_bench'
  await createDatabaseIfMissing(url)
  const postgres = await openDatabase({ databaseUrl: url, dataDir: '' })
  await withSyntheticCountry(postgres, sizes.postgresEnterprises, url)
  let pglite: Database | undefined
  if (sizes.pgliteEnterprises > 0) {
    const dataDir = path.join(os.tmpdir(), `loopmap-bench-pglite-${sizes.pgliteEnterprises}`)
    pglite = await openDatabase({ databaseUrl: undefined, dataDir, onProgress: log })
    await withSyntheticCountry(pglite, sizes.pgliteEnterprises)
  }
  return {
    postgres,
    pglite,
    close: async () => {
      await postgres.close()
      await pglite?.close()
    },
  }
}

/**
 * The benchmarks' run: `bench` on PostgreSQL, then on PGlite when it has a size, each under a
 * heading that names the database and its number of synthetic enterprises.
 */
export async function benchEachDatabase(
  sizes: { postgresEnterprises: number; pgliteEnterprises: number },
  bench: (database: Database) => Promise<void>,
): Promise<void> {
  const { postgres, pglite, close } = await openBenchDatabases(sizes)
  try {
    console.log(`\n## PostgreSQL (${sizes.postgresEnterprises.toLocaleString('en')} synthetic enterprises)`)
    await bench(postgres)
    if (pglite) {
      console.log(`\n## PGlite (${sizes.pgliteEnterprises.toLocaleString('en')} synthetic enterprises)`)
      await bench(pglite)
    }
  } finally {
    await close()
  }
}

/** Loads the country streamed, as `npm run synth` does: by COPY on PostgreSQL (`copyUrl`). */
async function withSyntheticCountry(database: Database, enterprises: number, copyUrl?: string) {
  await prepareDatabase(database, { demo: false, log })
  const present = await syntheticRowCounts(database.db)
  if (present.enterprises === enterprises) return
  log(`[bench] loading ${enterprises.toLocaleString('en')} synthetic enterprises into ${database.kind}…`)
  if (present.enterprises > 0 || present.regions > 0) await resetSyntheticCountry(database.db)
  const started = performance.now()
  const report = await loadSyntheticCountry(database.db, streamSyntheticCountry({ enterprises }), {
    log,
    copyUrl,
  })
  log(
    `[bench] loaded ${report.enterprises} enterprises, ${report.wasteStreams} streams in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  )
}

/** Creates the database of `url` on its server when it does not exist yet. */
export async function createDatabaseIfMissing(url: string) {
  const target = new URL(url)
  const name = decodeURIComponent(target.pathname.slice(1))
  const admin = new URL(url)
  admin.pathname = '/postgres'
  const client = new pg.Client({ connectionString: admin.toString() })
  await client.connect()
  try {
    const exists = await client.query('select 1 from pg_database where datname = $1', [name])
    if (exists.rowCount === 0) await client.query(`create database "${name.replace(/"/g, '""')}"`)
  } finally {
    await client.end()
  }
}

function log(message: string) {
  console.error(message)
}
