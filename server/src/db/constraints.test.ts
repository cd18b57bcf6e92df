import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { testDatabase } from '../../test/database.js'
import { newEnterprise, newRegion, newWasteStream, testArea } from '../../test/factories.js'
import type { Database } from './database.js'
import { stPoint } from './postgis.js'

// The database refuses bad data on its own, whatever the application above it checks.
let database: Database
beforeAll(async () => {
  database = await testDatabase()
})

describe('geometry constraints', () => {
  it('refuses a self-intersecting region polygon (bow-tie)', async () => {
    const bowTie = sql<string>`ST_GeomFromText('MULTIPOLYGON(((0 0,1 1,1 0,0 1,0 0)))', 4326)`
    await expect(
      database.db.insertInto('regions').values({ name: 'bow-tie', level: 'custom', geom: bowTie }).execute(),
    ).rejects.toThrow(/violates check constraint/)
  })

  it('refuses an empty geometry and coordinates out of range', async () => {
    const empty = sql<string>`ST_GeomFromText('MULTIPOLYGON EMPTY', 4326)`
    await expect(
      database.db.insertInto('regions').values({ name: 'empty', level: 'custom', geom: empty }).execute(),
    ).rejects.toThrow(/violates check constraint/)
    await expect(newEnterprise(database.db, { lon: 200, lat: 10 })).rejects.toThrow(
      /violates check constraint/,
    )
    await expect(newEnterprise(database.db, { lon: 10, lat: -95 })).rejects.toThrow(
      /violates check constraint/,
    )
  })

  it('refuses a point where a polygon belongs', async () => {
    await expect(
      database.db
        .insertInto('regions')
        .values({ name: 'point', level: 'custom', geom: stPoint(1, 1) })
        .execute(),
    ).rejects.toThrow(/MultiPolygon|geometry type/i)
  })
})

describe('waste stream constraints', () => {
  it('refuses an unknown EWC code, a chapter code and an unknown NACE code', async () => {
    const area = testArea()
    const { id } = await newEnterprise(database.db, area)
    await expect(newWasteStream(database.db, id, { ewc_code: '109999' })).rejects.toThrow(/foreign key/)
    await expect(newWasteStream(database.db, id, { ewc_code: '10' })).rejects.toThrow(
      /violates check constraint/,
    )
    await expect(newEnterprise(database.db, area, { nace_code: '99.99' })).rejects.toThrow(/foreign key/)
  })

  it('refuses a negative quantity, an invalid R/D code and a volume without density', async () => {
    const { id } = await newEnterprise(database.db, testArea())
    await expect(newWasteStream(database.db, id, { quantity: -1 })).rejects.toThrow(
      /violates check constraint/,
    )
    await expect(newWasteStream(database.db, id, { route_code: 'R14' })).rejects.toThrow(
      /violates check constraint/,
    )
    await expect(newWasteStream(database.db, id, { route_code: 'D0' })).rejects.toThrow(
      /violates check constraint/,
    )
    await expect(newWasteStream(database.db, id, { unit: 'm3' })).rejects.toThrow(/violates check constraint/)
    await expect(newWasteStream(database.db, id, { period: 'batch' })).rejects.toThrow(
      /violates check constraint/,
    )
  })

  it('normalises quantities to tonnes per year in the database', async () => {
    const { id } = await newEnterprise(database.db, testArea())
    const cases = [
      [{ quantity: 2500, unit: 'kg', period: 'year' }, 2.5],
      [{ quantity: 3, unit: 't', period: 'month' }, 36],
      [{ quantity: 10, unit: 'm3', period: 'year', density_t_per_m3: 1.2 }, 12],
      [{ quantity: 500, unit: 'l', period: 'month', density_t_per_m3: 0.9 }, 5.4],
      [{ quantity: 4, unit: 't', period: 'batch', batches_per_year: 6 }, 24],
    ] as const
    for (const [input, tonnes] of cases) {
      const stream = await newWasteStream(database.db, id, input)
      expect(stream.quantity_t_per_year).toBeCloseTo(tonnes, 9)
    }
  })

  it('takes the hazardous flag from the EWC entry, on insert and when the code changes', async () => {
    const { id } = await newEnterprise(database.db, testArea())
    const flyAshOil = await newWasteStream(database.db, id, { ewc_code: '100104' }) // oil fly ash and boiler dust*
    expect(flyAshOil.hazardous).toBe(true)
    const updated = await database.db
      .updateTable('waste_streams')
      .set({ ewc_code: '100101' })
      .where('id', '=', flyAshOil.id)
      .returning('hazardous')
      .executeTakeFirstOrThrow()
    expect(updated.hazardous).toBe(false)
  })
})

describe('derived region', () => {
  it('puts an enterprise in the smallest region containing it, and none outside every region', async () => {
    const { lon, lat } = testArea()
    const outer = await newRegion(
      database.db,
      { west: lon, south: lat, east: lon + 1, north: lat + 1 },
      'outer',
      'pilot',
    )
    const inner = await newRegion(
      database.db,
      { west: lon, south: lat, east: lon + 0.5, north: lat + 0.5 },
      'inner',
      'admin2',
    )
    expect((await newEnterprise(database.db, { lon: lon + 0.25, lat: lat + 0.25 })).region_id).toBe(inner.id)
    expect((await newEnterprise(database.db, { lon: lon + 0.75, lat: lat + 0.75 })).region_id).toBe(outer.id)
    expect((await newEnterprise(database.db, { lon: lon + 1.5, lat: lat + 0.5 })).region_id).toBeNull()
  })

  it('counts an enterprise on a shared boundary in exactly one region', async () => {
    const { lon, lat } = testArea()
    const west = await newRegion(
      database.db,
      { west: lon, south: lat, east: lon + 0.5, north: lat + 1 },
      'west',
    )
    const east = await newRegion(
      database.db,
      { west: lon + 0.5, south: lat, east: lon + 1, north: lat + 1 },
      'east',
    )
    const onEdge = await newEnterprise(database.db, { lon: lon + 0.5, lat: lat + 0.5 })
    expect([west.id, east.id]).toContain(onEdge.region_id)
  })

  it('re-derives enterprises when a region is added or removed', async () => {
    const { lon, lat } = testArea()
    const enterprise = await newEnterprise(database.db, { lon: lon + 0.5, lat: lat + 0.5 })
    expect(enterprise.region_id).toBeNull()
    const region = await newRegion(database.db, { west: lon, south: lat, east: lon + 1, north: lat + 1 })
    const regionOf = async () =>
      (
        await database.db
          .selectFrom('enterprises')
          .select('region_id')
          .where('id', '=', enterprise.id)
          .executeTakeFirstOrThrow()
      ).region_id
    expect(await regionOf()).toBe(region.id)
    await database.db.deleteFrom('regions').where('id', '=', region.id).execute()
    expect(await regionOf()).toBeNull()
  })
})

describe('audit log', () => {
  it('is append-only: updates and deletes are refused by the database', async () => {
    const row = await database.db
      .insertInto('audit_log')
      .values({
        entity: 'test',
        entity_id: '1',
        action: 'create',
        before: null,
        after: JSON.stringify({ a: 1 }),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await expect(
      database.db.updateTable('audit_log').set({ entity: 'changed' }).where('id', '=', row.id).execute(),
    ).rejects.toThrow(/append-only/)
    await expect(database.db.deleteFrom('audit_log').where('id', '=', row.id).execute()).rejects.toThrow(
      /append-only/,
    )
  })
})
