import { sql } from 'kysely'
import type { EnterpriseListQuery, EnterpriseUpdate, SurveyFilters } from '../../contract/enterprises.js'
import type { PointGeometry } from '../../contract/geojson.js'
import { stAsGeoJson, stPointFromGeoJson } from '../../db/postgis.js'
import { surveyFilterCondition } from '../../db/survey-filters.js'
import type { Db } from '../../db/database.js'

/** Enterprises matching the survey filters, one row each with its waste totals, sorted and paged. */
export function listEnterpriseSummaries(db: Db, query: EnterpriseListQuery) {
  const descending = query.sort.startsWith('-')
  const direction = descending ? 'desc' : 'asc'
  const key = descending ? query.sort.slice(1) : query.sort
  const sortColumn = key === 'name' ? 'e.name' : key === 'totalTonnesPerYear' ? 'total_t' : 'e.id'
  return (
    db
      .selectFrom('enterprises as e')
      // the filter goes on `e` alone, before the joins, so it means what it means everywhere else
      .where((eb) => surveyFilterCondition(eb, query))
      .innerJoin('nace_codes as n', 'n.code', 'e.nace_code')
      .leftJoin('regions as r', 'r.id', 'e.region_id')
      .leftJoin('waste_streams as w', 'w.enterprise_id', 'e.id')
      .select([
        'e.id',
        'e.name',
        'e.nace_code',
        'n.section as nace_section',
        'e.size_class',
        'e.region_id',
        'r.name as region_name',
        'e.is_demo',
        stAsGeoJson<PointGeometry>('e.geom').as('geometry'),
        sql<number>`count(w.id)`.as('waste_stream_count'),
        sql<number>`coalesce(sum(w.quantity_t_per_year), 0)`.as('total_t'),
        sql<number>`coalesce(sum(w.quantity_t_per_year) filter (where w.hazardous), 0)`.as('hazardous_t'),
      ])
      .groupBy(['e.id', 'r.name', 'n.section'])
      .orderBy(sortColumn, direction)
      // ties (same name, same total) keep a stable order so pages neither repeat nor skip rows
      .orderBy('e.id', direction)
      .limit(query.limit)
      .offset(query.offset)
      .execute()
  )
}
export type EnterpriseSummaryRow = Awaited<ReturnType<typeof listEnterpriseSummaries>>[number]

/** How many enterprises match the filters, before paging. */
export async function countEnterprises(db: Db, filters: SurveyFilters): Promise<number> {
  const row = await db
    .selectFrom('enterprises as e')
    .where((eb) => surveyFilterCondition(eb, filters))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

function enterpriseQuery(db: Db) {
  return db
    .selectFrom('enterprises as e')
    .innerJoin('nace_codes as n', 'n.code', 'e.nace_code')
    .leftJoin('regions as r', 'r.id', 'e.region_id')
    .select([
      'e.id',
      'e.name',
      'e.national_id',
      'e.nace_code',
      'n.title as nace_title',
      'e.size_class',
      'e.employees',
      'e.address',
      stAsGeoJson<PointGeometry>('e.geom').as('location'),
      'e.region_id',
      'r.name as region_name',
      'e.contact_name',
      'e.contact_email',
      'e.contact_phone',
      'e.is_demo',
      'e.version',
      'e.created_at',
      'e.updated_at',
    ])
}

export function findEnterprise(db: Db, id: number) {
  return enterpriseQuery(db).where('e.id', '=', id).executeTakeFirst()
}
export type EnterpriseRow = NonNullable<Awaited<ReturnType<typeof findEnterprise>>>

export function listWasteStreamsOf(db: Db, enterpriseId: number) {
  return db
    .selectFrom('waste_streams as w')
    .innerJoin('ewc_codes as c', 'c.code', 'w.ewc_code')
    .selectAll('w')
    .select('c.description as ewc_description')
    .where('w.enterprise_id', '=', enterpriseId)
    .orderBy('w.id')
    .execute()
}
export type WasteStreamRow = Awaited<ReturnType<typeof listWasteStreamsOf>>[number]

export function listResourceNeedsOf(db: Db, enterpriseId: number) {
  return db
    .selectFrom('resource_needs')
    .selectAll()
    .where('enterprise_id', '=', enterpriseId)
    .orderBy('id')
    .execute()
}
export type ResourceNeedRow = Awaited<ReturnType<typeof listResourceNeedsOf>>[number]

export function listPermitsOf(db: Db, enterpriseId: number) {
  return db
    .selectFrom('permits as p')
    .select([
      'p.id',
      'p.enterprise_id',
      'p.permit_number',
      'p.operation',
      'p.accepted_ewc',
      'p.capacity_t_per_year',
      'p.hazardous_allowed',
      // dates as text: a `date` parsed into a JS Date would shift with the server's time zone
      sql<string | null>`p.valid_from::text`.as('valid_from'),
      sql<string | null>`p.valid_to::text`.as('valid_to'),
      'p.version',
      'p.updated_at',
    ])
    .where('p.enterprise_id', '=', enterpriseId)
    .orderBy('p.id')
    .execute()
}
export type PermitRow = Awaited<ReturnType<typeof listPermitsOf>>[number]

/** Locks the row until the transaction ends, so two updates of one version are decided in turn. */
export function lockEnterpriseVersion(db: Db, id: number) {
  return db
    .selectFrom('enterprises')
    .select(['id', 'version'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst()
}

/** The enterprise's own columns from the API fields; optional fields left out become null (PUT replaces). */
function enterpriseColumns(input: Omit<EnterpriseUpdate, 'version'>) {
  return {
    name: input.name,
    national_id: input.nationalId ?? null,
    nace_code: input.naceCode,
    size_class: input.sizeClass ?? null,
    employees: input.employees ?? null,
    address: input.address ?? null,
    geom: stPointFromGeoJson(input.location),
    contact_name: input.contactName ?? null,
    contact_email: input.contactEmail ?? null,
    contact_phone: input.contactPhone ?? null,
  }
}

export async function insertEnterprise(db: Db, input: Omit<EnterpriseUpdate, 'version'>): Promise<number> {
  const row = await db
    .insertInto('enterprises')
    .values(enterpriseColumns(input))
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/**
 * Writes the change only if the row is still at `version`, and bumps it; answers the new version,
 * or undefined when the row is gone or was changed meanwhile.
 */
export async function updateEnterpriseAtVersion(
  db: Db,
  id: number,
  input: EnterpriseUpdate,
): Promise<number | undefined> {
  const { version, ...fields } = input
  const row = await db
    .updateTable('enterprises')
    .set((eb) => ({ ...enterpriseColumns(fields), version: eb('version', '+', 1), updated_at: sql`now()` }))
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('version')
    .executeTakeFirst()
  return row?.version
}

export async function deleteEnterprise(db: Db, id: number): Promise<boolean> {
  const result = await db.deleteFrom('enterprises').where('id', '=', id).executeTakeFirst()
  return Number(result.numDeletedRows) > 0
}
