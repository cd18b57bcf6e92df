import type { Db } from '../../db/database.js'

/** The matching factors and the default country's costs, as the seed loaded them. */
export function selectMatchingFactorRows(db: Db) {
  return Promise.all([
    db.selectFrom('matching_factors').selectAll().orderBy('name').execute(),
    db.selectFrom('matching_country_costs').selectAll().where('is_default', '=', true).executeTakeFirst(),
  ])
}
