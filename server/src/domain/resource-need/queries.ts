import type { SurveyFilters } from '../../contract/survey-filters.js'
import type { Db } from '../../db/database.js'
import { surveyFilterCondition } from '../survey/filters.js'

/** Every column the API shows of a need, with its enterprise's name. */
export function selectResourceNeeds(db: Db) {
  return db
    .selectFrom('resource_needs as n')
    .innerJoin('enterprises as e', 'e.id', 'n.enterprise_id')
    .select([
      'n.id',
      'n.enterprise_id',
      'e.name as enterprise_name',
      'n.description',
      'n.ewc_codes',
      'n.material_category',
      'n.quantity_t_per_year',
      'n.max_distance_km',
      'n.version',
      'n.updated_at',
    ])
}
export type ResourceNeedRow = Awaited<
  ReturnType<ReturnType<typeof selectResourceNeeds>['executeTakeFirstOrThrow']>
>

/**
 * Needs of the enterprises the survey filters select. The filters describe enterprises (their
 * place, sector and streams), so a need is listed when its enterprise matches.
 */
export function surveyResourceNeeds(db: Db, filters: SurveyFilters) {
  return selectResourceNeeds(db).where((eb) => surveyFilterCondition(eb, filters))
}
