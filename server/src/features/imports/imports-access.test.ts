import { describe, expect, it } from 'vitest'
import { type Credentials, newUser, signIn, withSession } from '../../../test/accounts.js'
import { testDatabase } from '../../../test/database.js'
import { enterpriseBody, uniqueNationalId } from '../../../test/factories-enterprises.js'
import { countInArea, importCsv, importRow, type ImportRow } from '../../../test/factories-imports.js'
import { newEnterprise, newRegion, testArea } from '../../../test/factories.js'
import { appPerFile } from '../../../test/test-app.js'
import type { ImportReport } from '../../contract/imports.js'

/**
 * Issue 13: an analyst imported outside the assigned regions (a new site near Ganja and a row
 * matching DEMO-0041 were both written, while the direct routes refused them with 403). The
 * import now asks the direct routes' own scope rules of every row.
 */
const app = appPerFile({ as: 'public', signInAttempts: 1000 })

type Area = ReturnType<typeof testArea>
const at = (area: Area, dx = 0.5, dy = 0.5) => ({ lon: area.lon + dx, lat: area.lat + dy })

/** Two squares: the analyst's region covers `inside`, another region covers `outside`. */
async function analystWithRegion() {
  const { db } = await testDatabase()
  const inside = testArea()
  const outside = testArea()
  const box = (a: Area) => ({ west: a.lon, south: a.lat, east: a.lon + 1, north: a.lat + 1 })
  const mine = await newRegion(db, box(inside), 'Analyst region')
  await newRegion(db, box(outside), 'Someone else’s region')
  const analyst = await signIn(app(), (await newUser(db, 'analyst', { regionIds: [mine.id] })).email)
  return { db, inside, outside, analyst }
}

const post = (who: Credentials, rows: ImportRow[]) =>
  app().inject(
    withSession(who, {
      method: 'POST',
      url: '/api/imports',
      payload: importCsv(rows),
      headers: { 'content-type': 'text/csv' },
    }),
  )

