import fs from 'node:fs'
import path from 'node:path'
import { Readable } from 'node:stream'
import Fastify from 'fastify'
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod'
import { describe, expect, it } from 'vitest'
import { testDatabase } from '../../../test/database.js'
import { appPerFile } from '../../../test/test-app.js'
import { newEnterprise, newRegion, testArea } from '../../../test/factories.js'
import {
  countInArea,
  type ImportRow,
  importCsv,
  importRow,
  multipartFile,
  streamsInArea,
} from '../../../test/factories-imports.js'
import { repoRoot } from '../../config.js'
import type { ImportReport } from '../../contract/imports.js'
import { registerErrorHandler } from '../../plugins/error-handler.js'
import { importRoutes } from './routes.js'

const app = appPerFile()

function postCsv(csv: string, query = '') {
  return app().inject({
    method: 'POST',
    url: `/api/imports${query}`,
    payload: csv,
    headers: { 'content-type': 'text/csv' },
  })
}

function postGeoJson(document: unknown, query = '') {
  return app().inject({
    method: 'POST',
    url: `/api/imports${query}`,
    payload: typeof document === 'string' ? document : JSON.stringify(document),
    headers: { 'content-type': 'application/geo+json' },
  })
}

type Area = ReturnType<typeof testArea>
const site = (area: Area, dx = 0.5, dy = 0.5) => ({ lon: area.lon + dx, lat: area.lat + dy })

/** Posts rows that must be refused: 422, nothing written, the report returned. */
async function expectRefused(area: Area, rows: ImportRow[]): Promise<ImportReport> {
  const { db } = await testDatabase()
  const before = await countInArea(db, area)
  const response = await postCsv(importCsv(rows))
  expect(response.statusCode).toBe(422)
  const report = response.json<ImportReport>()
  expect(report.committed).toBe(false)
  expect(await countInArea(db, area)).toEqual(before)
  return report
}

