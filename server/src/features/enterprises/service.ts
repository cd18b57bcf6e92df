import type { EnterpriseCollection, EnterpriseListQuery } from '../../contract/enterprises.js'
import type { Db } from '../../db/database.js'
import { toEnterpriseFeature } from './mappers.js'
import { countEnterprises, listEnterpriseSummaries } from './queries.js'

export async function listEnterprises(db: Db, query: EnterpriseListQuery): Promise<EnterpriseCollection> {
  const [rows, total] = await Promise.all([listEnterpriseSummaries(db, query), countEnterprises(db, query)])
  return { type: 'FeatureCollection', features: rows.map(toEnterpriseFeature), total }
}
