import { inject } from 'vitest'
import { type Database, openDatabase } from '../src/db/database.js'

let opened: Promise<Database> | undefined

/**
 * The run's test database, opened once per worker: the server project runs with isolate: false
 * in one worker, so every test file shares it (PGlite takes seconds to open). Tests build their
 * own rows with the factories and assert on those rows only.
 */
export function testDatabase(): Promise<Database> {
  opened ??= openDatabase(inject('testDatabase'))
  return opened
}
