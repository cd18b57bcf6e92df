import { type RawBuilder, sql } from 'kysely'
import type { MatchListQuery, MatchStatusName } from '../../contract/match-workflow.js'
import type { Db } from '../../db/database.js'
import type { NewMatch } from '../../db/schema.js'
import { isRegionMember } from '../region/members.js'

/**
 * The enterprise `e` (or receiver `r`) is a member of the region (sub-regions included; on an edge
 * shared inside a boundary set, of one region of the set: domain/region/members.ts).
 */
export function inRegion(alias: 'e' | 'r', regionId: number): RawBuilder<boolean> {
  return isRegionMember(`${alias}.id`, regionId)
}

/** The id and name of a region, for a report about it; undefined when there is none. */
export function findRegionName(db: Db, regionId: number) {
  return db.selectFrom('regions').select(['id', 'name']).where('id', '=', regionId).executeTakeFirst()
}

/** Whether an enterprise of this id exists (the receiver a match names). */
export async function enterpriseExists(db: Db, enterpriseId: number): Promise<boolean> {
  const row = await db
    .selectFrom('enterprises')
    .select('id')
    .where('id', '=', enterpriseId)
    .executeTakeFirst()
  return row !== undefined
}

/** The saved-match row select, written once: the match with its stream's code, supplier and receiver names. */
export function selectMatches(db: Db) {
  return db
    .selectFrom('matches as m')
    .innerJoin('waste_streams as w', 'w.id', 'm.waste_stream_id')
    .innerJoin('enterprises as e', 'e.id', 'w.enterprise_id')
    .innerJoin('enterprises as r', 'r.id', 'm.receiver_enterprise_id')
    .selectAll('m')
    .select([
      'w.ewc_code',
      'w.enterprise_id as supplier_enterprise_id',
      'e.name as supplier_name',
      'r.name as receiver_name',
    ])
}
export type MatchRow = Awaited<ReturnType<ReturnType<typeof selectMatches>['executeTakeFirstOrThrow']>>

export function findMatch(db: Db, id: number, lock = false) {
  const query = selectMatches(db).where('m.id', '=', id)
  return (lock ? query.forUpdate('m') : query).executeTakeFirst()
}

export function listMatches(db: Db, filters: MatchListQuery) {
  let query = selectMatches(db)
  if (filters.wasteStreamId !== undefined)
    query = query.where('m.waste_stream_id', '=', filters.wasteStreamId)
  if (filters.status !== undefined) query = query.where('m.status', '=', filters.status)
  const { enterpriseId, regionId } = filters
  if (enterpriseId !== undefined) {
    query = query.where((eb) =>
      eb.or([eb('w.enterprise_id', '=', enterpriseId), eb('m.receiver_enterprise_id', '=', enterpriseId)]),
    )
  }
  if (regionId !== undefined) query = query.where(inRegion('e', regionId))
  return query.orderBy('m.id').execute()
}

export type HistoryRow = { match_id: number; status: MatchStatusName; changed_at: Date; note: string | null }

export function historyOf(db: Db, matchIds: number[]): Promise<HistoryRow[]> {
  if (matchIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('match_status_history')
    .select(['match_id', 'status', 'changed_at', 'note'])
    .where('match_id', 'in', matchIds)
    .orderBy('changed_at')
    .orderBy('id')
    .execute()
}

/** The open match (not declined) of a stream and receiver, if any: there may be one only. */
export function findOpenMatch(db: Db, wasteStreamId: number, receiverId: number) {
  return db
    .selectFrom('matches')
    .select('id')
    .where('waste_stream_id', '=', wasteStreamId)
    .where('receiver_enterprise_id', '=', receiverId)
    .where('status', '<>', 'declined')
    .executeTakeFirst()
}

export async function insertMatch(db: Db, values: NewMatch, note: string | null) {
  const { id } = await db.insertInto('matches').values(values).returning('id').executeTakeFirstOrThrow()
  await db.insertInto('match_status_history').values({ match_id: id, status: 'proposed', note }).execute()
  return id
}

export async function updateMatch(
  db: Db,
  id: number,
  change: { status?: MatchStatusName | undefined; notes?: string | null | undefined; note: string | null },
) {
  await db
    .updateTable('matches')
    .set({
      ...(change.notes === undefined ? {} : { notes: change.notes }),
      ...(change.status === undefined ? {} : { status: change.status, status_changed_at: sql`now()` }),
      version: sql`version + 1`,
      updated_at: sql`now()`,
    })
    .where('id', '=', id)
    .execute()
  if (change.status !== undefined) {
    await db
      .insertInto('match_status_history')
      .values({ match_id: id, status: change.status, note: change.note })
      .execute()
  }
}

export type ImpactRow = {
  status: MatchStatusName
  matches: number
  quantity_t: number
  landfill_t: number
  co2_avoided_kg: number
  transport_co2_kg: number
}

/** Sums of the saved matches whose supplier lies in the region, per status. */
export async function impactByStatus(db: Db, regionId: number): Promise<ImpactRow[]> {
  const result = await sql<ImpactRow>`
    select m.status, count(*)::int as matches,
      coalesce(sum(m.quantity_t_per_year), 0)::float8 as quantity_t,
      coalesce(sum(m.landfill_diverted_t), 0)::float8 as landfill_t,
      coalesce(sum(m.co2_avoided_kg), 0)::float8 as co2_avoided_kg,
      coalesce(sum(m.transport_co2_kg), 0)::float8 as transport_co2_kg
    from matches m
    join waste_streams w on w.id = m.waste_stream_id
    join enterprises e on e.id = w.enterprise_id
    where ${inRegion('e', regionId)}
    group by m.status`.execute(db)
  return result.rows
}
