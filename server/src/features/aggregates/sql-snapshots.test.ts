import { describe, expect, it } from 'vitest'
import { boxPolygon } from '../../../test/factories.js'
import { testDatabase } from '../../../test/database.js'
import { compiledSql } from '../../../test/sql.js'
import { aggregateRowsSql, hexbinDensitySql, likeForLikeSql, outletGapSql } from './queries.js'

// The SQL of the totals, committed in __sql__/ (see test/sql.ts). A change to a query shows
// here as a diff; run the tests to rewrite the files, and commit them (CI does not write them).
const noFilters = {}
const years = { yearFrom: 2023, yearTo: 2024 }
const box = { west: 10, south: 50, east: 11, north: 51 }
const exact = { noisy: false }

describe('the SQL of the totals', () => {
  it.each([
    [
      'region-aggregate',
      async () =>
        aggregateRowsSql((await testDatabase()).db, { kind: 'region', regionId: 1 }, noFilters, years, exact),
    ],
    [
      // the public's: every stream's tonnes with its enterprise-year noise (domain/disclosure/noise.ts)
      'region-aggregate-public',
      async () =>
        aggregateRowsSql((await testDatabase()).db, { kind: 'region', regionId: 1 }, noFilters, years, {
          noisy: true,
        }),
    ],
    [
      // a whole level in one statement (issue 14)
      'level-aggregate',
      async () =>
        aggregateRowsSql(
          (await testDatabase()).db,
          { kind: 'regions', regionIds: [1, 2, 3] },
          noFilters,
          years,
          exact,
        ),
    ],
    [
      'drawn-area-aggregate',
      async () =>
        aggregateRowsSql(
          (await testDatabase()).db,
          { kind: 'drawn', geometry: boxPolygon(box) },
          noFilters,
          {},
          exact,
        ),
    ],
    [
      'like-for-like',
      async () =>
        likeForLikeSql(
          (await testDatabase()).db,
          { kind: 'region', regionId: 1 },
          noFilters,
          2023,
          2024,
          exact,
        ),
    ],
    ['outlet-gap', async () => outletGapSql((await testDatabase()).db, 1, noFilters, years, 50, exact)],
    ['hexbin-density', async () => hexbinDensitySql((await testDatabase()).db, noFilters, 5000, box, exact)],
  ])('%s', async (name, query) => {
    await expect(await compiledSql(await query())).toMatchFileSnapshot(`./__sql__/${name}.sql`)
  })
})