describe('POST /api/imports by an analyst: the direct routes’ scope, row by row', () => {
  it('refuses a new site outside the regions and a row matching an enterprise outside them; writes nothing', async () => {
    const { db, inside, outside, analyst } = await analystWithRegion()
    const outsideId = uniqueNationalId()
    const stored = await newEnterprise(db, at(outside, 0.3, 0.3), { national_id: outsideId })
    const newOutside = at(outside, 0.6, 0.6)
    const rows = [
      importRow(at(inside), { name: 'Inside Works' }), // row 2: allowed
      importRow(newOutside, { name: 'Far Works' }), // row 3: a new site outside
      importRow(at(outside, 0.3, 0.3), { national_id: outsideId, name: 'Renamed' }), // row 4: stored, outside
      importRow(at(outside, 0.3, 0.3), {
        national_id: outsideId,
        name: 'Renamed',
        ewc_code: '10 13 04',
      }), // row 5: its second stream
    ]
    const before = { inside: await countInArea(db, inside), outside: await countInArea(db, outside) }

    // the direct routes refuse the same writes
    const direct = await app().inject(
      withSession(analyst, {
        method: 'POST',
        url: '/api/enterprises',
        payload: enterpriseBody(newOutside),
      }),
    )
    expect(direct.statusCode).toBe(403)
    const directDelete = await app().inject(
      withSession(analyst, {
        method: 'DELETE',
        url: `/api/enterprises/${stored.id}`,
      }),
    )
    expect(directDelete.statusCode).toBe(403)

    const response = await post(analyst, rows)
    expect(response.statusCode, response.body).toBe(422)
    const report = response.json<ImportReport>()
    expect(report.committed).toBe(false)
    expect(report.errors.map((e) => [e.row, e.column, e.value])).toEqual([
      [3, 'lon', `${newOutside.lon} ${newOutside.lat}`],
      [4, 'national_id', outsideId],
      [5, 'national_id', outsideId],
    ])
    for (const error of report.errors) expect(error.reason).toMatch(/^outside your regions: /)
    expect(report.errors[1]?.reason).toContain(`enterprise ${stored.id}`)
    expect(report.rowOutcomes.map((o) => [o.row, o.status])).toEqual([
      [2, 'new'],
      [3, 'error'],
      [4, 'error'],
      [5, 'error'],
    ])
    expect(report.enterprisesCreated).toBe(1) // only the allowed one would have been created
    expect({ inside: await countInArea(db, inside), outside: await countInArea(db, outside) }).toEqual(before)
    const name = await db
      .selectFrom('enterprises')
      .select('name')
      .where('id', '=', stored.id)
      .executeTakeFirstOrThrow()
    expect(name.name).toBe('Test enterprise')
  })

  it('refuses moving a stored enterprise of the regions out of them, on the location column', async () => {
    const { db, inside, outside, analyst } = await analystWithRegion()
    const nationalId = uniqueNationalId()
    await newEnterprise(db, at(inside), { national_id: nationalId })
    const target = at(outside)
    const response = await post(analyst, [importRow(target, { national_id: nationalId })])
    expect(response.statusCode, response.body).toBe(422)
    const [error] = response.json<ImportReport>().errors
    expect(error).toMatchObject({ row: 2, column: 'lon', value: `${target.lon} ${target.lat}` })
    expect(error?.reason).toMatch(/^outside your regions: .*would move/)
    expect(await countInArea(db, outside)).toEqual({ enterprises: 0, streams: 0 })
  })

  it('imports rows inside the regions: a new site and a stored member, matched and updated', async () => {
    const { db, inside, analyst } = await analystWithRegion()
    const nationalId = uniqueNationalId()
    const stored = await newEnterprise(db, at(inside, 0.2, 0.2), { national_id: nationalId })
    const response = await post(analyst, [
      importRow(at(inside), { name: 'New Inside Works' }),
      importRow(at(inside, 0.2, 0.2), { national_id: nationalId, employees: '77' }),
    ])
    expect(response.statusCode, response.body).toBe(201)
    expect(response.json<ImportReport>()).toMatchObject({
      errorCount: 0,
      enterprisesCreated: 1,
      enterprisesMatched: 1,
      streamsCreated: 2,
    })
    expect(await countInArea(db, inside)).toEqual({ enterprises: 2, streams: 2 })
    const employees = await db
      .selectFrom('enterprises')
      .select('employees')
      .where('id', '=', stored.id)
      .executeTakeFirstOrThrow()
    expect(employees.employees).toBe(77)
  })

  it('an analyst without regions imports nothing; an admin imports the same rows anywhere', async () => {
    const { db } = await testDatabase()
    const area = testArea()
    await newRegion(db, { west: area.lon, south: area.lat, east: area.lon + 1, north: area.lat + 1 })
    const nobody = await signIn(app(), (await newUser(db, 'analyst')).email)
    const rows = [importRow(at(area))]
    const refused = await post(nobody, rows)
    expect(refused.statusCode).toBe(422)
    expect(refused.json<ImportReport>().errors[0]?.reason).toMatch(/^outside your regions/)
    const admin = await signIn(app(), (await newUser(db, 'admin')).email)
    const done = await post(admin, rows)
    expect(done.statusCode, done.body).toBe(201)
    expect(await countInArea(db, area)).toEqual({ enterprises: 1, streams: 1 })
  })

  it('officials and enterprise users may not import at all, as the access rule says', async () => {
    const { db } = await testDatabase()
    const area = testArea()
    const own = await newEnterprise(db, at(area))
    const rows = [importRow(at(area))]
    for (const user of [
      await newUser(db, 'official'),
      await newUser(db, 'enterprise', { enterpriseId: own.id }),
    ]) {
      const response = await post(await signIn(app(), user.email), rows)
      expect(response.statusCode).toBe(403)
    }
    expect(await countInArea(db, area)).toEqual({ enterprises: 1, streams: 0 })
  })
})
