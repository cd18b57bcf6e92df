import type { Kysely, Transaction } from 'kysely'
import type { Viewer } from '../../contract/accounts.js'
import type { ImportFormat, ImportReport, ImportRowOutcome } from '../../contract/imports.js'
import { recordAudit } from '../../domain/audit/record.js'
import { pgError } from '../../db/errors.js'
import { updateEnterpriseIn } from '../../domain/enterprise/write.js'
import { updateWasteStreamIn } from '../../domain/waste-stream/write.js'
import type { DB } from '../../db/schema.js'
import {
  type ImportAccess,
  importAccessOf,
  refuseMove,
  refuseNewSite,
  refuseStoredEnterprise,
} from './access.js'
import { enterpriseChanges, storedStreamsOf, streamChanges } from './identity.js'
import {
  findEnterpriseColumns,
  findEnterprisesByName,
  findEnterprisesByNationalId,
  findStreamsOf,
  insertImportBatch,
  drawEnterpriseIds,
  insertNewEnterprises,
  insertWasteStreams,
  loadCatalogues,
  type StoredStream,
} from './queries.js'
import {
  decideFormat,
  declaredFormat,
  detectDelimiter,
  limitBytes,
  peekHead,
  readCsv,
  readGeoJson,
  readXlsx,
} from './readers.js'
import {
  addError,
  distanceMetres,
  MAX_REPORTED_ERRORS,
  type FileEnterprise,
  featureRecords,
  nameKey,
  newRowContext,
  type RawRecord,
  type Report,
  SAME_SITE_METRES,
  sheetRecords,
  type ValidRow,
  validateRecord,
} from './rows.js'

/** The default upload limit of an import; the 413 answer names it. */
export const DEFAULT_IMPORT_LIMIT_BYTES = 50 * 1024 * 1024
/** Rows classified together: looked up in one query per rule (each binds one array). */
const BATCH_ROWS = 1000
/**
 * New rows written together, one INSERT … SELECT per table (queries.ts): larger sets than the
 * classification batches, so the per-statement costs (the membership trigger's join among them)
 * are paid a few times per file.
 */
const WRITE_ROWS = 10_000

export type ImportUpload = {
  source: AsyncIterable<Buffer>
  filename?: string | undefined
  mediaType?: string | undefined
  dryRun: boolean
  maxBytes: number
  /** Who imports: rows outside what they may write are errors (access.ts). */
  viewer: Viewer
}

/** Thrown inside the transaction to roll it back and carry the report out. */
class RollBack extends Error {}

/**
 * Reads, validates and writes one survey file, all or nothing: rows are parsed from `source`
 * (the route hands a read stream of the upload it spooled to disk first, spool.ts, so a slow
 * client never holds the transaction), written in batches inside one transaction, and the transaction is rolled back when any row is
 * bad or when it is a dry run (so a dry run reports exactly what a real import would create or change). A row naming a
 * stored stream updates it only where it differs, so the same file imported twice writes nothing.
 */
