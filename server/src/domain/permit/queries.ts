import { sql } from 'kysely'
import type { SurveyFilters } from '../../contract/survey-filters.js'
import type { Db } from '../../db/database.js'
import { surveyFilterCondition } from '../survey/filters.js'

/** Every column the API shows of a permit, with its enterprise's name. */
export function selectPermits(db: Db) {
  return db
    .selectFrom('permits as p')
    .innerJoin('enterprises as e', 'e.id', 'p.enterprise_id')
    .select([
      'p.id',
      'p.enterprise_id',
      'e.name as enterprise_name',
      'p.permit_number',
      'p.operation',
      'p.accepted_ewc',
      'p.capacity_t_per_year',
      'p.hazardous_allowed',
      // as text: pg turns a date into a Date at local midnight, which shifts the day across time zones
      sql<string | null>`to_char(p.valid_from, 'YYYY-MM-DD')`.as('valid_from'),
      sql<string | null>`to_char(p.valid_to, 'YYYY-MM-DD')`.as('valid_to'),
      'p.version',
      'p.updated_at',
    ])
}
export type PermitRow = Awaited<ReturnType<ReturnType<typeof selectPermits>['executeTakeFirstOrThrow']>>

/**
 * Permits of the enterprises the survey filters select. The filters describe enterprises (their
 * place, sector and streams), so a permit is listed when its enterprise matches.
 */
export function surveyPermits(db: Db, filters: SurveyFilters) {
  return selectPermits(db).where((eb) => surveyFilterCondition(eb, filters))
}
