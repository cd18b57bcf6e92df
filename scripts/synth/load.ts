import { type Kysely, sql, type Transaction } from 'kysely'
import { stMultiPolygon } from '../../server/src/db/postgis.js'
import type { DB } from '../../server/src/db/schema.js'
import { countryCode, provinceCodePrefix } from './country.js'
import type {
  SyntheticCountry,
  SyntheticCountryStream,
  SyntheticEnterpriseRows,
  SyntheticPermit,
  SyntheticResourceNeed,
  SyntheticRow,
  SyntheticWasteStream,
} from './generate.js'
import { nationalIdPrefix, streamOf } from './generate.js'
import { copyBackend } from './load-copy.js'
import { insertBackend } from './load-insert.js'
import type { BatchWriter, LoadBackend } from './load-writer.js'

export type LoadOptions = {
  log?: (message: string) => void
  /**
   * PostgreSQL's URL, to load with COPY FROM STDIN on a connection of its own. Without it the rows
   * go through `db` as multi-row INSERTs: the embedded database has no COPY from a client stream.
   */
  copyUrl?: string | undefined
  /** Enterprises, with their waste streams, per transaction: a failure loses at most one. */
  enterprisesPerCommit?: number
  /** Rows per COPY or INSERT statement, and so the most rows of a table held in memory at once. */
  chunkSize?: number
}

export type LoadReport = {
  regions: number
  enterprises: number
  wasteStreams: number
  permits: number
  resourceNeeds: number
  /** Transactions committed, the regions' included. */
  commits: number
  /** Wall time of each step, in milliseconds (generating the rows included). */
  timings: Record<'regions' | 'enterprisesAndStreams' | 'permitsAndNeeds' | 'analyze', number>
}

/**
 * Loads a generated country as it is generated, holding one chunk of rows at a time: the regions
 * first in a transaction of their own, then the enterprises and their streams committed every
 * `enterprisesPerCommit` enterprises, then the permits and needs (drawn from all enterprises, so
 * they come last). Every trigger runs, so region_id, the region memberships and hazardous are
 * derived exactly as for surveyed data, and every commit bumps the data revision. A failure
 * leaves the committed batches in place: resetSyntheticCountry removes them. Refuses to load over
 * an earlier synthetic load.
 */
export async function loadSyntheticCountry(
  db: Kysely<DB>,
  data: SyntheticCountryStream | SyntheticCountry,
  { log = () => {}, copyUrl, enterprisesPerCommit = 100_000, chunkSize = 10_000 }: LoadOptions = {},
): Promise<LoadReport> {
  if (!(enterprisesPerCommit >= 1 && chunkSize >= 1)) throw new Error('batch sizes must be ≥ 1')
  const country = 'rows' in data ? data : streamOf(data)
  const present = await syntheticRowCounts(db)
  if (present.enterprises > 0 || present.regions > 0)
    throw new Error(
      `synthetic data is already loaded (${present.enterprises} enterprises, ${present.regions} regions): reset it first`,
    )
  const report: LoadReport = {
    regions: country.regions.length,
    enterprises: 0,
    wasteStreams: 0,
    permits: 0,
    resourceNeeds: 0,
    commits: 0,
    timings: { regions: 0, enterprisesAndStreams: 0, permitsAndNeeds: 0, analyze: 0 },
  }
  const timed = async (step: keyof LoadReport['timings'], work: () => Promise<void>) => {
    const start = performance.now()
    await work()
    report.timings[step] = Math.round(performance.now() - start)
    log(`  ${step}: ${(report.timings[step] / 1000).toFixed(1)} s`)
  }

  await timed('regions', () => db.transaction().execute((trx) => insertRegions(trx, country)))
  report.commits += 1
  const backend = copyUrl ? await copyBackend(copyUrl) : insertBackend(db, chunkSize)
  try {
    const rows = peekable(country.rows)
    // generation index → database id; 4 bytes an enterprise, for the permits and needs at the end
    const ids = new Int32Array(country.enterprises)
    await timed('enterprisesAndStreams', async () => {
      const chunks = enterpriseChunks(rows, chunkSize, enterprisesPerCommit)
      // one chunk ahead: the next is generated while the database writes this one (PostgreSQL
      // works on its own core meanwhile); a failure of either ends the batch's transaction
      let next = prefetch(chunks)
      for (let first = await next; !first.done; first = await next) {
        let chunk: EnterpriseChunk = first.value
        await backend.transaction(async (writer) => {
          for (;;) {
            next = prefetch(chunks)
            await writeChunk(writer, chunk, ids, report)
            if (chunk.lastOfBatch) return
            const following = await next
            if (following.done) return
            chunk = following.value
          }
        })
        report.commits += 1
        log(
          `    committed ${report.enterprises} / ${country.enterprises} enterprises, ${report.wasteStreams} streams`,
        )
      }
    })
    await timed('permitsAndNeeds', () => loadPermitsAndNeeds(backend, rows, ids, chunkSize, report))
  } finally {
    await backend.close()
  }
  // fresh statistics, so benchmarks that follow get the plans they would get in production
  await timed('analyze', async () => {
    await sql`analyze regions, enterprises, waste_streams, permits, resource_needs, region_members`.execute(
      db,
    )
  })
  return report
}

