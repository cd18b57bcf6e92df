import type { Kysely } from 'kysely'
import type { DB } from '../src/db/schema.js'
import { newPermit } from './factories-enterprises.js'
import { uniqueName } from './factories-regions.js'
import { newEnterprise, newRegion, newWasteStream, testArea } from './factories.js'
import { tileAt, tileCentre } from '../src/geo/tile-address.js'

export type TileFixture = Awaited<ReturnType<typeof tileFixture>>

/**
 * A small map whose tiles are known by hand, inside one zoom-10 tile of a fresh test area:
 * two adjacent admin2 regions (west, east) in a pilot region, and four enterprises —
 *   A (west):  100 t 10 01 01 by R5, offered as by-product, + 5 t hazardous 13 02 05* by R9
 *   B (east):  2,500 kg a month (30 t/year) of 02 03 04 by D1
 *   C:         on the west/east boundary, no streams
 *   D (east):  10 t of 15 01 01 with no route; permits R4 (10 01, 10 02; 500 t) and D1 (any; 100 t)
 * Names share a unique prefix, so `q=<prefix>` isolates them from other tests' rows.
 */
export async function tileFixture(db: Kysely<DB>) {
  const area = testArea()
  const tile = tileAt(area.lon + 0.5, area.lat + 0.5, 10)
  const { lon, lat } = tileCentre(tile)
  const d = 0.1
  const west = await newRegion(
    db,
    { west: lon - d, south: lat - d, east: lon, north: lat + d },
    'West',
    'admin2',
  )
  const east = await newRegion(
    db,
    { west: lon, south: lat - d, east: lon + d, north: lat + d },
    'East',
    'admin2',
  )
  const parent = await newRegion(
    db,
    { west: lon - d, south: lat - d, east: lon + d, north: lat + d },
    'Both',
    'pilot',
  )

  const prefix = uniqueName('Tiles')
  const a = await newEnterprise(db, { lon: lon - 0.05, lat }, { name: `${prefix} A`, size_class: 'large' })
  await newWasteStream(db, a.id, {
    ewc_code: '100101',
    quantity: 100,
    route_code: 'R5',
    offered_as_byproduct: true,
  })
  await newWasteStream(db, a.id, { ewc_code: '130205', quantity: 5, route_code: 'R9' })
  const b = await newEnterprise(db, { lon: lon + 0.05, lat }, { name: `${prefix} B`, nace_code: '10.71' })
  await newWasteStream(db, b.id, {
    ewc_code: '020304',
    quantity: 2500,
    unit: 'kg',
    period: 'month',
    route_code: 'D1',
  })
  const c = await newEnterprise(db, { lon, lat: lat - 0.05 }, { name: `${prefix} C` })
  const dd = await newEnterprise(
    db,
    { lon: lon + 0.05, lat: lat + 0.05 },
    { name: `${prefix} D`, nace_code: '38.32' },
  )
  await newWasteStream(db, dd.id, { ewc_code: '150101', quantity: 10 })
  await newPermit(db, dd.id, { operation: 'R4', accepted_ewc: ['1001', '1002'], capacity_t_per_year: 500 })
  await newPermit(db, dd.id, { operation: 'D1', accepted_ewc: [], capacity_t_per_year: 100 })

  return {
    prefix,
    tile,
    centre: { lon, lat },
    names: ['A', 'B', 'C', 'D'].map((letter) => `${prefix} ${letter}`),
    ids: { a: a.id, b: b.id, c: c.id, d: dd.id, west: west.id, east: east.id, parent: parent.id },
  }
}
