import type { FastifyInstance } from 'fastify'
import { type Kysely, sql } from 'kysely'
import type { Position } from '../src/contract/geojson.js'
import type { RegionFeature, RegionLevel } from '../src/contract/regions.js'
import type { DB } from '../src/db/schema.js'
import type { Box } from './factories.js'

/** A closed ring around a box, counter-clockwise. */
export function boxRing({ west, south, east, north }: Box): Position[] {
  return [
    [west, south],
    [east, south],
    [east, north],
    [west, north],
    [west, south],
  ]
}

/** A bow-tie: the ring crosses itself in the middle of the box. */
export function bowTieRing({ west, south, east, north }: Box): Position[] {
  return [
    [west, south],
    [east, north],
    [east, south],
    [west, north],
    [west, south],
  ]
}

/** A region Feature as a client sends it, with a Polygon geometry by default. */
export function regionFeatureBody(
  geometry: unknown,
  properties: Partial<{
    name: string
    level: RegionLevel
    code: string
    parentId: number
    version: number
  }> = {},
) {
  return { type: 'Feature', geometry, properties: { name: uniqueName(), ...properties } }
}

export function polygon(...rings: Position[][]) {
  return { type: 'Polygon', coordinates: rings }
}

let counter = 0
/** Names no other test uses, so a test can ask "was anything written under this name?". */
export function uniqueName(prefix = 'Region'): string {
  counter += 1
  return `${prefix} ${process.pid}-${Date.now()}-${counter}`
}

/** Creates a region through the API and returns it (fails the test if refused). */
export async function postRegion(
  app: FastifyInstance,
  box: Box,
  name = uniqueName(),
): Promise<RegionFeature & { id: number }> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/regions',
    payload: regionFeatureBody(polygon(boxRing(box)), { name }),
  })
  if (response.statusCode !== 201)
    throw new Error(`POST /api/regions: ${response.statusCode} ${response.body}`)
  const region = response.json<RegionFeature>()
  return { ...region, id: region.properties.id }
}

export async function regionsNamed(db: Kysely<DB>, ...names: string[]) {
  return db.selectFrom('regions').select(['id', 'name']).where('name', 'in', names).execute()
}

export async function enterpriseRegion(db: Kysely<DB>, enterpriseId: number): Promise<number | null> {
  const row = await db
    .selectFrom('enterprises')
    .select('region_id')
    .where('id', '=', enterpriseId)
    .executeTakeFirstOrThrow()
  return row.region_id
}

/** PostGIS's verdict on a stored region, and its area in square degrees. */
export async function storedValidity(db: Kysely<DB>, id: number) {
  const result = await sql<{ valid: boolean; area: number; parts: number }>`
    select ST_IsValid(geom) as valid, ST_Area(geom) as area, ST_NumGeometries(geom) as parts
      from regions where id = ${id}`.execute(db)
  const row = result.rows[0]
  if (!row) throw new Error(`region ${id} not stored`)
  return { valid: row.valid, area: Number(row.area), parts: Number(row.parts) }
}

export async function regionAudit(db: Kysely<DB>, id: number) {
  return db
    .selectFrom('audit_log')
    .select(['action', 'before', 'after'])
    .where('entity', '=', 'region')
    .where('entity_id', '=', String(id))
    .orderBy('id')
    .execute()
}