type EnterpriseChunk = {
  rows: SyntheticEnterpriseRows[]
  streams: SyntheticWasteStream[]
  /** The last chunk of its transaction. */
  lastOfBatch: boolean
}

/** Rows generated per turn of the event loop: the socket gets written between turns. */
const rowsPerTurn = 500

/**
 * The enterprises in chunks of `chunkSize`, none across a commit. Built a few hundred rows per
 * turn of the event loop, so that the COPY of the chunk before keeps flowing to the database.
 */
async function* enterpriseChunks(
  rows: Peekable,
  chunkSize: number,
  enterprisesPerCommit: number,
): AsyncGenerator<EnterpriseChunk, void, undefined> {
  let count = 0
  while (rows.enterprise()) {
    const chunk: EnterpriseChunk = { rows: [], streams: [], lastOfBatch: false }
    for (let row = rows.enterprise(); row; row = rows.enterprise()) {
      chunk.rows.push(row)
      for (const stream of row.wasteStreams) chunk.streams.push(stream)
      rows.advance()
      count += 1
      if (count % enterprisesPerCommit === 0) chunk.lastOfBatch = true
      if (chunk.lastOfBatch || chunk.rows.length >= chunkSize) break
      if (count % rowsPerTurn === 0) await new Promise((resolve) => setImmediate(resolve))
    }
    if (!rows.enterprise()) chunk.lastOfBatch = true
    yield chunk
  }
}

/** The next chunk, already on its way; a failure is reported where it is awaited, not as unhandled. */
function prefetch(chunks: AsyncGenerator<EnterpriseChunk, void, undefined>) {
  const next = chunks.next()
  next.catch(() => {})
  return next
}

async function writeChunk(writer: BatchWriter, chunk: EnterpriseChunk, ids: Int32Array, report: LoadReport) {
  const chunkIds = await writer.enterpriseIds(chunk.rows.length)
  chunk.rows.forEach((row, i) => {
    ids[row.index] = chunkIds[i] ?? 0
  })
  await writer.enterprises(chunk.rows, chunkIds)
  await writer.wasteStreams(chunk.streams, ids)
  report.enterprises += chunk.rows.length
  report.wasteStreams += chunk.streams.length
}

/** The permits, then the needs, that follow the enterprises: one transaction, written by chunks. */
async function loadPermitsAndNeeds(
  backend: LoadBackend,
  rows: Peekable,
  ids: Int32Array,
  chunkSize: number,
  report: LoadReport,
) {
  if (rows.done()) return
  await backend.transaction(async (writer) => {
    let permits: SyntheticPermit[] = []
    let needs: SyntheticResourceNeed[] = []
    const flush = async () => {
      await writer.permits(permits, ids)
      await writer.resourceNeeds(needs, ids)
      report.permits += permits.length
      report.resourceNeeds += needs.length
      permits = []
      needs = []
    }
    for (let row = rows.take(); row; row = rows.take()) {
      if (row.kind === 'permit') permits.push(row.permit)
      else if (row.kind === 'need') needs.push(row.need)
      else throw new Error('an enterprise after the permits and needs')
      if (permits.length + needs.length >= chunkSize) await flush()
    }
    await flush()
  })
  report.commits += 1
}

type Peekable = ReturnType<typeof peekable>

/** The generator with a look at its next row: a batch ends where the enterprises end. */
function peekable(rows: Iterator<SyntheticRow, void, undefined>) {
  let head = rows.next()
  return {
    done: () => head.done === true,
    enterprise: (): (SyntheticRow & { kind: 'enterprise' }) | undefined =>
      !head.done && head.value.kind === 'enterprise' ? head.value : undefined,
    advance: () => {
      head = rows.next()
    },
    take: (): SyntheticRow | undefined => {
      if (head.done) return undefined
      const row = head.value
      head = rows.next()
      return row
    },
  }
}

/** Synthetic rows already in the database, found by their prefixes. */
export async function syntheticRowCounts(db: Kysely<DB>) {
  const row = await sql<{ enterprises: number; regions: number }>`
    select (select count(*) from enterprises where national_id like ${`${nationalIdPrefix}%`})::int as enterprises,
           (select count(*) from regions where code = ${countryCode} or code like ${`${provinceCodePrefix}%`})::int as regions
  `.execute(db)
  return row.rows[0] ?? { enterprises: 0, regions: 0 }
}

async function insertRegions(trx: Transaction<DB>, country: SyntheticCountryStream) {
  const idByCode = new Map<string, number>()
  // parents come first in country.regions (the country, then its provinces)
  for (const region of country.regions) {
    const parentId = region.parentCode === null ? null : idByCode.get(region.parentCode)
    if (parentId === undefined)
      throw new Error(`synthetic region ${region.code}: parent not loaded before it`)
    const { id } = await trx
      .insertInto('regions')
      .values({
        name: region.name,
        level: region.level,
        code: region.code,
        parent_id: parentId,
        geom: stMultiPolygon(region.geometry),
        is_demo: true,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    idByCode.set(region.code, id)
  }
}
