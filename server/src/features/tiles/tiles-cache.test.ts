import { gunzipSync } from 'node:zlib'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TileAddress } from '../../geo/tile-address.js'
import { tileCentre } from '../../geo/tile-address.js'
import { buildTestApp } from '../../../test/build-app.js'
import { testDatabase } from '../../../test/database.js'
import { uniqueName } from '../../../test/factories-regions.js'
import { isolatedTestArea, newEnterprise, newWasteStream } from '../../../test/factories.js'
import { decodeTile, tileAt } from '../../../test/tiles.js'
import { tileService } from './service.js'
import { acceptsGzip, tileBodyCache } from './tile-cache.js'

// Issue 14: encoded tiles kept by ETag (bounded in bytes, least recently used out), gzip when
// the client accepts it, and Cache-Control: public for the public's tiles.
const YEAR = 2024
const staff = { seesSmallCells: true, minEnterprises: 0 }
const publicViewer = { seesSmallCells: false, minEnterprises: 3 }

let prefix: string
let tile: TileAddress
/** Three neighbouring z12 tiles east of `tile`, one enterprise each. */
let row: TileAddress[]

beforeAll(async () => {
  const { db } = await testDatabase()
  const area = isolatedTestArea()
  prefix = uniqueName('Tile cache')
  tile = tileAt(area.lon + 0.3, area.lat + 0.3, 12)
  const { lon, lat } = tileCentre(tile)
  // thirty enterprises in one tile, so its body is large enough for gzip to pay
  for (let i = 0; i < 30; i++) {
    const e = await newEnterprise(db, { lon: lon + i * 0.0005, lat }, { name: `${prefix} ${i}` })
    await newWasteStream(db, e.id, { quantity: 10 + i, survey_year: YEAR })
  }
  row = [1, 2, 3].map((dx) => ({ ...tile, x: tile.x + dx }))
  for (const [i, t] of row.entries()) {
    const e = await newEnterprise(db, tileCentre(t), { name: `${prefix} row ${i}` })
    await newWasteStream(db, e.id, { quantity: 5, survey_year: YEAR })
  }
})

const enterprisesAt = (t: TileAddress) => ({ layer: 'enterprises' as const, ...t })
const bodyOf = (answer: { kind: string; bytes?: Uint8Array }) => {
  if (answer.kind !== 'tile' || !answer.bytes) throw new Error(`expected a tile, got ${answer.kind}`)
  return answer.bytes
}

describe('the tile cache', () => {
  it('serves a repeated tile from the cache, shared by viewers of one disclosure, never across', async () => {
    const tiles = tileService(await testDatabase())
    const query = { q: prefix, surveyYear: YEAR }
    const first = await tiles.tile(enterprisesAt(tile), query, undefined, staff)
    expect(tiles.cacheStats()).toMatchObject({ hits: 0, misses: 1, entries: 1 })
    const again = await tiles.tile(enterprisesAt(tile), query, undefined, staff)
    expect(tiles.cacheStats()).toMatchObject({ hits: 1, misses: 1, entries: 1 })
    expect(again.etag).toBe(first.etag)
    expect(Buffer.from(bodyOf(again)).equals(Buffer.from(bodyOf(first)))).toBe(true)
    // the public (no free text) gets its own entry, and two of them share it
    const publicQuery = { surveyYear: YEAR }
    const shown = await tiles.tile(enterprisesAt(tile), publicQuery, undefined, publicViewer)
    expect(tiles.cacheStats()).toMatchObject({ hits: 1, misses: 2, entries: 2 })
    await tiles.tile(enterprisesAt(tile), publicQuery, undefined, { ...publicViewer })
    expect(tiles.cacheStats()).toMatchObject({ hits: 2, misses: 2, entries: 2 })
    expect(decodeTile(bodyOf(shown)).enterprises).toBeUndefined()
    expect(decodeTile(bodyOf(shown)).enterprise_clusters?.length).toBeGreaterThan(0)
    // staff with the public's query still get single enterprises: another ETag, another entry
    const staffNoText = await tiles.tile(enterprisesAt(tile), publicQuery, undefined, staff)
    expect(staffNoText.etag).not.toBe(shown.etag)
    expect(decodeTile(bodyOf(staffNoText)).enterprises?.length).toBeGreaterThan(0)
  })

  it('builds the tile anew after a write in it', async () => {
    const { db } = await testDatabase()
    const tiles = tileService(await testDatabase())
    const query = { q: prefix, surveyYear: YEAR }
    const names = (bytes: Uint8Array) =>
      (decodeTile(bytes).enterprises ?? []).map((f) => String(f.properties.name)).sort()
    const before = await tiles.tile(enterprisesAt(tile), query, undefined, staff)
    const added = await newEnterprise(db, tileCentre(tile), { name: `${prefix} added` })
    await newWasteStream(db, added.id, { quantity: 1, survey_year: YEAR })
    const after = await tiles.tile(enterprisesAt(tile), query, undefined, staff)
    expect(after.etag).not.toBe(before.etag)
    expect(names(bodyOf(after))).toContain(`${prefix} added`)
    expect(names(bodyOf(before))).not.toContain(`${prefix} added`)
    expect(tiles.cacheStats().hits).toBe(0)
    await db.deleteFrom('waste_streams').where('enterprise_id', '=', added.id).execute()
    await db.deleteFrom('enterprises').where('id', '=', added.id).execute()
  })

  it('holds at most its bound in bytes, dropping the least recently used tile first', async () => {
    const query = { q: prefix, surveyYear: YEAR }
    const [a, b, c] = row.map(enterprisesAt)
    if (!a || !b || !c) throw new Error('three tiles expected')
    // the size of each tile's entry, from a cache large enough for all
    const measure = tileService(await testDatabase())
    const sizes: number[] = []
    for (const t of [a, b, c]) {
      const held = measure.cacheStats().bytes
      await measure.tile(t, query, undefined, staff)
      sizes.push(measure.cacheStats().bytes - held)
    }
    // room for any two of the three, not for all three
    const bound = sizes.reduce((sum, n) => sum + n, 0) - 1
    const tiles = tileService(await testDatabase(), { cacheBytes: bound })
    const misses = async (t: typeof a) => {
      const before = tiles.cacheStats().misses
      await tiles.tile(t, query, undefined, staff)
      expect(tiles.cacheStats().bytes).toBeLessThanOrEqual(bound)
      return tiles.cacheStats().misses - before
    }
    expect(await misses(a)).toBe(1)
    expect(await misses(b)).toBe(1)
    expect(await misses(a)).toBe(0) // a is now the most recently used
    expect(await misses(c)).toBe(1) // evicts b
    expect(tiles.cacheStats().entries).toBe(2)
    expect(await misses(a)).toBe(0)
    expect(await misses(b)).toBe(1)
  })

  it('keeps nothing larger than its bound', () => {
    const cache = tileBodyCache(100)
    cache.set('big', { bytes: new Uint8Array(200), gzipped: null })
    expect(cache.get('big')).toBeUndefined()
    cache.set('a', { bytes: new Uint8Array(40), gzipped: new Uint8Array(10) })
    // a holds 51 bytes (key, body, gzip); b's 61 more would pass the bound: a goes
    cache.set('b', { bytes: new Uint8Array(60), gzipped: null })
    expect(cache.stats()).toMatchObject({ entries: 1, bytes: 61 })
    expect(cache.get('a')).toBeUndefined()
  })
})

