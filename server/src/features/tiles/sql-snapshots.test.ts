import { describe, expect, it } from 'vitest'
import { enterpriseTileProperties, PUBLIC_CLUSTER_GRID_ZOOM } from '../../contract/tiles.js'
import { regionTotalsSql } from '../../domain/region/totals.js'
import { testDatabase } from '../../../test/database.js'
import { compiledSql } from '../../../test/sql.js'
import {
  enterpriseClusters,
  enterprisePoints,
  geoJsonLayerSql,
  hexbins,
  mvtLayerSql,
  densityAndPointsSql,
  publicTreatmentSites,
  regionPolygons,
  tileProbeSql,
  treatmentSites,
} from './queries.js'

// The SQL of each tile layer, committed in __sql__/ (see test/sql.ts). A change to a query shows
// here as a diff; run the tests to rewrite the files, and commit them (CI does not write them).
const tile = { z: 12, x: 100, y: 3000 }
const noFilters = {}
const publicDisclosure = { seesSmallCells: false, minEnterprises: 3 }

describe('the SQL of the tile layers', () => {
  it.each([
    ['enterprises-points', async () => enterprisePoints((await testDatabase()).db, noFilters, tile)],
    ['enterprises-clusters', async () => enterpriseClusters((await testDatabase()).db, noFilters, tile)],
    [
      'enterprises-clusters-public',
      async () =>
        enterpriseClusters((await testDatabase()).db, noFilters, tile, {
          gridZoom: PUBLIC_CLUSTER_GRID_ZOOM,
          minEnterprises: 3,
        }),
    ],
    ['regions', async () => regionPolygons(tile, '[]', publicDisclosure)],
    ['region-totals', async () => regionTotalsSql((await testDatabase()).db, noFilters, { noisy: false })],
    [
      'region-totals-public',
      async () => regionTotalsSql((await testDatabase()).db, noFilters, { noisy: true }),
    ],
    ['treatment-sites', async () => treatmentSites((await testDatabase()).db, { ewc: '1001' }, tile)],
    [
      'treatment-sites-public',
      async () =>
        publicTreatmentSites((await testDatabase()).db, { ewc: '1001' }, tile, PUBLIC_CLUSTER_GRID_ZOOM),
    ],
    ['hexbins', async () => hexbins((await testDatabase()).db, noFilters, tile, publicDisclosure)],
    ['tile-probe', async () => tileProbeSql((await testDatabase()).db, noFilters, tile, 5000)],
  ])('%s', async (name, query) => {
    await expect(await compiledSql(await query())).toMatchFileSnapshot(`./__sql__/${name}.sql`)
  })

  it('encodes a layer with ST_AsMVT on PostgreSQL and as GeoJSON for Node on PGlite', async () => {
    const layer = {
      name: 'regions',
      features: regionPolygons(tile, '[]', { seesSmallCells: true, minEnterprises: 3 }),
      properties: ['id', 'name'],
      hasId: true,
    }
    await expect(await compiledSql(mvtLayerSql(layer, tile))).toMatchFileSnapshot('./__sql__/encode-mvt.sql')
    await expect(await compiledSql(geoJsonLayerSql(layer))).toMatchFileSnapshot(
      './__sql__/encode-geojson.sql',
    )
  })

  it('answers a first point tile in one statement, building the points only when not dense', async () => {
    const { db } = await testDatabase()
    const points = {
      name: 'enterprises',
      properties: Object.keys(enterpriseTileProperties.shape),
      hasId: true,
    }
    await expect(
      await compiledSql(densityAndPointsSql(db, noFilters, tile, 5000, points)),
    ).toMatchFileSnapshot('./__sql__/enterprises-density-and-points.sql')
  })
})
