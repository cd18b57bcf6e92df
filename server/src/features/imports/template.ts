import { stringify } from 'csv-stringify/sync'
import ExcelJS from 'exceljs'
import { importColumns } from '../../contract/imports.js'

/**
 * The downloadable template: the header, one example enterprise with two waste streams (a
 * weighed one and a volume with its density), and in the XLSX a second sheet explaining each
 * column. Importing the template as it is succeeds; fixtures/import-template holds a copy.
 */
type Example = Record<string, string | number | boolean | null>

function exampleRows(): Example[] {
  const first: Example = Object.fromEntries(importColumns.map((c) => [c.name, c.example]))
  const second: Example = {
    ...first,
    ewc_code: '13 02 08*',
    waste_description: 'Used engine oil',
    physical_state: 'liquid',
    quantity: 3.2,
    unit: 'm3',
    period: 'month',
    density_t_per_m3: 0.88,
    frequency: 'regular',
    basis: 'estimated',
    route_code: 'R9',
    receiver_name: 'Example Oil Recovery',
    offered_as_byproduct: true,
  }
  return [first, second]
}

const cellOf = (value: string | number | boolean | null) => (value === null ? '' : String(value))

export function templateCsv(): string {
  const header = importColumns.map((c) => c.name)
  const rows = exampleRows().map((row) => header.map((name) => cellOf(row[name] ?? null)))
  return stringify([header, ...rows], { record_delimiter: 'windows' })
}

export async function templateXlsx(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  const survey = workbook.addWorksheet('survey')
  survey.addRow(importColumns.map((c) => c.name))
  for (const row of exampleRows()) survey.addRow(importColumns.map((c) => row[c.name] ?? null))
  survey.getRow(1).font = { bold: true }
  survey.views = [{ state: 'frozen', ySplit: 1 }]
  // NACE and EWC codes as text, so a spreadsheet never turns 10 13 06 or 23.50 into a number
  for (const name of ['national_id', 'nace_code', 'ewc_code']) {
    survey.getColumn(importColumns.findIndex((c) => c.name === name) + 1).numFmt = '@'
  }
  const help = workbook.addWorksheet('columns')
  help.addRow(['column', 'required', 'meaning'])
  help.getRow(1).font = { bold: true }
  for (const c of importColumns) help.addRow([c.name, c.required ? 'yes' : 'no', c.description])
  help.getColumn(3).width = 100
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
