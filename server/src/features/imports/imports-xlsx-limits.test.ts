import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { testDatabase } from '../../../test/database.js'
import { testArea } from '../../../test/factories.js'
import { countInArea, importRow } from '../../../test/factories-imports.js'
import { appPerFile } from '../../../test/test-app.js'
import { bombs, repeated, rowXml, xlsxOf } from '../../../test/xlsx-files.js'
import { importColumns, importMediaTypes, type ImportReport } from '../../contract/imports.js'
import { IMPORT_FILE_LIMITS } from './readers.js'

/**
 * Issue 13: "a 312 KB XLSX whose first shared string is 300 MB → 500 after 8.7 s, memory
 * 185 → 1,497 MB, the 300 MB string copied into the saved report; a 1 GiB-whitespace sheet peaks
 * at 1.6 GB, a 2M-row sheet at 2.8 GB for 133 s". Limits are checked before parsing finishes.
 */
const app = appPerFile()

const postXlsx = (file: Buffer, query = '') =>
  app().inject({
    method: 'POST',
    url: `/api/imports${query}`,
    payload: file,
    headers: { 'content-type': importMediaTypes.xlsx },
  })

const MB = 1024 * 1024
const partLimitMb = IMPORT_FILE_LIMITS.partBytes / MB

async function batchCount() {
  const { db } = await testDatabase()
  const row = await db
    .selectFrom('import_batches')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

describe('XLSX limits', () => {
  it('the 300 MB shared-string bomb: 413 before inflating it, fast, nothing stored', async () => {
    const file = await bombs.sharedString(300)
    expect(file.length).toBeLessThan(2 * MB) // a few hundred KB, as in the issue
    const batches = await batchCount()
    const rssBefore = process.memoryUsage().rss
    const started = performance.now()
    const response = await postXlsx(file)
    const seconds = (performance.now() - started) / 1000
    expect(response.statusCode, response.body).toBe(413)
    expect(response.json().error.message).toBe(`xl/sharedStrings.xml expands to more than ${partLimitMb} MB`)
    expect(seconds).toBeLessThan(3)
    // the whole string would be 300 MB (600 MB as a JS string); well under that was ever held
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(150 * MB)
    expect(await batchCount()).toBe(batches)
  })

  it('a 100 MB shared string within the part limit: 413 at its first 32,767 characters', async () => {
    const response = await postXlsx(await bombs.sharedString(100))
    expect(response.statusCode).toBe(413)
    expect(response.json().error.message).toBe('shared string 1 holds more than 32,767 characters')
  })

  it('a part whose declared size passes the limit is refused before inflating, naming the part', async () => {
    const file = await xlsxOf({
      sheetData: () => repeated(' '.repeat(1024), 16),
      sheetDeclaredSize: 1024 * MB, // as the 1 GiB-whitespace sheet declares
    })
    const response = await postXlsx(file)
    expect(response.statusCode).toBe(413)
    expect(response.json().error.message).toBe(
      `xl/worksheets/sheet1.xml expands to more than ${partLimitMb} MB`,
    )
  })

  it('a part that declares less than it holds is cut off at the limit as it inflates', async () => {
    const file = await xlsxOf({
      sheetData: function* () {
        yield '<row r="1"><c r="A1"><v>1</v></c></row>'
        yield* repeated(' '.repeat(MB), partLimitMb + 1)
      },
      sheetDeclaredSize: 1000,
    })
    const response = await postXlsx(file)
    expect(response.statusCode).toBe(413)
    expect(response.json().error.message).toBe(
      `xl/worksheets/sheet1.xml expands to more than ${partLimitMb} MB`,
    )
  })

  it('more rows than the limit: 413 naming it', async () => {
    const rows = IMPORT_FILE_LIMITS.rows + 1
    const file = await xlsxOf({
      sheetData: function* () {
        for (let row = 1; row <= rows; row += 1) yield `<row r="${row}"/>`
      },
    })
    const response = await postXlsx(file)
    expect(response.statusCode).toBe(413)
    expect(response.json().error.message).toBe(
      `xl/worksheets/sheet1.xml has more than ${IMPORT_FILE_LIMITS.rows.toLocaleString('en')} rows`,
    )
  })

  it('a cell beyond the column limit (XFD1, the last column Excel has): 413 naming it', async () => {
    const file = await xlsxOf({ sheetData: () => ['<row r="1"><c r="XFD1"><v>1</v></c></row>'] })
    const response = await postXlsx(file)
    expect(response.statusCode).toBe(413)
    expect(response.json().error.message).toBe(
      `xl/worksheets/sheet1.xml has more than ${IMPORT_FILE_LIMITS.columns} columns (cell XFD1)`,
    )
  })

  it('reads a hand-built sheet: inline strings, shared strings (rich text, phonetics left out), numbers', async () => {
    const area = testArea()
    const row = importRow({ lon: area.lon + 0.5, lat: area.lat + 0.5 }, { name: 'placeholder' })
    const header = importColumns.map((c) => c.name)
    const cells = header.map((name) => {
      const value = row[name] ?? ''
      return name === 'quantity' || name === 'employees' ? Number(value) : value
    })
    const nameColumn = header.indexOf('name')
    const file = await xlsxOf({
      sharedStrings: () => [
        '<si><r><t>Shared &amp; </t></r><r><t xml:space="preserve">Rich Works</t></r><rPh><t>ignored</t></rPh></si>',
      ],
      sheetData: () => [
        rowXml(1, header),
        rowXml(2, cells).replace(
          '<c r="A2" t="inlineStr"><is><t>placeholder</t></is></c>',
          '<c r="A2" t="s"><v>0</v></c>',
        ),
      ],
    })
    expect(nameColumn).toBe(0)
    const response = await postXlsx(file)
    expect(response.statusCode, response.body).toBe(201)
    expect(response.json<ImportReport>()).toMatchObject({ format: 'xlsx', rows: 1, streamsCreated: 1 })
    const { db } = await testDatabase()
    expect(await countInArea(db, area)).toEqual({ enterprises: 1, streams: 1 })
    const stored = await db
      .selectFrom('enterprises')
      .select(['name', 'employees'])
      .where(
        sql<boolean>`geom && ST_MakeEnvelope(${area.lon}, ${area.lat}, ${area.lon + 1}, ${area.lat + 1}, 4326)`,
      )
      .executeTakeFirstOrThrow()
    expect(stored).toEqual({ name: 'Shared & Rich Works', employees: Number(row.employees) })
  })

  it('a long header or cell within the limits reaches the stored report only as a 200-character excerpt', async () => {
    const long = 'x'.repeat(20_000)
    const area = testArea()
    const row = importRow({ lon: area.lon + 0.5, lat: area.lat + 0.5 }, { name: long })
    const header = [...importColumns.map((c) => c.name), `extra ${long}`]
    const file = await xlsxOf({
      sheetData: () => [
        rowXml(1, header),
        rowXml(
          2,
          header.map((name) => row[name] ?? ''),
        ),
      ],
    })
    const response = await postXlsx(file)
    expect(response.statusCode, response.body).toBe(422)
    const report = response.json<ImportReport>()
    const { db } = await testDatabase()
    const stored = await db
      .selectFrom('import_batches')
      .select(sql<string>`report::text`.as('text'))
      .where('id', '=', report.batchId ?? 0)
      .executeTakeFirstOrThrow()
    expect(stored.text.length).toBeLessThan(5000)
    const nameError = report.errors.find((e) => e.column === 'name')
    expect(nameError?.value).toHaveLength(198)
    expect(nameError?.value?.endsWith('…')).toBe(true)
    expect(report.ignoredColumns.every((c) => c.length <= 200)).toBe(true)
  })
})

describe('CSV limits', () => {
  const postCsv = (csv: string) =>
    app().inject({
      method: 'POST',
      url: '/api/imports',
      payload: csv,
      headers: { 'content-type': 'text/csv' },
    })

  it('a cell of more than 32,767 characters, or an unclosed quote: 413 naming the limit', async () => {
    const header = importColumns.map((c) => c.name).join(',')
    const long = await postCsv(`${header}\n${'y'.repeat(40_000)}\n`)
    expect(long.statusCode).toBe(413)
    expect(long.json().error.message).toContain('32,767 characters')
    const unclosed = await postCsv(`${header}\n"${'y'.repeat(40_000)}`)
    expect(unclosed.statusCode).toBe(413)
  })

  it('more rows than the limit: 413 naming it', async () => {
    const header = importColumns.map((c) => c.name).join(',')
    const response = await postCsv(`${header}\n${'\n'.repeat(IMPORT_FILE_LIMITS.rows)}`)
    expect(response.statusCode).toBe(413)
    expect(response.json().error.message).toBe(
      `The file has more than ${IMPORT_FILE_LIMITS.rows.toLocaleString('en')} rows`,
    )
  })
})
