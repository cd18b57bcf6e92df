import { describe, expect, inject, it } from 'vitest'
import { testDatabase } from '../../test/database.js'
import { openDatabase } from './database.js'

describe.runIf(!inject('testDatabase').databaseUrl)('embedded database (PGlite)', () => {
  it('refuses to open a data directory another handle holds', async () => {
    await testDatabase() // holds the run's data directory
    await expect(openDatabase(inject('testDatabase'))).rejects.toThrow(/in use by process/)
  })
})
