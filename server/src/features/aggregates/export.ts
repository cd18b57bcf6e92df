import { stringify } from 'csv-stringify/sync'
import ExcelJS from 'exceljs'
import type { AggregateCell, AggregateResponse, aggregateTables } from '../../contract/aggregates.js'
import { escapeSpreadsheetText } from '../../contract/imports.js'

type TableName = (typeof aggregateTables)[number]
type Value = string | number | null
export type FlatTable = { columns: string[]; rows: Value[][] }

const columns = [
  'region_id',
  'region',
  'level',
  'survey_year',
  'key',
  'label',
  'enterprises',
  'tonnes_per_year',
  'hazardous_tonnes_per_year',
  'measured_tonnes',
  'estimated_tonnes',
  'calculated_tonnes',
  'suppressed',
]

/** One table of the response, one row per region and cell, with its survey year; suppressed figures stay empty. */
export function aggregateTable(response: AggregateResponse, table: TableName): FlatTable {
  const rows: Value[][] = []
  for (const { area, ...figures } of response.areas) {
    const cells: AggregateCell[] = table === 'totals' ? [figures.totals] : figures[table]
    for (const cell of cells) {
      rows.push([
        area.regionId,
        area.name,
        area.level,
        // every figure is one survey year's: the series' own year, else the area's survey year
        table === 'byYear' ? Number(cell.key) : figures.surveyYear,
        cell.key,
        cell.label,
        cell.enterpriseCount,
        cell.tonnesPerYear,
        cell.hazardousTonnesPerYear,
        cell.basis.measured,
        cell.basis.estimated,
        cell.basis.calculated,
        cell.suppressed,
      ])
    }
  }
  return { columns, rows }
}

/** CSV (BOM, CRLF, like the survey export) or XLSX; text escaped so spreadsheets never run it. */
export async function writeTable(table: FlatTable, format: 'csv' | 'xlsx'): Promise<Buffer> {
  const rows = table.rows.map((row) =>
    row.map((value) => (typeof value === 'string' ? escapeSpreadsheetText(value) : value)),
  )
  if (format === 'csv') {
    const text = stringify([table.columns, ...rows.map((row) => row.map((v) => (v === null ? '' : v)))], {
      record_delimiter: 'windows',
    })
    return Buffer.from(`\uFEFF${text}`, 'utf8')
  }
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('totals')
  sheet.addRow(table.columns)
  for (const row of rows) sheet.addRow(row)
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
