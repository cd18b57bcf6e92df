import type { Db } from '../../db/database.js'
import { streamFigureColumns, streamFigureColumnsOf } from '../waste-stream/columns.js'

/** Every column the API shows of a draft, with its EWC entry's description and hazardous mark. */
export function selectStreamDrafts(db: Db) {
  return db
    .selectFrom('waste_stream_drafts as d')
    .innerJoin('ewc_codes as c', 'c.code', 'd.ewc_code')
    .select([
      'd.id',
      'd.enterprise_id',
      'd.carried_from_stream_id',
      ...streamFigureColumnsOf('d'),
      'c.description as ewc_description',
      'c.hazardous',
      'd.quantity_t_per_year',
      'd.created_at',
    ])
}
export type StreamDraftRow = Awaited<
  ReturnType<ReturnType<typeof selectStreamDrafts>['executeTakeFirstOrThrow']>
>

/** The drafts of one enterprise, by target year and then oldest first. */
export function draftsOf(db: Db, enterpriseId: number): Promise<StreamDraftRow[]> {
  return selectStreamDrafts(db)
    .where('d.enterprise_id', '=', enterpriseId)
    .orderBy('d.survey_year')
    .orderBy('d.id')
    .execute()
}

/** One draft, only through its own enterprise; `lock` takes its row lock. */
export function findDraft(
  db: Db,
  enterpriseId: number,
  id: number,
  lock: boolean,
): Promise<StreamDraftRow | undefined> {
  const query = selectStreamDrafts(db).where('d.id', '=', id).where('d.enterprise_id', '=', enterpriseId)
  return (lock ? query.forUpdate('d') : query).executeTakeFirst()
}

/** The identity columns of an enterprise's streams in one survey year. */
export function streamIdentitiesIn(db: Db, enterpriseId: number, surveyYear: number) {
  return db
    .selectFrom('waste_streams')
    .select(['id', 'ewc_code', 'stream_ref', 'description'])
    .where('enterprise_id', '=', enterpriseId)
    .where('survey_year', '=', surveyYear)
    .orderBy('id')
    .execute()
}

/** An enterprise's streams of one year, with every column a draft copies. */
export function streamsToCarry(db: Db, enterpriseId: number, surveyYear: number) {
  return db
    .selectFrom('waste_streams')
    .select(['id', ...streamFigureColumns])
    .where('enterprise_id', '=', enterpriseId)
    .where('survey_year', '=', surveyYear)
    .orderBy('id')
    .execute()
}
export type StreamToCarry = Awaited<ReturnType<typeof streamsToCarry>>[number]

/** The survey years an enterprise has streams in, latest first. */
export async function streamYearsOf(db: Db, enterpriseId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('waste_streams')
    .select('survey_year')
    .distinct()
    .where('enterprise_id', '=', enterpriseId)
    .orderBy('survey_year', 'desc')
    .execute()
  return rows.map((row) => row.survey_year)
}
