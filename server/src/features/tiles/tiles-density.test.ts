import { CompiledQuery } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/database.js'
import type { TileAddress } from '../../geo/tile-address.js'
import { tileCentre } from '../../geo/tile-address.js'
import { testDatabase } from '../../../test/database.js'
import { uniqueName } from '../../../test/factories-regions.js'
import { isolatedTestArea, newEnterprise, newWasteStream } from '../../../test/factories.js'
import { decodeTile, tileAt } from '../../../test/tiles.js'
import { tileService } from './service.js'

// Issue 14, "test density with the bounded count before building points": a tile above the
// point limit is decided dense from a count stopped at the limit + 1, and its points are never
// built (a dense z11 tile used to build and encode 4,001 points, then cluster).
const YEAR = 2024
const POINT_LIMIT = 5
const staff = { seesSmallCells: true, minEnterprises: 0 }

let prefix: string
let tile: TileAddress

beforeAll(async () => {
  const { db } = await testDatabase()
  const area = isolatedTestArea()
  prefix = uniqueName('Tile density')
  tile = tileAt(area.lon + 0.5, area.lat + 0.5, 11)
  const { lon, lat } = tileCentre(tile)
  // eight enterprises in one z11 tile: three "few", five "many" (q picks either or all)
  for (let i = 0; i < 8; i++) {
    const name = `${prefix} ${i < 3 ? 'few' : 'many'} ${i}`
    const e = await newEnterprise(db, { lon: lon + i * 0.001, lat }, { name })
    await newWasteStream(db, e.id, { quantity: 10 + i, survey_year: YEAR })
  }
})

/** The database with every statement run through it recorded (SQL and parameters). */
function recorded(database: Database) {
  const statements: CompiledQuery[] = []
  const executor = database.db.getExecutor()
  const db = database.db.withPlugin({
    transformQuery: (args) => {
      statements.push(executor.compileQuery(args.node, args.queryId))
      return args.node
    },
    transformResult: (args) => Promise.resolve(args.result),
  })
  return { database: { ...database, db }, statements }
}

type PlanNode = { 'Relation Name'?: string; 'Actual Loops'?: number; Plans?: PlanNode[] }

/**
 * The tables the statements read when run again under EXPLAIN ANALYZE: those of the plan nodes
 * that ran at least once (a subquery behind a CASE not taken is planned, never executed).
 */
async function tablesRead(database: Database, statements: CompiledQuery[]) {
  const tables = new Set<string>()
  const visit = (node: PlanNode) => {
    if (node['Relation Name'] && (node['Actual Loops'] ?? 0) > 0) tables.add(node['Relation Name'])
    for (const child of node.Plans ?? []) visit(child)
  }
  for (const statement of statements) {
    const result = await database.db.executeQuery<Record<string, unknown>>(
      CompiledQuery.raw(`explain (analyze, format json) ${statement.sql}`, [...statement.parameters]),
    )
    const plan = Object.values(result.rows[0] ?? {})[0]
    const parsed = (typeof plan === 'string' ? JSON.parse(plan) : plan) as { Plan: PlanNode }[]
    for (const { Plan } of parsed) visit(Plan)
  }
  return tables
}

async function tileOf(q: string) {
  const { database, statements } = recorded(await testDatabase())
  const tiles = tileService(database, { maxPointsPerTile: POINT_LIMIT })
  const answer = await tiles.tile(
    { layer: 'enterprises', ...tile },
    { q, surveyYear: YEAR },
    undefined,
    staff,
  )
  if (answer.kind !== 'tile') throw new Error(`expected a tile, got ${answer.kind}`)
  return { layers: decodeTile(answer.bytes), tables: await tablesRead(database, statements) }
}

describe('the density of an enterprise tile', () => {
  it('clusters a tile above the point limit without ever building its points', async () => {
    const { layers, tables } = await tileOf(prefix)
    expect(layers.enterprises).toBeUndefined()
    expect(layers.enterprise_clusters?.reduce((n, f) => n + Number(f.properties.enterpriseCount), 0)).toBe(8)
    // the clusters read enterprises and streams; only the points join the NACE sections
    expect(tables).toContain('enterprises')
    expect(tables).not.toContain('nace_codes')
  })

  it('still draws a tile within the point limit as points', async () => {
    const { layers, tables } = await tileOf(`${prefix} few`)
    expect(layers.enterprise_clusters).toBeUndefined()
    expect(layers.enterprises?.map((f) => f.properties.name).sort()).toEqual(
      [0, 1, 2].map((i) => `${prefix} few ${i}`),
    )
    expect(tables).toContain('nace_codes')
  })
})
