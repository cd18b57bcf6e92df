import { Readable } from 'node:stream'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { testDatabase } from '../../../test/database.js'
import { appPerFile } from '../../../test/test-app.js'
import { newEnterprise, newWasteStream, testArea } from '../../../test/factories.js'
import { countInArea, multipartFile } from '../../../test/factories-imports.js'
import type { ImportReport } from '../../contract/imports.js'

const app = appPerFile()

type Area = ReturnType<typeof testArea>
const bboxOf = (area: Area) => `${area.lon},${area.lat},${area.lon + area.size},${area.lat + area.size}`

/**
 * A small survey in the area (which lies at negative lon/lat): text that a spreadsheet would run
 * as a formula, a volume with its density, a batch stream, an enterprise without streams.
 */
async function seedSurvey(area: Area) {
  const { db } = await testDatabase()
  const a = await newEnterprise(
    db,
    { lon: area.lon + 0.25, lat: area.lat + 0.5 },
    {
      name: '=HYPERLINK("http://evil.example")',
      national_id: `EXP-${area.lon}-${area.lat}`,
    },
  )
  await db
    .updateTable('enterprises')
    .set({ address: '-5 Minus Street', size_class: 'medium', employees: 80 })
    .where('id', '=', a.id)
    .execute()
  await newWasteStream(db, a.id, {
    ewc_code: '100101',
    quantity: 1234.5,
    description: '@SUM(1+1)',
    route_code: 'R5',
    route_site: 'off_site',
  })
  await newWasteStream(db, a.id, {
    ewc_code: '130208',
    quantity: 2.75,
    unit: 'm3',
    period: 'month',
    density_t_per_m3: 0.88,
    basis: 'estimated',
    offered_as_byproduct: true,
    receiver_name: '+Receiver',
  })
  const b = await newEnterprise(
    db,
    { lon: area.lon + 0.75, lat: area.lat + 0.1 },
    { name: 'Batch Works', nace_code: '24.10' },
  )
  await newWasteStream(db, b.id, {
    ewc_code: '100202',
    period: 'batch',
    batches_per_year: 6,
    quantity: 3,
    physical_state: 'solid',
    survey_year: 2023,
  })
  const c = await newEnterprise(db, { lon: area.lon + 0.5, lat: area.lat + 0.9 }, { name: 'No Streams Ltd' })
  return [a.id, b.id, c.id]
}

async function exportText(format: 'csv' | 'geojson', query: string) {
  const response = await app().inject({ method: 'GET', url: `/api/exports/enterprises.${format}?${query}` })
  expect(response.statusCode).toBe(200)
  return response.body
}

/** Export → delete → import the export → export again: the same bytes. */
async function roundTrip(format: 'csv' | 'geojson', contentType: string) {
  const { db } = await testDatabase()
  const area = testArea()
  const ids = await seedSurvey(area)
  const first = await exportText(format, `bbox=${bboxOf(area)}`)
  await db.deleteFrom('enterprises').where('id', 'in', ids).execute()
  expect(await countInArea(db, area)).toEqual({ enterprises: 0, streams: 0 })

  const imported = await app().inject({
    method: 'POST',
    url: '/api/imports',
    payload: first,
    headers: { 'content-type': contentType },
  })
  expect(imported.statusCode).toBe(201)
  expect(imported.json<ImportReport>()).toMatchObject({
    enterprisesCreated: 3,
    streamsCreated: 3,
    errors: [],
  })
  expect(await countInArea(db, area)).toEqual({ enterprises: 3, streams: 3 })
  expect(await exportText(format, `bbox=${bboxOf(area)}`)).toBe(first)
  return first
}

describe('GET /api/exports/enterprises.{csv,geojson,xlsx}', () => {
  it('CSV round-trips through the import unchanged', async () => {
    const csv = await roundTrip('csv', 'text/csv')
    const lines = csv.split('\r\n')
    expect(lines[0]?.startsWith('\uFEFFname,national_id,nace_code')).toBe(true)
    expect(lines).toHaveLength(6) // header, 3 streams, 1 enterprise without streams, the final CRLF
  })

  it('GeoJSON round-trips through the import unchanged', async () => {
    const text = await roundTrip('geojson', 'application/geo+json')
    const document = JSON.parse(text)
    expect(document.type).toBe('FeatureCollection')
    expect(document.features).toHaveLength(4)
    expect(document.features[0].properties).toMatchObject({
      ewc_code: '10 01 01',
      quantity: 1234.5,
      name: '=HYPERLINK("http://evil.example")',
    })
  })

  it('escapes formula-like text in CSV but not negative numbers', async () => {
    const area = testArea()
    await seedSurvey(area)
    const csv = await exportText('csv', `bbox=${bboxOf(area)}`)
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"")"`)
    expect(csv).toContain(",'-5 Minus Street,")
    expect(csv).toContain(",'@SUM(1+1),")
    expect(csv).toContain(",'+Receiver,")
    // the area lies at negative lon/lat: those numbers go out as numbers
    expect(csv).toContain(`,${area.lon + 0.25},${area.lat + 0.5},`)
    expect(csv).not.toContain(`'${area.lon + 0.25}`)
  })

  it('XLSX: text escaped, numbers as number cells, and it imports back to the same records', async () => {
    const { db } = await testDatabase()
    const area = testArea()
    const ids = await seedSurvey(area)
    const response = await app().inject({
      method: 'GET',
      url: `/api/exports/enterprises.xlsx?bbox=${bboxOf(area)}`,
    })
    expect(response.statusCode).toBe(200)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.read(Readable.from([response.rawPayload]))
    const sheet = workbook.worksheets[0]
    const header = sheet?.getRow(1).values as unknown[]
    const cell = (row: number, name: string) => sheet?.getRow(row).getCell(header.indexOf(name)).value
    expect(cell(2, 'name')).toBe(`'=HYPERLINK("http://evil.example")`)
    expect(cell(2, 'lon')).toBe(area.lon + 0.25)
    expect(cell(2, 'quantity')).toBe(1234.5)

    const csvBefore = await exportText('csv', `bbox=${bboxOf(area)}`)
    await db.deleteFrom('enterprises').where('id', 'in', ids).execute()
    const upload = multipartFile(
      'file',
      'export.xlsx',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      response.rawPayload,
    )
    const imported = await app().inject({ method: 'POST', url: '/api/imports', ...upload })
    expect(imported.statusCode).toBe(201)
    expect(await exportText('csv', `bbox=${bboxOf(area)}`)).toBe(csvBefore)
  })

  it('applies the survey filters, the stream filters to the streams too', async () => {
    const area = testArea()
    await seedSurvey(area)
    const chapter13 = JSON.parse(await exportText('geojson', `bbox=${bboxOf(area)}&ewc=13`))
    expect(
      chapter13.features.map((f: { properties: { ewc_code: string } }) => f.properties.ewc_code),
    ).toEqual(['13 02 08'])
    const year2023 = JSON.parse(await exportText('geojson', `bbox=${bboxOf(area)}&surveyYear=2023`))
    expect(year2023.features.map((f: { properties: { name: string } }) => f.properties.name)).toEqual([
      'Batch Works',
    ])
    const bad = await app().inject({ method: 'GET', url: '/api/exports/enterprises.csv?bbox=1,2,3' })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error.details[0].path).toBe('query.bbox')
  })
})