export async function importSurvey(db: Kysely<DB>, upload: ImportUpload): Promise<ImportReport> {
  const access = importAccessOf(upload.viewer)
  const limited = limitBytes(upload.source, upload.maxBytes)
  const { head, all } = await peekHead(limited, 4096)
  const declared = declaredFormat(upload.filename, upload.mediaType)
  const format = decideFormat(declared, head, upload.filename ?? upload.mediaType ?? 'no type')
  const filename = upload.filename ?? `upload.${format}`

  const report: Report = { errors: [], errorCount: 0, ignoredColumns: new Set() }
  const counts: Counts = {
    rows: 0,
    enterprisesCreated: 0,
    enterprisesMatched: 0,
    streamsCreated: 0,
    enterprisesUpdated: 0,
    streamsUpdated: 0,
    streamsUnchanged: 0,
  }
  const outcomes = newOutcomes()
  const records = recordsOf(format, all, head, report)
  const summary = (committed: boolean, batchId?: number): ImportReport => ({
    ...(batchId === undefined ? {} : { batchId }),
    format,
    dryRun: upload.dryRun,
    committed,
    ...counts,
    rowCounts: { ...outcomes.counts },
    rowOutcomes: [...outcomes.listed].sort((a, b) => a.row - b.row),
    errorCount: report.errorCount,
    errors: report.errors,
    ignoredColumns: [...report.ignoredColumns],
  })

  try {
    return await db.transaction().execute(async (trx) => {
      const context = newRowContext(await loadCatalogues(trx))
      const writes = newWrites()
      // The new rows of the batches classified so far are written while the next rows are read
      // and validated (the database and Node each have a core); every query of the transaction
      // still runs one after the other, as the write is awaited before the next batch's lookups.
      let writing: Promise<void> = Promise.resolve()
      const written = async () => {
        const previous = writing
        writing = Promise.resolve()
        await previous
      }
      let pending: ValidRow[] = []
      const flush = async () => {
        const rows = pending
        pending = []
        if (rows.length === 0) return
        await written()
        // after the first error rows are still classified, but nothing more is written: the
        // transaction will be rolled back
        await resolveRows(trx, access, rows, counts, outcomes, report, writes, report.errorCount === 0)
        if (writes.rows() >= WRITE_ROWS && report.errorCount === 0) {
          writing = writeNew(trx, writes.take())
          writing.catch(() => {}) // handled when awaited; the read goes on meanwhile
        }
      }
      try {
        for await (const record of records) {
          counts.rows += 1
          const valid = validateRecord(record, context, report)
          if (valid) pending.push(valid)
          else outcomes.add(errorOutcome(record.row))
          if (pending.length >= BATCH_ROWS) await flush()
        }
        await flush()
      } catch (error) {
        // never leave a write running on the connection while the transaction is ended
        await writing.catch(() => {})
        throw error
      }
      await written()
      if (report.errorCount === 0) await writeNew(trx, writes.take())
      if (counts.rows === 0 && report.errorCount === 0)
        addError(report, 1, null, null, 'the file has no data rows')
      if (report.errorCount > 0 || upload.dryRun) throw new RollBack()

      const batchId = await insertImportBatch(trx, {
        filename,
        format,
        status: 'committed',
        dryRun: false,
        rowCount: counts.rows,
        errorCount: 0,
        report: summary(true),
      })
      // A file that changes nothing leaves no audit record: the batch row says it was tried.
      const changed =
        counts.enterprisesCreated + counts.streamsCreated + counts.enterprisesUpdated + counts.streamsUpdated
      if (changed > 0)
        await recordAudit(trx, {
          userId: null,
          entity: 'import',
          entityId: batchId,
          action: 'create',
          before: null,
          after: { filename, ...summary(true, batchId) },
        })
      return summary(true, batchId)
    })
  } catch (error) {
    if (!(error instanceof RollBack)) {
      const fields = pgError(error)
      if (!fields) throw error
      // The rows were checked against the same rules first; a database refusal here means a
      // rule we did not foresee. Report it rather than answer 500.
      addError(
        report,
        counts.rows + 1,
        fields.column ?? null,
        null,
        `refused by the database: ${fields.detail ?? fields.constraint ?? fields.code}`,
      )
    }
  }
  const status = report.errorCount > 0 ? 'failed' : 'validated'
  const batchId = await insertImportBatch(db, {
    filename,
    format,
    status,
    dryRun: upload.dryRun,
    rowCount: counts.rows,
    errorCount: report.errorCount,
    report: summary(false),
  })
  return summary(false, batchId)
}

function recordsOf(
  format: ImportFormat,
  all: AsyncIterable<Buffer>,
  head: Buffer,
  report: Report,
): AsyncIterable<RawRecord> {
  if (format === 'csv') return sheetRecords(readCsv(all, detectDelimiter(head)), report)
  if (format === 'xlsx') return sheetRecords(readXlsx(all), report)
  return featureRecords(readGeoJson(all), report)
}

/** The new enterprises and streams classified but not yet written, in file order. */
function newWrites() {
  let enterprises: NewEnterprise[] = []
  let streams: NewStream[] = []
  return {
    enterprises: (more: NewEnterprise[]) => enterprises.push(...more),
    streams: (more: NewStream[]) => streams.push(...more),
    rows: () => enterprises.length + streams.length,
    take() {
      const taken = { enterprises, streams }
      enterprises = []
      streams = []
      return taken
    },
  }
}
type NewEnterprise = Parameters<typeof insertNewEnterprises>[1][number]
type NewStream = Parameters<typeof insertWasteStreams>[1][number]
type Writes = ReturnType<typeof newWrites>

/** The enterprises first: their streams refer to them. */
async function writeNew(trx: Transaction<DB>, { enterprises, streams }: ReturnType<Writes['take']>) {
  await insertNewEnterprises(trx, enterprises)
  await insertWasteStreams(trx, streams)
}