describe('tile responses', () => {
  let publicApp: FastifyInstance
  let staffApp: FastifyInstance
  beforeAll(async () => {
    publicApp = await buildTestApp({ as: 'public' })
    staffApp = await buildTestApp({ as: 'official' })
  })
  afterAll(async () => {
    await publicApp?.close()
    await staffApp?.close()
  })
  const url = () =>
    `/api/tiles/enterprises/${tile.z}/${tile.x}/${tile.y}.mvt?surveyYear=${YEAR}&q=${encodeURIComponent(prefix)}`

  it('are gzipped when the client accepts it, to the same tile, and plain when it does not', async () => {
    const plain = await staffApp.inject({ method: 'GET', url: url() })
    expect(plain.statusCode).toBe(200)
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.headers.vary).toContain('Accept-Encoding')
    const zipped = await staffApp.inject({
      method: 'GET',
      url: url(),
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    })
    expect(zipped.statusCode).toBe(200)
    expect(zipped.headers['content-encoding']).toBe('gzip')
    expect(zipped.headers.vary).toContain('Accept-Encoding')
    expect(zipped.headers.etag).toBe(plain.headers.etag)
    expect(zipped.rawPayload.length).toBeLessThan(plain.rawPayload.length)
    const unzipped = gunzipSync(zipped.rawPayload)
    expect(unzipped.equals(plain.rawPayload)).toBe(true)
    expect(decodeTile(unzipped).enterprises).toHaveLength(30)
    const refused = await staffApp.inject({
      method: 'GET',
      url: url(),
      headers: { 'accept-encoding': 'gzip;q=0, identity' },
    })
    expect(refused.headers['content-encoding']).toBeUndefined()
    expect(refused.rawPayload.equals(plain.rawPayload)).toBe(true)
  })

  it('may be held a minute by a shared cache for the public, and are private for the signed in', async () => {
    const publicUrl = `/api/tiles/enterprises/${tile.z}/${tile.x}/${tile.y}.mvt?surveyYear=${YEAR}`
    const shown = await publicApp.inject({ method: 'GET', url: publicUrl })
    expect(shown.statusCode).toBe(200)
    expect(shown.headers['cache-control']).toBe('public, max-age=60')
    expect(shown.headers.vary).toContain('Cookie')
    const signedIn = await staffApp.inject({ method: 'GET', url: publicUrl })
    expect(signedIn.headers['cache-control']).toBe('private, no-cache')
  })

  it('read Accept-Encoding as RFC 9110 says', () => {
    expect(acceptsGzip(undefined)).toBe(false)
    expect(acceptsGzip('')).toBe(false)
    expect(acceptsGzip('identity')).toBe(false)
    expect(acceptsGzip('gzip')).toBe(true)
    expect(acceptsGzip('br;q=1.0, GZIP;q=0.5')).toBe(true)
    expect(acceptsGzip('gzip;q=0')).toBe(false)
    expect(acceptsGzip('*')).toBe(true)
    expect(acceptsGzip('*;q=0.1, gzip;q=0')).toBe(false)
  })
})