describe('POST /api/imports: a clean file', () => {
  it('creates enterprises and streams, derives the region, normalises tonnes, records batch and audit', async () => {
    const { db } = await testDatabase()
    const area = testArea()
    const region = await newRegion(db, {
      west: area.lon,
      south: area.lat,
      east: area.lon + 1,
      north: area.lat + 1,
    })
    const rows = [
      importRow(site(area), { national_id: 'IMP-CLEAN-1', quantity: '100' }),
      importRow(site(area), {
        national_id: 'IMP-CLEAN-1',
        ewc_code: '13 02 08*',
        physical_state: 'liquid',
        quantity: '2',
        unit: 'm3',
        period: 'month',
        density_t_per_m3: '0.9',
      }),
      importRow(site(area, 0.2, 0.2), {
        name: 'Second Works',
        ewc_code: '150101',
        period: 'batch',
        batches_per_year: '4',
      }),
    ]
    const response = await postCsv(importCsv(rows))
    expect(response.statusCode).toBe(201)
    const report = response.json<ImportReport>()
    expect(report).toMatchObject({
      committed: true,
      dryRun: false,
      rows: 3,
      enterprisesCreated: 2,
      streamsCreated: 3,
      errors: [],
    })

    const stored = await db
      .selectFrom('waste_streams as w')
      .innerJoin('enterprises as e', 'e.id', 'w.enterprise_id')
      .select(['e.national_id', 'e.region_id', 'w.ewc_code', 'w.hazardous', 'w.quantity_t_per_year'])
      .where('e.region_id', '=', region.id)
      .orderBy('w.id')
      .execute()
    expect(stored.map((s) => [s.national_id, s.ewc_code, s.hazardous, s.quantity_t_per_year])).toEqual([
      ['IMP-CLEAN-1', '101306', false, 100],
      ['IMP-CLEAN-1', '130208', true, 2 * 0.9 * 12],
      [null, '150101', false, 400],
    ])
    const batch = await db
      .selectFrom('import_batches')
      .selectAll()
      .where('id', '=', report.batchId ?? -1)
      .executeTakeFirstOrThrow()
    expect(batch).toMatchObject({
      status: 'committed',
      format: 'csv',
      row_count: 3,
      error_count: 0,
      dry_run: false,
    })
    const audit = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'import')
      .where('entity_id', '=', String(report.batchId))
      .execute()
    expect(audit).toHaveLength(1)
  })

  it('matches stored enterprises by national_id, else by name within 50 m', async () => {
    const { db } = await testDatabase()
    const area = testArea()
    const byId = await newEnterprise(db, site(area), {
      name: 'Stored By Id',
      national_id: `IMP-MATCH-${area.lon}`,
    })
    const byName = await newEnterprise(db, site(area, 0.3, 0.3), { name: 'Stored By Name' })
    const near = site(area, 0.3, 0.3)
    const rows = [
      importRow(site(area), { name: 'Stored By Id', national_id: `IMP-MATCH-${area.lon}` }),
      importRow({ lon: near.lon + 0.0002, lat: near.lat }, { name: 'stored by name' }), // ≈ 10 m away
      importRow({ lon: near.lon + 0.01, lat: near.lat }, { name: 'Stored By Name' }), // ≈ 600 m: another site
    ]
    const report = (await postCsv(importCsv(rows))).json<ImportReport>()
    expect(report).toMatchObject({
      committed: true,
      enterprisesMatched: 2,
      enterprisesCreated: 1,
      streamsCreated: 3,
    })
    const streams = await db
      .selectFrom('waste_streams')
      .select('enterprise_id')
      .where('enterprise_id', 'in', [byId.id, byName.id])
      .execute()
    expect(streams).toHaveLength(2)
  })

  it('dry run reports what would be created and writes nothing', async () => {
    const { db } = await testDatabase()
    const area = testArea()
    // two streams of one enterprise: since issue 12 two rows with the same EWC code, year and
    // description are one stream given twice (refused), so the second names another waste
    const rows = [importRow(site(area)), importRow(site(area), { waste_description: 'Bypass dust' })]
    const response = await postCsv(importCsv(rows), '?dryRun=true')
    expect(response.statusCode).toBe(200)
    expect(response.json<ImportReport>()).toMatchObject({
      dryRun: true,
      committed: false,
      rows: 2,
      enterprisesCreated: 1,
      streamsCreated: 2,
    })
    expect(await countInArea(db, area)).toEqual({ enterprises: 0, streams: 0 })
  })

  it('accepts EWC codes as 10 01 02, 10.01.02 and 100102, and NACE as 2351', async () => {
    const { db } = await testDatabase()
    const area = testArea()
    // each its own stream_ref: the three spellings are one EWC code, and one stream given three
    // times is refused since issue 12
    const rows = ['10 01 02', '10.01.02', '100102', '010101'].map((ewc_code, i) =>
      importRow(site(area), { ewc_code, nace_code: '2351', stream_ref: `S${i}` }),
    )
    expect((await postCsv(importCsv(rows))).statusCode).toBe(201)
    const codes = (await streamsInArea(db, area)).map((s) => [s.ewc_code, s.nace_code])
    expect(codes).toEqual([
      ['100102', '23.51'],
      ['100102', '23.51'],
      ['100102', '23.51'],
      ['010101', '23.51'],
    ])
  })

  it('reads a CSV with a BOM, semicolons, CRLF line endings and decimal commas', async () => {
    const { db } = await testDatabase()
    const area = testArea()
    // two streams (two stream_refs): one stream given twice is refused since issue 12
    const rows = [
      importRow(site(area), { quantity: '12,5', stream_ref: 'A' }),
      importRow(site(area), { quantity: '7', stream_ref: 'B' }),
    ]
    const csv = importCsv(rows, { delimiter: ';', bom: true, crlf: true })
    expect(csv.startsWith('\uFEFFname;')).toBe(true)
    expect(csv).toContain('\r\n')
    const response = await postCsv(csv)
    expect(response.statusCode).toBe(201)
    expect(await countInArea(db, area)).toEqual({ enterprises: 1, streams: 2 })
  })

  it('accepts a multipart upload in the field "file", and a wkt location', async () => {
    const { db } = await testDatabase()
    const area = testArea()
    const { lon, lat } = site(area)
    const csv = importCsv([
      importRow(site(area), { lon: '', lat: '', wkt: `SRID=4326;POINT(${lon} ${lat})` }),
    ])
    const response = await app().inject({
      method: 'POST',
      url: '/api/imports',
      ...multipartFile('file', 'survey.csv', 'text/csv', csv),
    })
    expect(response.statusCode).toBe(201)
    expect(await countInArea(db, area)).toEqual({ enterprises: 1, streams: 1 })
  })

  it('keeps an enterprise without waste columns as an enterprise without streams', async () => {
    const { db } = await testDatabase()
    const area = testArea()
    const empty = Object.fromEntries(
      [
        'ewc_code',
        'waste_description',
        'physical_state',
        'quantity',
        'unit',
        'period',
        'basis',
        'route_code',
        'route_site',
        'survey_year',
        'offered_as_byproduct',
      ].map((c) => [c, '']),
    )
    const response = await postCsv(importCsv([importRow(site(area), empty)]))
    expect(response.statusCode).toBe(201)
    expect(await countInArea(db, area)).toEqual({ enterprises: 1, streams: 0 })
  })
})