type Counts = {
  rows: number
  enterprisesCreated: number
  enterprisesMatched: number
  streamsCreated: number
  enterprisesUpdated: number
  streamsUpdated: number
  streamsUnchanged: number
}

/** Every row's outcome counted; the first MAX_REPORTED_ERRORS listed, like the errors. */
function newOutcomes() {
  const counts = { new: 0, updated: 0, unchanged: 0, error: 0 }
  const listed: ImportRowOutcome[] = []
  return {
    counts,
    listed,
    add(outcome: ImportRowOutcome) {
      counts[outcome.status] += 1
      if (listed.length < MAX_REPORTED_ERRORS) listed.push(outcome)
    },
  }
}
type Outcomes = ReturnType<typeof newOutcomes>

const errorOutcome = (row: number): ImportRowOutcome => ({
  row,
  status: 'error',
  changedFields: [],
  enterpriseMatch: null,
  streamMatch: null,
  streamId: null,
})

/**
 * Matches the enterprises of a batch of rows or draws ids for the new ones, finds the stored
 * stream each row names, updates the changed enterprises and streams (versioned and audited) and
 * queues the new enterprises and streams in `writes` (written as sets by writeNew); a row equal
 * to what is stored writes nothing. With `write` false (the file already has errors) rows are
 * only classified.
 */
async function resolveRows(
  trx: Transaction<DB>,
  access: ImportAccess,
  rows: ValidRow[],
  counts: Counts,
  outcomes: Outcomes,
  report: Report,
  writes: Writes,
  write: boolean,
) {
  const unresolved = [...new Set(rows.map((r) => r.enterprise))].filter((e) => e.match === undefined)
  await matchStored(trx, unresolved)
  await checkAccess(trx, access, unresolved)
  const allowed = unresolved.filter((e) => !e.refused)
  const toCreate = allowed.filter((e) => e.id === undefined)
  for (const enterprise of toCreate) enterprise.match = 'new'
  const matched = allowed.filter((e) => e.id !== undefined)
  counts.enterprisesCreated += toCreate.length
  counts.enterprisesMatched += matched.length

  // the enterprise's changes are reported on its first row, and written once
  const enterpriseFields = new Map<FileEnterprise, string[]>()
  if (matched.length > 0) {
    const stored = new Map(
      (
        await findEnterpriseColumns(
          trx,
          matched.map((e) => e.id as number),
        )
      ).map((r) => [r.id, r]),
    )
    for (const enterprise of matched) {
      const row = stored.get(enterprise.id as number)
      if (!row) continue
      const { fields, update } = enterpriseChanges(row, enterprise.input)
      if (fields.includes('location')) {
        const reason = await refuseMove(trx, access, row.id, enterprise.input.location.coordinates)
        if (reason) {
          enterprise.refused = { ...siteOf(enterprise), reason }
          continue
        }
      }
      enterpriseFields.set(enterprise, fields)
      if (fields.length === 0) continue
      counts.enterprisesUpdated += 1
      if (write) await updateEnterpriseIn(trx, row.id, update)
    }
  }
  if (write) {
    const ids = await drawEnterpriseIds(trx, toCreate.length)
    toCreate.forEach((enterprise, i) => {
      enterprise.id = ids[i]
      enterprise.outcome = 'created'
    })
    writes.enterprises(toCreate.map((e) => ({ id: e.id as number, input: e.input })))
  }

  // streams are only looked up for enterprises stored before this file: a stream this file
  // created cannot be named again by it (rows.ts refuses a stream given twice)
  const storedIds = [
    ...new Set(
      rows.filter((r) => r.stream && r.enterprise.match !== 'new').map((r) => r.enterprise.id as number),
    ),
  ]
  const storedStreams = new Map<number, StoredStream[]>()
  if (storedIds.length > 0) {
    for (const stream of await findStreamsOf(trx, storedIds)) {
      const list = storedStreams.get(stream.enterprise_id) ?? []
      list.push(stream)
      storedStreams.set(stream.enterprise_id, list)
    }
  }

  const toInsert: NewStream[] = []
  for (const row of rows) {
    const enterprise = row.enterprise
    if (enterprise.refused) {
      const { column, value, reason } = enterprise.refused
      addError(report, row.row, column, value, reason)
      outcomes.add(errorOutcome(row.row))
      continue
    }
    const enterpriseMatch = enterprise.match ?? 'new'
    const fields = enterprise.firstRow === row.row ? [...(enterpriseFields.get(enterprise) ?? [])] : []
    const outcome = (
      status: ImportRowOutcome['status'],
      streamMatch: ImportRowOutcome['streamMatch'],
      streamId: number | null = null,
    ) => outcomes.add({ row: row.row, status, changedFields: fields, enterpriseMatch, streamMatch, streamId })
    const enterpriseStatus = enterpriseMatch === 'new' ? 'new' : fields.length > 0 ? 'updated' : 'unchanged'

    if (!row.stream || !row.streamKey) {
      outcome(enterpriseStatus, 'no_stream')
      continue
    }
    const candidates =
      enterpriseMatch === 'new'
        ? []
        : storedStreamsOf(storedStreams.get(enterprise.id as number) ?? [], row.stream, row.streamKey)
    if (candidates.length > 1) {
      addError(
        report,
        row.row,
        row.streamKey.by === 'stream_ref' ? 'stream_ref' : 'waste_description',
        row.streamKey.value,
        `matches ${candidates.length} stored streams (${candidates.map((c) => c.id).join(', ')}) of enterprise ${enterprise.id}: merge or give them a stream_ref first`,
      )
      outcomes.add(errorOutcome(row.row))
      continue
    }
    const [stored] = candidates
    if (!stored) {
      counts.streamsCreated += 1
      if (write && enterprise.id !== undefined)
        toInsert.push({ enterpriseId: enterprise.id, stream: row.stream })
      outcome('new', 'new')
      continue
    }
    const changes = streamChanges(stored, row.stream)
    fields.push(...changes.fields)
    if (changes.fields.length === 0) {
      counts.streamsUnchanged += 1
      outcome(enterpriseStatus === 'updated' ? 'updated' : 'unchanged', row.streamKey.by, stored.id)
      continue
    }
    counts.streamsUpdated += 1
    if (write && report.errorCount === 0)
      await updateWasteStreamIn(trx, stored.enterprise_id, stored.id, stored.version, changes.columns)
    outcome('updated', row.streamKey.by, stored.id)
  }
  if (write && report.errorCount === 0) writes.streams(toInsert)
}

