import { VectorTile } from '@mapbox/vector-tile'
import type { FastifyInstance } from 'fastify'
import { type Kysely, sql } from 'kysely'
import { PbfReader } from 'pbf'
import type { DB } from '../../server/src/db/schema.js'
import { CSRF_HEADER } from '../../server/src/contract/accounts.js'
import { hashPassword } from '../../server/src/features/accounts/password.js'
import { type TileAddress, tileAt } from '../../server/src/geo/tile-address.js'

export type BenchTile = TileAddress

/**
 * Tiles where the enterprises are, per zoom: the tiles of a fixed spread of synthetic enterprises
 * (every k-th by id, so the same tiles on every run), without duplicates.
 */
export async function sampleTiles(db: Kysely<DB>, zooms: number[], perZoom: number): Promise<BenchTile[]> {
  const points = await sql<{ lon: number; lat: number }>`select ST_X(geom) as lon, ST_Y(geom) as lat
    from enterprises where national_id like 'SYN-%' order by id`.execute(db)
  const rows = points.rows
  if (rows.length === 0) throw new Error('no synthetic enterprises loaded')
  const tiles: BenchTile[] = []
  for (const z of zooms) {
    const seen = new Set<string>()
    const step = Math.max(1, Math.floor(rows.length / (perZoom * 4)))
    for (let i = 0; i < rows.length && seen.size < perZoom; i += step) {
      const row = rows[i]
      if (!row) continue
      const tile = tileAt(row.lon, row.lat, z)
      const key = `${tile.x}/${tile.y}`
      if (!seen.has(key)) {
        seen.add(key)
        tiles.push(tile)
      }
    }
  }
  return tiles
}

export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const start = performance.now()
  const result = await work()
  return { ms: performance.now() - start, result }
}

export function summarise(ms: number[]): { p50: number; p95: number } {
  const sorted = [...ms].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0
  return { p50: at(0.5), p95: at(0.95) }
}

/** Features in all layers of an encoded tile. */
export function countFeatures(bytes: Uint8Array): number {
  if (bytes.length === 0) return 0
  const tile = new VectorTile(new PbfReader(bytes))
  return Object.values(tile.layers).reduce((sum, layer) => sum + layer.length, 0)
}

/**
 * Request headers of a signed-in official (the benches measure what staff get: single
 * enterprises).
 */
export function officialHeaders(app: FastifyInstance, db: Kysely<DB>): Promise<Record<string, string>> {
  return signedInHeaders(app, db, 'official')
}

/**
 * Request headers of the bench's own account of `role`, created on first use: the session cookie
 * and its CSRF token (sent by the browser with every write).
 */
export async function signedInHeaders(
  app: FastifyInstance,
  db: Kysely<DB>,
  role: 'official' | 'admin',
): Promise<Record<string, string>> {
  const email = `bench-${role}@bench.loopmap`
  const password = `bench ${role} password`
  const exists = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()
  if (!exists) {
    await db
      .insertInto('users')
      .values({ email, password_hash: await hashPassword(password), role })
      .execute()
  }
  const response = await app.inject({ method: 'POST', url: '/api/session', payload: { email, password } })
  const cookie = response.cookies.find((c) => c.name === 'loopmap_session')
  if (!cookie) throw new Error(`bench sign-in failed: ${response.body}`)
  return {
    cookie: `loopmap_session=${cookie.value}`,
    [CSRF_HEADER]: String(response.json<{ csrfToken?: string }>().csrfToken),
  }
}