describe('POST /api/imports: bad rows are reported and nothing is written', () => {
  it('unknown EWC and NACE codes', async () => {
    const area = testArea()
    const report = await expectRefused(area, [
      importRow(site(area)),
      importRow(site(area), { ewc_code: '10 01 97' }),
      importRow(site(area, 0.1, 0.1), { name: 'Other', nace_code: '99.99' }),
      importRow(site(area, 0.2, 0.1), { name: 'Other 2', ewc_code: '10 01' }),
    ])
    expect(report.errors).toEqual([
      {
        row: 3,
        column: 'ewc_code',
        value: '10 01 97',
        reason: expect.stringContaining('unknown EWC code 10 01 97'),
      },
      { row: 4, column: 'nace_code', value: '99.99', reason: expect.stringContaining('unknown NACE') },
      { row: 5, column: 'ewc_code', value: '10 01', reason: expect.stringContaining('six-digit') },
    ])
  })

  it('latitude and longitude swapped or out of range', async () => {
    const area = testArea()
    const report = await expectRefused(area, [
      importRow(site(area)),
      importRow({ lon: 40.4, lat: 149.8 }, { name: 'Swapped' }),
      importRow({ lon: 200, lat: 10 }, { name: 'Too far east' }),
      importRow({ lon: 100, lat: -95 }, { name: 'Too far south' }),
      importRow(site(area), { name: 'Text', lat: 'north' }),
    ])
    expect(report.errors.map((e) => [e.row, e.column, e.reason])).toEqual([
      [3, 'lat', expect.stringContaining('latitude and longitude look swapped')],
      [4, 'lon', 'longitude must be within -180…180'],
      [5, 'lat', 'latitude must be within -90…90'],
      [6, 'lat', 'must be a finite number'],
    ])
  })

  it('negative, non-numeric and absurd quantities, a wrong unit, a volume without density', async () => {
    const area = testArea()
    const report = await expectRefused(area, [
      importRow(site(area), { quantity: '-5' }),
      importRow(site(area), { quantity: 'lots' }),
      importRow(site(area), { quantity: '1e12' }),
      importRow(site(area), { quantity: 'NaN' }),
      importRow(site(area), { unit: 'barrels' }),
      importRow(site(area), { unit: 'm3' }),
      importRow(site(area), { quantity: '' }),
    ])
    expect(report.errors.map((e) => [e.row, e.column, e.reason])).toEqual([
      [2, 'quantity', 'must not be negative'],
      [3, 'quantity', 'must be a finite number'],
      [4, 'quantity', expect.stringContaining('is absurd')],
      [5, 'quantity', 'must be a finite number'],
      [6, 'unit', 'must be one of t, kg, m3, l'],
      [7, 'density_t_per_m3', expect.stringContaining('needs the density')],
      [8, 'quantity', 'is required'],
    ])
  })

  it('one enterprise given twice with conflicting data', async () => {
    const area = testArea()
    const report = await expectRefused(area, [
      importRow(site(area), { national_id: `IMP-DUP-${area.lon}`, nace_code: '23.51' }),
      importRow(site(area), { national_id: `IMP-DUP-${area.lon}`, nace_code: '24.10', employees: '7' }),
      importRow(site(area, 0.3, 0.3), { national_id: `IMP-DUP-${area.lon}` }),
      importRow(site(area, 0.1, 0.1), { name: 'No Id Works', size_class: 'small' }),
      importRow(site(area, 0.1, 0.1), { name: 'no id works', size_class: 'medium' }),
    ])
    expect(report.errors.map((e) => [e.row, e.column])).toEqual([
      [3, 'nace_code'],
      [3, 'employees'],
      [4, 'lon'],
      [6, 'name'],
      [6, 'size_class'],
    ])
    expect(report.errors[0]?.reason).toContain('on row 2')
  })

  it('a bad last row rolls back the batches already written', async () => {
    const area = testArea()
    const rows = Array.from({ length: 2500 }, (_, i) =>
      importRow(site(area, (i % 50) / 100, Math.floor(i / 50) / 100), { name: `Works ${i}` }),
    )
    rows.push(importRow(site(area), { ewc_code: '99 99 99' }))
    const report = await expectRefused(area, rows)
    expect(report).toMatchObject({ rows: 2501, errorCount: 1 })
    expect(report.errors[0]).toMatchObject({ row: 2502, column: 'ewc_code' })
  })

  it('a missing required column is reported on the header row', async () => {
    const area = testArea()
    const csv = importCsv([importRow(site(area))]).replace('ewc_code', 'waste_code')
    const response = await postCsv(csv)
    expect(response.statusCode).toBe(422)
    const report = response.json<ImportReport>()
    expect(report.errors).toContainEqual({
      row: 1,
      column: 'ewc_code',
      value: null,
      reason: 'required column ewc_code is missing',
    })
    expect(report.ignoredColumns).toContain('waste_code')
  })
})