/**
 * Marks the enterprises the importing user may not write (a new site outside their regions, a
 * stored enterprise that is not a member of them): the direct routes would answer 403.
 */
async function checkAccess(trx: Kysely<DB>, access: ImportAccess, enterprises: FileEnterprise[]) {
  if (access.kind === 'everywhere') return
  for (const enterprise of enterprises) {
    if (enterprise.id === undefined) {
      const reason = await refuseNewSite(trx, access, enterprise.input.location.coordinates)
      if (reason) Object.assign(enterprise, { match: 'new', refused: { ...siteOf(enterprise), reason } })
      continue
    }
    const reason = await refuseStoredEnterprise(trx, access, enterprise.id)
    if (!reason) continue
    const byNationalId = enterprise.match === 'national_id'
    enterprise.refused = {
      column: byNationalId ? 'national_id' : 'name',
      value: byNationalId ? (enterprise.input.nationalId ?? null) : enterprise.input.name,
      reason,
    }
  }
}

/** The column and value of an enterprise's site in the file, for an error about it. */
function siteOf(enterprise: FileEnterprise) {
  return { column: enterprise.locationColumn, value: enterprise.input.location.coordinates.join(' ') }
}

/** Stored enterprises: by national_id, else by the same name within 50 m. */
async function matchStored(trx: Kysely<DB>, enterprises: FileEnterprise[]) {
  const withId = enterprises.filter((e) => e.input.nationalId)
  if (withId.length > 0) {
    const found = await findEnterprisesByNationalId(
      trx,
      withId.map((e) => e.input.nationalId as string),
    )
    const byNationalId = new Map(found.map((r) => [r.national_id, r.id]))
    for (const enterprise of withId) {
      const id = byNationalId.get(enterprise.input.nationalId ?? '')
      if (id !== undefined) Object.assign(enterprise, { id, outcome: 'matched', match: 'national_id' })
    }
  }
  const byName = enterprises.filter((e) => !e.input.nationalId)
  if (byName.length > 0) {
    const found = await findEnterprisesByName(trx, [...new Set(byName.map((e) => nameKey(e.input.name)))])
    for (const enterprise of byName) {
      const key = nameKey(enterprise.input.name)
      const match = found.find(
        (r) =>
          r.name_key === key &&
          distanceMetres([r.lon, r.lat], enterprise.input.location.coordinates) <= SAME_SITE_METRES,
      )
      if (match) Object.assign(enterprise, { id: match.id, outcome: 'matched', match: 'name_within_50m' })
    }
  }
}
