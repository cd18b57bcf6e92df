import { describe, expect, it } from 'vitest'
import { compiledSql } from '../../../test/sql.js'
import { candidateQuery, streamIs } from './candidate-queries.js'

// The SQL of the candidate search (the receivers of a stream: needs, recovery permits, sector
// users), committed in __sql__/ (see test/sql.ts). A change to the query shows here as a diff;
// run the tests to rewrite the file, and commit it (CI does not write it).
describe('the SQL of the candidate search', () => {
  it('finds the receivers of one stream', async () => {
    const search = { streams: streamIs(1), searchKm: 100, sectorLimit: 10 }
    await expect(await compiledSql(candidateQuery(search))).toMatchFileSnapshot(
      './__sql__/candidate-search.sql',
    )
  })
})