describe('POST /api/imports: GeoJSON', () => {
  const feature = (coordinates: unknown, properties: Record<string, unknown>) => ({
    type: 'Feature',
    geometry: { type: 'Point', coordinates },
    properties,
  })
  const properties = (overrides: Record<string, unknown> = {}) => {
    const { lon: _lon, lat: _lat, ...rest } = importRow({ lon: 0, lat: 0 })
    return { ...rest, employees: 120, quantity: 100, survey_year: 2024, ...overrides }
  }

  it('imports Points, reads numbers sent as text, ignores __proto__ and constructor keys', async () => {
    const { db } = await testDatabase()
    const area = testArea()
    const { lon, lat } = site(area)
    const document = `{"type":"FeatureCollection","features":[${JSON.stringify(
      feature([lon, lat], properties({ quantity: '12.5' })),
    ).replace(
      '"name":',
      '"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"name":',
    )}]}`
    const response = await postGeoJson(document)
    expect(response.statusCode).toBe(201)
    const report = response.json<ImportReport>()
    expect(report.ignoredColumns.sort()).toEqual(['__proto__', 'constructor'])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(await countInArea(db, area)).toEqual({ enterprises: 1, streams: 1 })
    expect((await streamsInArea(db, area)).map((s) => s.quantity)).toEqual([12.5])
  })

  it('refuses NaN and Infinity as text, 1e400, swapped coordinates and non-Point geometries', async () => {
    const { db } = await testDatabase()
    const area = testArea()
    const { lon, lat } = site(area)
    const document = `{"type":"FeatureCollection","features":[
      ${JSON.stringify(feature([lon, lat], properties({ quantity: 'NaN' })))},
      ${JSON.stringify(feature([lon, lat], properties({ quantity: 'Infinity' })))},
      ${JSON.stringify(feature([lon, lat], properties())).replace('"quantity":100', '"quantity":1e400')},
      ${JSON.stringify(feature([40.4, 149.8], properties()))},
      ${JSON.stringify({
        type: 'Feature',
        geometry: {
          type: 'LineString',
          coordinates: [
            [lon, lat],
            [lon, lat + 0.1],
          ],
        },
        properties: properties(),
      })},
      ${JSON.stringify(feature([lon, lat], properties({ employees: { n: 3 } })))}
    ]}`
    const response = await postGeoJson(document)
    expect(response.statusCode).toBe(422)
    expect(response.json<ImportReport>().errors.map((e) => [e.row, e.column, e.reason])).toEqual([
      [1, 'quantity', 'must be a finite number'],
      [2, 'quantity', 'must be a finite number'],
      [3, 'quantity', 'must be a finite number'],
      [4, 'geometry', expect.stringContaining('look swapped')],
      [5, 'geometry', 'must be a GeoJSON Point'],
      [6, 'employees', expect.stringContaining('plain value')],
    ])
    expect(await countInArea(db, area)).toEqual({ enterprises: 0, streams: 0 })
  })

  it('refuses a literal NaN (not JSON) and a document that is not a FeatureCollection with 400', async () => {
    const notJson = await postGeoJson(
      '{"type":"FeatureCollection","features":[{"properties":{"quantity":NaN}}]}',
    )
    expect(notJson.statusCode).toBe(400)
    expect(notJson.json().error.message).toContain('could not be read')
    const notCollection = await postGeoJson({ type: 'Feature', properties: {} })
    expect(notCollection.statusCode).toBe(400)
    expect(notCollection.json().error.message).toContain('FeatureCollection')
  })
})

