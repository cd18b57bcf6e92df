import { type Kysely, sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { testDatabase } from '../../../test/database.js'
import { appPerFile } from '../../../test/test-app.js'
import { testArea } from '../../../test/factories.js'
import { countInArea, type ImportRow, importCsv, importRow } from '../../../test/factories-imports.js'
import type { ImportReport } from '../../contract/imports.js'
import type { DB } from '../../db/schema.js'

/** Issue 12, idempotent imports: a re-imported row finds its stream instead of adding it again. */

const app = appPerFile()

type Area = ReturnType<typeof testArea>

function postCsv(rows: ImportRow[], query = '') {
  return app().inject({
    method: 'POST',
    url: `/api/imports${query}`,
    payload: importCsv(rows),
    headers: { 'content-type': 'text/csv' },
  })
}

/** Two enterprises, three streams: one matched by national_id, one by name, one stream with a stream_ref. */
function fixtureRows(area: Area): ImportRow[] {
  const first = { lon: area.lon + 0.5, lat: area.lat + 0.5 }
  const second = { lon: area.lon + 0.2, lat: area.lat + 0.2 }
  const nationalId = `IMP-IDEM-${area.lon}-${area.lat}`
  return [
    importRow(first, { name: 'Idem Cement', national_id: nationalId, quantity: '100' }),
    importRow(first, {
      name: 'Idem Cement',
      national_id: nationalId,
      ewc_code: '150101',
      waste_description: 'Paper  packaging',
      quantity: '40',
    }),
    importRow(second, {
      name: 'Idem Glass',
      ewc_code: '101306',
      waste_description: 'Dust',
      stream_ref: 'K-1',
      quantity: '250',
    }),
  ]
}

/** Tonnes per year of rows in t/year, summed in the test from the fixture rows. */
const tonnesOf = (rows: ImportRow[]) => rows.reduce((sum, row) => sum + Number(row.quantity), 0)

const inArea = (area: Area) =>
  sql<boolean>`e.geom && ST_MakeEnvelope(${area.lon}, ${area.lat}, ${area.lon + area.size}, ${area.lat + area.size}, 4326)`

/** The stored streams and enterprises of the area, with their versions, and the audit rows naming them. */
async function stateOf(db: Kysely<DB>, area: Area) {
  const streams = await db
    .selectFrom('waste_streams as w')
    .innerJoin('enterprises as e', 'e.id', 'w.enterprise_id')
    .select(['w.id', 'w.quantity_t_per_year', 'w.version', 'w.description', 'w.stream_ref'])
    .where(inArea(area))
    .orderBy('w.id')
    .execute()
  const enterprises = await db
    .selectFrom('enterprises as e')
    .select(['e.id', 'e.version', 'e.employees', 'e.address', 'e.name'])
    .where(inArea(area))
    .orderBy('e.id')
    .execute()
  const audit = await db
    .selectFrom('audit_log')
    .select(['id', 'entity', 'entity_id', 'action', 'before', 'after'])
    .where((eb) =>
      eb.or([
        eb.and([
          eb('entity', '=', 'waste_stream'),
          eb('entity_id', 'in', ['0', ...streams.map((s) => String(s.id))]),
        ]),
        eb.and([
          eb('entity', '=', 'enterprise'),
          eb('entity_id', 'in', ['0', ...enterprises.map((e) => String(e.id))]),
        ]),
      ]),
    )
    .orderBy('id')
    .execute()
  const tonnes = streams.reduce((sum, s) => sum + s.quantity_t_per_year, 0)
  return { streams, enterprises, audit, tonnes, counts: await countInArea(db, area) }
}

async function importedOnce(area: Area) {
  const { db } = await testDatabase()
  const rows = fixtureRows(area)
  const first = await postCsv(rows)
  expect(first.statusCode).toBe(201)
  expect(first.json<ImportReport>()).toMatchObject({ streamsCreated: 3, enterprisesCreated: 2 })
  return { db, rows, before: await stateOf(db, area) }
}

describe('POST /api/imports: re-importing', () => {
  it('the same file twice changes nothing: no rows, no versions, no audit records', async () => {
    const area = testArea()
    const { db, rows, before } = await importedOnce(area)
    expect(before.counts).toEqual({ enterprises: 2, streams: rows.length })
    expect(before.tonnes).toBeCloseTo(tonnesOf(rows), 6)

    const again = await postCsv(rows)
    expect(again.statusCode).toBe(201)
    const report = again.json<ImportReport>()
    expect(report).toMatchObject({
      committed: true,
      enterprisesCreated: 0,
      enterprisesMatched: 2,
      enterprisesUpdated: 0,
      streamsCreated: 0,
      streamsUpdated: 0,
      streamsUnchanged: 3,
      rowCounts: { new: 0, updated: 0, unchanged: 3, error: 0 },
    })
    const after = await stateOf(db, area)
    expect(after).toEqual(before)
    expect(after.tonnes).toBeCloseTo(tonnesOf(rows), 6)
    expect(after.streams.map((s) => s.version)).toEqual([1, 1, 1])
    const importAudit = await db
      .selectFrom('audit_log')
      .select('id')
      .where('entity', '=', 'import')
      .where('entity_id', '=', String(report.batchId))
      .execute()
    expect(importAudit).toEqual([])
  })

  it('one changed quantity updates exactly that stream, with one audit record', async () => {
    const area = testArea()
    const { db, rows, before } = await importedOnce(area)
    const changed = rows.map((row, i) => (i === 1 ? { ...row, quantity: '55' } : row))

    const response = await postCsv(changed)
    expect(response.statusCode).toBe(201)
    const report = response.json<ImportReport>()
    expect(report).toMatchObject({ streamsCreated: 0, streamsUpdated: 1, streamsUnchanged: 2 })
    expect(report.rowCounts).toEqual({ new: 0, updated: 1, unchanged: 2, error: 0 })

    const after = await stateOf(db, area)
    expect(after.counts).toEqual(before.counts)
    expect(after.tonnes).toBeCloseTo(tonnesOf(changed), 6)
    const target = before.streams[1]
    expect(after.streams.map((s) => [s.id, s.version])).toEqual(
      before.streams.map((s) => [s.id, s.id === target?.id ? 2 : 1]),
    )
    const newAudit = after.audit.filter((a) => !before.audit.some((b) => b.id === a.id))
    expect(newAudit).toHaveLength(1)
    expect(newAudit[0]).toMatchObject({
      entity: 'waste_stream',
      entity_id: String(target?.id),
      action: 'update',
      before: expect.objectContaining({ quantity: 40, version: 1 }),
      after: expect.objectContaining({ quantity: 55, version: 2 }),
    })
  })

  it('a stream key set through the API is shown, kept by an edit, and what a re-import matches', async () => {
    const area = testArea()
    const { db, rows, before } = await importedOnce(area)
    const keyed = before.streams.find((s) => s.stream_ref === 'K-1')
    const enterpriseId = (
      await db
        .selectFrom('waste_streams')
        .select('enterprise_id')
        .where('id', '=', keyed?.id ?? 0)
        .executeTakeFirstOrThrow()
    ).enterprise_id
    const url = `/api/enterprises/${enterpriseId}/waste-streams/${keyed?.id}`
    const got = await app().inject({ method: 'GET', url: `/api/enterprises/${enterpriseId}` })
    expect(got.statusCode, got.body).toBe(200)
    type Stored = { id: number; streamRef: string | null; version: number }
    const stored = got
      .json<{ wasteStreams: Stored[] }>()
      .wasteStreams.find((w) => w.id === keyed?.id) as Stored
    expect(stored.streamRef).toBe('K-1')
    // the analyst renames the key: the file's K-1 is then a new stream, and K-2 in a file finds it
    const {
      id: _id,
      enterpriseId: _e,
      ewcDescription: _d,
      hazardous: _h,
      quantityTonnesPerYear: _q,
      updatedAt: _u,
      ...body
    } = stored as unknown as Record<string, unknown>
    const put = await app().inject({ method: 'PUT', url, payload: { ...body, streamRef: 'K-2' } })
    expect(put.statusCode, put.body).toBe(200)
    expect(put.json()).toMatchObject({ streamRef: 'K-2', version: 2 })
    const renamed = rows.map((row) => (row.stream_ref === 'K-1' ? { ...row, stream_ref: 'K-2' } : row))
    const report = (await postCsv(renamed, '?dryRun=true')).json<ImportReport>()
    expect(report.rowCounts).toEqual({ new: 0, updated: 0, unchanged: 3, error: 0 })
    expect(report.rowOutcomes.find((o) => o.streamId === keyed?.id)?.streamMatch).toBe('stream_ref')
  })

  it('enterprise columns in the file update the stored enterprise, versioned and audited', async () => {
    const area = testArea()
    const { db, rows, before } = await importedOnce(area)
    const changed = rows.map((row, i) =>
      i < 2 ? { ...row, employees: '450', address: 'Kiln street 2' } : row,
    )

    const response = await postCsv(changed)
    expect(response.statusCode).toBe(201)
    const report = response.json<ImportReport>()
    expect(report).toMatchObject({ enterprisesUpdated: 1, streamsUpdated: 0, streamsCreated: 0 })
    expect(report.rowOutcomes.map((r) => [r.row, r.status, r.changedFields])).toEqual([
      [2, 'updated', ['employees', 'address']],
      [3, 'unchanged', []],
      [4, 'unchanged', []],
    ])

    const after = await stateOf(db, area)
    const cement = after.enterprises.find((e) => e.name === 'Idem Cement')
    const glass = after.enterprises.find((e) => e.name === 'Idem Glass')
    expect(cement).toMatchObject({ employees: 450, address: 'Kiln street 2', version: 2 })
    expect(glass).toMatchObject({ employees: Number(rows[2]?.employees), version: 1 })
    expect(after.streams.map((s) => s.version)).toEqual([1, 1, 1])
    const newAudit = after.audit.filter((a) => !before.audit.some((b) => b.id === a.id))
    expect(newAudit).toEqual([
      expect.objectContaining({
        entity: 'enterprise',
        entity_id: String(cement?.id),
        action: 'update',
        before: expect.objectContaining({ employees: Number(rows[0]?.employees), version: 1 }),
        after: expect.objectContaining({ employees: 450, address: 'Kiln street 2', version: 2 }),
      }),
    ])

    // and the same changed file again is unchanged
    const again = (await postCsv(changed)).json<ImportReport>()
    expect(again.rowCounts).toEqual({ new: 0, updated: 0, unchanged: 3, error: 0 })
  })

  it('the dry run classifies each row and names the rule that matched it; nothing is written', async () => {
    const area = testArea()
    const { db, rows, before } = await importedOnce(area)
    const [cement, packaging, glass] = rows as [ImportRow, ImportRow, ImportRow]
    const file = [
      cement, // row 2: unchanged
      { ...packaging, waste_description: ' paper packaging ', quantity: '41' }, // row 3: same stream, other figure
      { ...cement, ewc_code: '101304', waste_description: 'Lime' }, // row 4: a new stream
      { ...glass, waste_description: 'Filter dust' }, // row 5: found by stream_ref, new description
      { ...glass, stream_ref: '', waste_description: 'Dust' }, // row 6: the stored "Dust" has a stream_ref: new
      { ...cement, ewc_code: '10 13 97' }, // row 7: unknown code
      { ...packaging, waste_description: 'PAPER PACKAGING', quantity: '42' }, // row 8: row 3 again
    ]
    const response = await postCsv(file, '?dryRun=true')
    expect(response.statusCode).toBe(422)
    const report = response.json<ImportReport>()
    const ids = before.streams.map((s) => s.id)
    expect(
      report.rowOutcomes.map((r) => [
        r.row,
        r.status,
        r.changedFields,
        r.enterpriseMatch,
        r.streamMatch,
        r.streamId,
      ]),
    ).toEqual(
      [
        [2, 'unchanged', [], 'national_id', 'description', ids[0]],
        [3, 'updated', ['waste_description', 'quantity'], 'national_id', 'description', ids[1]],
        [4, 'new', [], 'national_id', 'new', null],
        [5, 'updated', ['waste_description'], 'name_within_50m', 'stream_ref', ids[2]],
        [6, 'new', [], 'name_within_50m', 'new', null],
        [7, 'error', [], null, null, null],
        [8, 'error', [], null, null, null],
      ].sort((a, b) => Number(a[0]) - Number(b[0])),
    )
    expect(report.rowCounts).toEqual({ new: 2, updated: 2, unchanged: 1, error: 2 })
    expect(report.errors).toEqual([
      { row: 7, column: 'ewc_code', value: '10 13 97', reason: expect.stringContaining('unknown EWC code') },
      {
        row: 8,
        column: 'waste_description',
        value: 'PAPER PACKAGING',
        reason: expect.stringContaining('row 3 has the same stream'),
      },
    ])
    expect(await stateOf(db, area)).toEqual(before)
  })

  it('a clean dry run answers 200 with the same classification', async () => {
    const area = testArea()
    const { db, rows, before } = await importedOnce(area)
    const response = await postCsv([...rows, { ...rows[0], ewc_code: '101304' } as ImportRow], '?dryRun=true')
    expect(response.statusCode).toBe(200)
    expect(response.json<ImportReport>()).toMatchObject({
      committed: false,
      streamsCreated: 1,
      rowCounts: { new: 1, updated: 0, unchanged: 3, error: 0 },
    })
    expect(await stateOf(db, area)).toEqual(before)
  })
})
