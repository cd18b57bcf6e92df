import type { Kysely } from 'kysely'
import type { ImportFormat, ImportReport } from '../../contract/imports.js'
import { recordAudit } from '../../domain/audit/record.js'
import { pgError } from '../../db/errors.js'
import { insertEnterprises } from '../../domain/enterprise/queries.js'
import type { DB } from '../../db/schema.js'
import {
  findEnterprisesByName,
  findEnterprisesByNationalId,
  insertImportBatch,
  insertWasteStreams,
  loadCatalogues,
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
/** Rows written per INSERT: a few thousand parameters, far below PostgreSQL's 65,535. */
const BATCH_ROWS = 1000

export type ImportUpload = {
  source: AsyncIterable<Buffer>
  filename?: string | undefined
  mediaType?: string | undefined
  dryRun: boolean
  maxBytes: number
}

/** Thrown inside the transaction to roll it back and carry the report out. */
class RollBack extends Error {}

/**
 * Reads, validates and writes one survey file, all or nothing: rows are parsed as they arrive,
 * written in batches inside one transaction, and the transaction is rolled back when any row is
 * bad or when it is a dry run (so a dry run reports exactly what a real import would create).
 */
export async function importSurvey(db: Kysely<DB>, upload: ImportUpload): Promise<ImportReport> {
  const limited = limitBytes(upload.source, upload.maxBytes)
  const { head, all } = await peekHead(limited, 4096)
  const declared = declaredFormat(upload.filename, upload.mediaType)
  const format = decideFormat(declared, head, upload.filename ?? upload.mediaType ?? 'no type')
  const filename = upload.filename ?? `upload.${format}`

  const report: Report = { errors: [], errorCount: 0, ignoredColumns: new Set() }
  const counts = { rows: 0, enterprisesCreated: 0, enterprisesMatched: 0, streamsCreated: 0 }
  const records = recordsOf(format, all, head, report)
  const summary = (committed: boolean, batchId?: number): ImportReport => ({
    ...(batchId === undefined ? {} : { batchId }),
    format,
    dryRun: upload.dryRun,
    committed,
    ...counts,
    errorCount: report.errorCount,
    errors: report.errors,
    ignoredColumns: [...report.ignoredColumns],
  })

  try {
    return await db.transaction().execute(async (trx) => {
      const context = newRowContext(await loadCatalogues(trx))
      let pending: ValidRow[] = []
      const flush = async () => {
        const rows = pending
        pending = []
        // after the first error nothing more is written: the transaction will be rolled back
        if (report.errorCount > 0 || rows.length === 0) return
        await writeRows(trx, rows, counts)
      }
      for await (const record of records) {
        counts.rows += 1
        const valid = validateRecord(record, context, report)
        if (valid) pending.push(valid)
        if (pending.length >= BATCH_ROWS) await flush()
      }
      await flush()
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

/** Matches or creates the enterprises of a batch of rows, then writes their streams. */
async function writeRows(
  trx: Kysely<DB>,
  rows: ValidRow[],
  counts: { enterprisesCreated: number; enterprisesMatched: number; streamsCreated: number },
) {
  const unresolved = [...new Set(rows.map((r) => r.enterprise))].filter((e) => e.id === undefined)
  await matchStored(trx, unresolved)
  const toCreate = unresolved.filter((e) => e.id === undefined)
  const ids = await insertEnterprises(
    trx,
    toCreate.map((e) => e.input),
  )
  toCreate.forEach((enterprise, i) => {
    enterprise.id = ids[i]
    enterprise.outcome = 'created'
  })
  counts.enterprisesCreated += toCreate.length
  counts.enterprisesMatched += unresolved.length - toCreate.length

  const streams = rows.flatMap((r) =>
    r.stream && r.enterprise.id !== undefined ? [{ enterpriseId: r.enterprise.id, stream: r.stream }] : [],
  )
  await insertWasteStreams(trx, streams)
  counts.streamsCreated += streams.length
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
      if (id !== undefined) Object.assign(enterprise, { id, outcome: 'matched' })
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
      if (match) Object.assign(enterprise, { id: match.id, outcome: 'matched' })
    }
  }
}
