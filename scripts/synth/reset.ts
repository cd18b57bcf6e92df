import { type Kysely, sql } from 'kysely'
import type { DB } from '../../server/src/db/schema.js'
import { countryCode, provinceCodePrefix } from './country.js'
import { nationalIdPrefix } from './generate.js'

export type ResetReport = { enterprises: number; regions: number; millis: number }

/**
 * Deletes every synthetic row, found by its prefix only (national id `SYN-`, region code `SYN` or `SYN-…`),
 * so surveyed and demo data are never touched. Matches on synthetic streams go by cascade.
 *
 * In two steps with a VACUUM between: deleting an enterprise makes PostgreSQL null
 * waste_streams.receiver_enterprise_id wherever it points there, and that column has no index,
 * so each of the 100,000 deletes scans waste_streams; the scans must not wade through the
 * 300,000 dead synthetic streams.
 */
export async function resetSyntheticCountry(db: Kysely<DB>): Promise<ResetReport> {
  const start = performance.now()
  const synthetic = sql`(select id from enterprises where national_id like ${`${nationalIdPrefix}%`})`
  await db.transaction().execute(async (trx) => {
    await sql`delete from waste_streams where enterprise_id in ${synthetic}`.execute(trx)
    await sql`delete from permits where enterprise_id in ${synthetic}`.execute(trx)
    await sql`delete from resource_needs where enterprise_id in ${synthetic}`.execute(trx)
  })
  await sql`vacuum waste_streams`.execute(db)
  const counts = await db.transaction().execute(async (trx) => {
    const enterprises = await trx
      .deleteFrom('enterprises')
      .where('national_id', 'like', `${nationalIdPrefix}%`)
      .executeTakeFirst()
    // after the enterprises, so the regions' delete trigger has nothing left to re-derive
    const regions = await trx
      .deleteFrom('regions')
      .where((eb) => eb.or([eb('code', '=', countryCode), eb('code', 'like', `${provinceCodePrefix}%`)]))
      .executeTakeFirst()
    return { enterprises: Number(enterprises.numDeletedRows), regions: Number(regions.numDeletedRows) }
  })
  await sql`vacuum analyze enterprises, regions, waste_streams, permits, resource_needs`.execute(db)
  return { ...counts, millis: Math.round(performance.now() - start) }
}