describe('POST /api/imports: files that are not what they say', () => {
  const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001', 'hex')

  it('PNG bytes named .csv', async () => {
    const response = await app().inject({
      method: 'POST',
      url: '/api/imports',
      ...multipartFile('file', 'survey.csv', 'text/csv', png),
    })
    expect(response.statusCode).toBe(415)
    expect(response.json().error.message).toBe(
      'The file is declared as CSV (survey.csv) but its content is a PNG image',
    )
  })

  it('an .xlsx that is not a ZIP, and raw text/csv that is a ZIP', async () => {
    const fake = await app().inject({
      method: 'POST',
      url: '/api/imports',
      ...multipartFile('file', 'survey.xlsx', 'application/octet-stream', 'name,lon\nx,1\n'),
    })
    expect(fake.statusCode).toBe(415)
    expect(fake.json().error.message).toContain('declared as XLSX')
    const zip = await app().inject({
      method: 'POST',
      url: '/api/imports',
      payload: Buffer.from('504b0304140000000000', 'hex'),
      headers: { 'content-type': 'text/csv' },
    })
    expect(zip.statusCode).toBe(415)
    expect(zip.json().error.message).toContain('ZIP')
  })

  it('an empty file and a multipart upload without the "file" field', async () => {
    expect((await postCsv('')).statusCode).toBe(400)
    const wrongField = await app().inject({
      method: 'POST',
      url: '/api/imports',
      ...multipartFile('upload', 'a.csv', 'text/csv', 'x'),
    })
    expect(wrongField.statusCode).toBe(400)
    expect(wrongField.json().error.message).toContain('"file"')
  })

  it('an upload above the size limit gets 413 naming the limit, and writes nothing', async () => {
    const { db } = await testDatabase()
    const small = Fastify().withTypeProvider<ZodTypeProvider>()
    small.setValidatorCompiler(validatorCompiler)
    small.setSerializerCompiler(serializerCompiler)
    registerErrorHandler(small, { singlePageApp: false })
    // without the auth plugin: the caller is an admin, as buildTestApp's requests are
    small.decorateRequest('viewer', null as never)
    small.addHook('onRequest', async (request) => {
      request.viewer = { kind: 'user', userId: 0, role: 'admin', enterpriseId: null, regionIds: [] }
    })
    await small.register(importRoutes(await testDatabase(), { maxBytes: 2048 }), { prefix: '/api' })
    try {
      const area = testArea()
      const csv = importCsv(
        Array.from({ length: 40 }, (_, i) => importRow(site(area), { waste_description: `row ${i}` })),
      )
      expect(csv.length).toBeGreaterThan(2048)
      const raw = await small.inject({
        method: 'POST',
        url: '/api/imports',
        payload: csv,
        headers: { 'content-type': 'text/csv' },
      })
      expect(raw.statusCode).toBe(413)
      expect(raw.json().error.message).toBe(
        'The file is larger than the import limit of 2 kB; split it into smaller files',
      )
      const multi = await small.inject({
        method: 'POST',
        url: '/api/imports',
        ...multipartFile('file', 'big.csv', 'text/csv', csv),
      })
      expect(multi.statusCode).toBe(413)
      expect(multi.json().error.message).toContain('2 kB')
      expect(await countInArea(db, area)).toEqual({ enterprises: 0, streams: 0 })
      const fits = await small.inject({
        method: 'POST',
        url: '/api/imports',
        payload: importCsv([importRow(site(area))]),
        headers: { 'content-type': 'text/csv' },
      })
      expect(fits.statusCode).toBe(201)
    } finally {
      await small.close()
    }
  })

  it('documents the default limit of 50 MB and the columns in the OpenAPI description', async () => {
    const document = (await app().inject({ method: 'GET', url: '/api/openapi.json' })).json()
    const description: string = document.paths['/api/imports'].post.description
    expect(description).toContain('50 MB')
    expect(description).toContain('`density_t_per_m3`')
  })
})

