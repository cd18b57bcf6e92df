import type { SurveyFilters } from '../../contract/survey-filters.js'
import type { Db } from '../../db/database.js'
import { surveyFilterCondition } from '../survey/filters.js'
import { streamFigureColumnsOf } from './columns.js'

/** Every column the API shows of a stream, with its EWC description and its enterprise's name. */
export function selectWasteStreams(db: Db) {
  return db
    .selectFrom('waste_streams as w')
    .innerJoin('ewc_codes as c', 'c.code', 'w.ewc_code')
    .innerJoin('enterprises as e', 'e.id', 'w.enterprise_id')
    .select([
      'w.id',
      'w.enterprise_id',
      'e.name as enterprise_name',
      ...streamFigureColumnsOf('w'),
      'c.description as ewc_description',
      'w.hazardous',
      'w.quantity_t_per_year',
      'w.version',
      'w.updated_at',
    ])
}
export type WasteStreamRow = Awaited<
  ReturnType<ReturnType<typeof selectWasteStreams>['executeTakeFirstOrThrow']>
>

/**
 * Streams under the survey filters. The enterprise-level filters (bbox, region, NACE, text) go
 * through the shared condition on `e`; the stream-level ones (EWC prefix, hazardous, survey year)
 * apply to the stream itself, so a list filtered on chapter 10 holds only chapter-10 streams.
 */
export function surveyWasteStreams(db: Db, filters: SurveyFilters) {
  const { ewc, hazardous, surveyYear, ...enterpriseFilters } = filters
  let query = selectWasteStreams(db).where((eb) => surveyFilterCondition(eb, enterpriseFilters))
  if (ewc !== undefined) query = query.where('w.ewc_code', 'like', `${ewc}%`)
  if (hazardous !== undefined) query = query.where('w.hazardous', '=', hazardous)
  if (surveyYear !== undefined) query = query.where('w.survey_year', '=', surveyYear)
  return query
}

export function findEwcEntry(db: Db, code: string) {
  return db
    .selectFrom('ewc_codes')
    .select(['code', 'level', 'hazardous', 'mirror_of'])
    .where('code', '=', code)
    .executeTakeFirst()
}
