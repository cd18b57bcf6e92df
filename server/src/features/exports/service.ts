import { PassThrough, Readable } from 'node:stream'
import { stringify } from 'csv-stringify/sync'
import ExcelJS from 'exceljs'
import type { Kysely } from 'kysely'
import type { SurveyFilters } from '../../contract/survey-filters.js'
import { escapeSpreadsheetText, importColumns } from '../../contract/imports.js'
import type { DB } from '../../db/schema.js'
import { type ExportValue, toExportRecord } from './mappers.js'
import { type ExportCursor, exportPage } from './queries.js'

const PAGE_ROWS = 5000

/** The export records page by page, so memory holds one page whatever the size of the survey. */
export async function* exportRecords(db: Kysely<DB>, filters: SurveyFilters) {
  let after: ExportCursor | undefined
  while (true) {
    const rows = await exportPage(db, filters, after, PAGE_ROWS)
    if (rows.length > 0) yield rows.map(toExportRecord)
    const last = rows[rows.length - 1]
    if (!last || rows.length < PAGE_ROWS) return
    after = { enterpriseId: last.enterprise_id, streamId: last.stream_id }
  }
}

const columnNames = importColumns.map((c) => c.name)

/** Text goes out escaped (no spreadsheet formulas); numbers and booleans as they are. */
function spreadsheetCell(value: ExportValue): ExportValue {
  return typeof value === 'string' ? escapeSpreadsheetText(value) : value
}

/** CSV with a BOM (so spreadsheets read UTF-8) and CRLF, the import's own columns. */
export function exportCsv(db: Kysely<DB>, filters: SurveyFilters): Readable {
  async function* lines() {
    yield `\uFEFF${stringify([columnNames], { record_delimiter: 'windows' })}`
    for await (const page of exportRecords(db, filters)) {
      const rows = page.map((record) =>
        columnNames.map((name) => cellText(spreadsheetCell(record[name] ?? null))),
      )
      yield stringify(rows, { record_delimiter: 'windows' })
    }
  }
  return Readable.from(lines())
}

function cellText(value: ExportValue): string {
  return value === null ? '' : String(value)
}

/** XLSX written by exceljs' streaming writer: numbers as number cells, text escaped. */
export function exportXlsx(db: Kysely<DB>, filters: SurveyFilters): Readable {
  const output = new PassThrough()
  const write = async () => {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: output,
      useSharedStrings: false,
      useStyles: false,
    })
    const sheet = workbook.addWorksheet('survey')
    sheet.addRow(columnNames).commit()
    for await (const page of exportRecords(db, filters)) {
      for (const record of page)
        sheet.addRow(columnNames.map((name) => spreadsheetCell(record[name] ?? null))).commit()
    }
    sheet.commit()
    await workbook.commit()
  }
  write().catch((error: unknown) => output.destroy(error instanceof Error ? error : new Error(String(error))))
  return output
}

/** A FeatureCollection of Points; the properties are the import columns without lon/lat. */
export function exportGeoJson(db: Kysely<DB>, filters: SurveyFilters): Readable {
  async function* chunks() {
    yield '{"type":"FeatureCollection","features":['
    let first = true
    for await (const page of exportRecords(db, filters)) {
      const features = page.map((record) => {
        const { lon, lat, ...properties } = record
        return JSON.stringify({
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [lon, lat] },
          properties,
        })
      })
      yield `${first ? '\n' : ',\n'}${features.join(',\n')}`
      first = false
    }
    yield '\n]}\n'
  }
  return Readable.from(chunks())
}