describe('GET /api/imports/template', () => {
  it('the CSV template imports cleanly and equals the fixture copy', async () => {
    const response = await app().inject({ method: 'GET', url: '/api/imports/template.csv' })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-disposition']).toContain('loopmap-import-template.csv')
    const fixture = path.join(repoRoot, 'fixtures/import-template/loopmap-import-template.csv')
    if (process.env.REGEN) fs.writeFileSync(fixture, response.body)
    expect(response.body).toBe(fs.readFileSync(fixture, 'utf8'))
    const report = (await postCsv(response.body, '?dryRun=true')).json<ImportReport>()
    expect(report).toMatchObject({ errors: [], rows: 2, streamsCreated: 2 })
  })

  it('the XLSX template imports cleanly', async () => {
    const response = await app().inject({ method: 'GET', url: '/api/imports/template.xlsx' })
    expect(response.statusCode).toBe(200)
    const upload = multipartFile(
      'file',
      'template.xlsx',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      response.rawPayload,
    )
    const result = await app().inject({ method: 'POST', url: '/api/imports?dryRun=true', ...upload })
    expect(result.statusCode).toBe(200)
    expect(result.json<ImportReport>()).toMatchObject({
      format: 'xlsx',
      errors: [],
      rows: 2,
      streamsCreated: 2,
    })
  })

  it('the sample with one bad row is reported on that row', async () => {
    const csv = fs.readFileSync(path.join(repoRoot, 'fixtures/import-template/one-bad-row.csv'), 'utf8')
    const response = await postCsv(csv, '?dryRun=true')
    expect(response.statusCode).toBe(422)
    expect(response.json<ImportReport>().errors).toEqual([
      { row: 4, column: 'ewc_code', value: '10 13 97', reason: expect.stringContaining('unknown EWC code') },
    ])
  })
})

describe('POST /api/imports: large files', () => {
  it('streams 50,000 rows into one transaction without holding the file in memory', async () => {
    const { db } = await testDatabase()
    const area = testArea()
    const rowCount = 50_000
    // 500 enterprises of 100 streams each, sent as a stream that is generated while it is read
    async function* body() {
      yield `${importCsv([]).split('\n')[0]}\n`
      for (let i = 0; i < rowCount; i += 1000) {
        const rows = Array.from({ length: 1000 }, (_, j) => {
          const n = i + j
          const e = n % 500
          return importRow(site(area, (e % 25) / 30, Math.floor(e / 25) / 30), {
            name: `Bulk ${e}`,
            national_id: `IMP-BULK-${area.lon}-${e}`,
            quantity: String(n),
            // 100 streams of one enterprise, EWC code and year: each needs its own key (issue 12)
            stream_ref: `S${n}`,
          })
        })
        yield importCsv(rows).split('\n').slice(1).join('\n')
      }
    }
    const heapBefore = process.memoryUsage().heapUsed
    const started = Date.now()
    const response = await app().inject({
      method: 'POST',
      url: '/api/imports',
      payload: Readable.from(body()),
      headers: { 'content-type': 'text/csv' },
    })
    const seconds = (Date.now() - started) / 1000
    expect(response.statusCode).toBe(201)
    expect(response.json<ImportReport>()).toMatchObject({
      rows: rowCount,
      streamsCreated: rowCount,
      enterprisesCreated: 500,
    })
    expect(await countInArea(db, area)).toEqual({ enterprises: 500, streams: rowCount })
    const heapGrowthMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024
    console.log(
      `[imports] ${rowCount} rows in ${seconds.toFixed(1)} s (${Math.round(rowCount / seconds)} rows/s), heap +${heapGrowthMb.toFixed(0)} MB`,
    )
  }, 180_000)
})
