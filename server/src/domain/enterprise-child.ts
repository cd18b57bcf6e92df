import {
  type AliasedRawBuilder,
  type Expression,
  type Kysely,
  sql,
  type Transaction,
  type Insertable,
} from 'kysely'
import type { SurveyFilters } from '../contract/survey-filters.js'
import type { Db } from '../db/database.js'
import { isPgError, PG_FOREIGN_KEY_VIOLATION } from '../db/errors.js'
import type { DB } from '../db/schema.js'
import { HttpError, notFound } from '../plugins/error-handler.js'
import type { AuditEntity } from './audit/record.js'
import { enterpriseExists } from './enterprise/queries.js'
import {
  auditCreated,
  auditedDelete,
  staleVersion,
  type VersionedRecord,
  versionedWrite,
  versionedWriteIn,
} from './versioned-write.js'

/**
 * The rows nested under an enterprise (waste streams, resource needs, permits) share one life:
 * reached only through their own enterprise, listed under it and under the survey filters,
 * created after their enterprise is found and their checks pass, replaced with optimistic
 * concurrency, deleted, and every change audited. That life is written once here; each child
 * module (domain/waste-stream, domain/resource-need, domain/permit) says only what differs.
 */

export type ChildTable = 'waste_streams' | 'resource_needs' | 'permits'

/** Every child select yields at least these (with the enterprise joined as `e` for the name). */
export type ChildRowBase = { id: number; enterprise_id: number; enterprise_name: string }

/**
 * A child's select as the shared code sees it: rows of `Row`, narrowed by references through the
 * alias, paged, counted and locked. The child module builds it with its full Kysely types.
 */
export interface ChildQuery<Row> {
  where(lhs: Expression<unknown>, op: '=', rhs: number): ChildQuery<Row>
  orderBy(expression: Expression<unknown>): ChildQuery<Row>
  limit(limit: number): ChildQuery<Row>
  offset(offset: number): ChildQuery<Row>
  modifyEnd(modifier: Expression<unknown>): ChildQuery<Row>
  execute(): Promise<Row[]>
  executeTakeFirst(): Promise<Row | undefined>
  clearSelect(): {
    select(selections: readonly AliasedRawBuilder<number, 'total'>[]): {
      executeTakeFirstOrThrow(): Promise<Record<string, unknown>>
    }
  }
}

/** The writable columns of a child row: what the API input maps to. */
export type ChildColumns<T extends ChildTable> = Omit<
  Insertable<DB[T]>,
  'id' | 'enterprise_id' | 'version' | 'created_at' | 'updated_at'
>

export type EnterpriseChild<
  T extends ChildTable,
  Row extends ChildRowBase,
  Api extends { version: number },
  Input,
> = {
  table: T
  /** The table's alias in `select`: the row lock and the filters by id name it. */
  alias: string
  entity: AuditEntity
  /** How a message names one: "Waste stream", "Resource need", "Permit". */
  label: string
  /** Every column the API shows, with the enterprise joined as `e`. */
  select: (db: Db) => ChildQuery<Row>
  /** `select` under the survey filters (the stand-alone list). */
  surveyQuery: (db: Db, filters: SurveyFilters) => ChildQuery<Row>
  toApi: (row: Row) => Api
  toListItem: (row: Row) => Api & { enterpriseName: string }
  toColumns: (input: Input) => ChildColumns<T>
  /** The rules the database cannot tell in the client's terms (known codes, flags that must agree). */
  check: (db: Db, input: Input) => Promise<void>
  /** A database refusal of a write as a 4xx, or undefined to let it through. */
  writeError?: (error: unknown, enterpriseId: number) => unknown
  /**
   * Fields naming another enterprise (a receiver's id), which a writer who may not see single
   * enterprises may only leave as stored: whether the write succeeded would tell them which ids
   * exist (issue 13, no probing). The value says what to send instead.
   */
  trustedOnly?: Partial<Record<keyof Input & keyof Api & string, string>>
}

/** Who writes: only those who see single enterprises may set a child's `trustedOnly` fields. */
export type ChildWriter = { seesSingleEnterprises: boolean }

/** A `trustedOnly` field set, or changed from `stored`, by a writer who may not: 400, the same for any id. */
export function refuseUntrusted<Api, Input>(
  child: { trustedOnly?: Partial<Record<string, string>> },
  writer: ChildWriter,
  input: Input,
  stored?: Api,
) {
  if (writer.seesSingleEnterprises || !child.trustedOnly) return
  for (const [field, instead] of Object.entries(child.trustedOnly)) {
    const sent = (input as Record<string, unknown>)[field]
    const kept = stored === undefined ? null : (stored as Record<string, unknown>)[field]
    if (sent !== undefined && sent !== null && sent !== kept) {
      const message = `is not accepted from this account: ${instead}`
      throw new HttpError(400, 'VALIDATION_FAILED', `Invalid body: body.${field}: ${message}`, [
        { path: `body.${field}`, message },
      ])
    }
  }
}

const ref = (alias: string, column: string) => sql.ref(`${alias}.${column}`)

/** The children of one enterprise, oldest first. */
export function listChildRows<
  T extends ChildTable,
  Row extends ChildRowBase,
  Api extends { version: number },
  Input,
>(db: Db, child: EnterpriseChild<T, Row, Api, Input>, enterpriseId: number): Promise<Row[]> {
  return child
    .select(db)
    .where(ref(child.alias, 'enterprise_id'), '=', enterpriseId)
    .orderBy(ref(child.alias, 'id'))
    .execute()
}

/** The children of an enterprise as the API shows them; 404 when the enterprise does not exist. */
export async function listChildrenOf<
  T extends ChildTable,
  Row extends ChildRowBase,
  Api extends { version: number },
  Input,
>(db: Db, child: EnterpriseChild<T, Row, Api, Input>, enterpriseId: number): Promise<Api[]> {
  if (!(await enterpriseExists(db, enterpriseId))) throw notFound(`Enterprise ${enterpriseId}`)
  return (await listChildRows(db, child, enterpriseId)).map(child.toApi)
}

/** Children under the survey filters, one page, with the total before paging. */
export async function listSurveyChildren<
  T extends ChildTable,
  Row extends ChildRowBase,
  Api extends { version: number },
  Input,
>(
  db: Db,
  child: EnterpriseChild<T, Row, Api, Input>,
  { limit, offset, ...filters }: SurveyFilters & { limit: number; offset: number },
) {
  const base = child.surveyQuery(db, filters)
  const [rows, count] = await Promise.all([
    base.orderBy(ref(child.alias, 'id')).limit(limit).offset(offset).execute(),
    base
      .clearSelect()
      .select([sql<number>`count(*)`.as('total')])
      .executeTakeFirstOrThrow(),
  ])
  return { total: Number(count.total), items: rows.map(child.toListItem) }
}

/**
 * One child, only through its own enterprise: a wrong enterprise/id pair is a 404. `lock` takes
 * the child's row lock (not its enterprise's), so a concurrent update waits and then sees the
 * new version.
 */
async function readChild<
  T extends ChildTable,
  Row extends ChildRowBase,
  Api extends { version: number },
  Input,
>(
  db: Db,
  child: EnterpriseChild<T, Row, Api, Input>,
  enterpriseId: number,
  id: number,
  lock: boolean,
): Promise<Api> {
  const query = child
    .select(db)
    .where(ref(child.alias, 'id'), '=', id)
    .where(ref(child.alias, 'enterprise_id'), '=', enterpriseId)
  const row = await (
    lock ? query.modifyEnd(sql`for update of ${sql.id(child.alias)}`) : query
  ).executeTakeFirst()
  if (!row) throw notFound(`${child.label} ${id} of enterprise ${enterpriseId}`)
  return child.toApi(row)
}

function childRecord<T extends ChildTable, Row extends ChildRowBase, Api extends { version: number }, Input>(
  child: EnterpriseChild<T, Row, Api, Input>,
  enterpriseId: number,
  id: number,
): VersionedRecord<Api> {
  return {
    entity: child.entity,
    label: child.label,
    id,
    read: (trx, lock) => readChild(trx, child, enterpriseId, id, lock),
  }
}

/** Runs a write, answering the database's refusals the client can cause as 4xx. */
async function translated<R>(
  child: { writeError?: (error: unknown, enterpriseId: number) => unknown },
  enterpriseId: number,
  write: () => Promise<R>,
): Promise<R> {
  try {
    return await write()
  } catch (error) {
    throw (child.writeError ?? enterpriseGone)(error, enterpriseId) ?? error
  }
}

/** The default refusal: the enterprise was deleted between the check and the insert. */
export function enterpriseGone(error: unknown, enterpriseId: number): unknown {
  return isPgError(error, PG_FOREIGN_KEY_VIOLATION) ? notFound(`Enterprise ${enterpriseId}`) : undefined
}

/** Creates a child under its enterprise (404 when it does not exist), audited in the same transaction. */
export function createChild<
  T extends ChildTable,
  Row extends ChildRowBase,
  Api extends { version: number },
  Input,
>(
  db: Kysely<DB>,
  child: EnterpriseChild<T, Row, Api, Input>,
  enterpriseId: number,
  input: Input,
  writer: ChildWriter,
): Promise<Api> {
  return db.transaction().execute((trx) => createChildIn(trx, child, enterpriseId, input, writer))
}

/**
 * `createChild` inside a transaction the caller holds (a confirmed carry-forward draft becomes a
 * stream and stops being a draft in one).
 */
export async function createChildIn<
  T extends ChildTable,
  Row extends ChildRowBase,
  Api extends { version: number },
  Input,
>(
  trx: Transaction<DB>,
  child: EnterpriseChild<T, Row, Api, Input>,
  enterpriseId: number,
  input: Input,
  writer: ChildWriter,
): Promise<Api> {
  if (!(await enterpriseExists(trx, enterpriseId))) throw notFound(`Enterprise ${enterpriseId}`)
  refuseUntrusted(child, writer, input)
  await child.check(trx, input)
  const { id } = await translated(child, enterpriseId, () => insertChild(trx, child, enterpriseId, input))
  return auditCreated(trx, child.entity, id, await readChild(trx, child, enterpriseId, id, false))
}

/** Replaces a child at the version the change was based on (409 when stale), bumping it. */
export function updateChild<
  T extends ChildTable,
  Row extends ChildRowBase,
  Api extends { version: number },
  Input,
>(
  db: Kysely<DB>,
  child: EnterpriseChild<T, Row, Api, Input>,
  enterpriseId: number,
  id: number,
  { version, ...input }: Input & { version: number },
  writer: ChildWriter,
): Promise<Api> {
  return versionedWrite(db, childRecord(child, enterpriseId, id), version, async (trx) => {
    const fields = input as unknown as Input
    // the row is locked by versionedWrite: what is stored cannot change under the comparison
    if (!writer.seesSingleEnterprises && child.trustedOnly)
      refuseUntrusted(child, writer, fields, await readChild(trx, child, enterpriseId, id, false))
    await child.check(trx, fields)
    await translated(child, enterpriseId, () =>
      setChildColumns(trx, child, id, version, child.toColumns(fields)),
    )
  })
}

/**
 * Changes some columns of a child inside the caller's transaction (an import writes many rows in
 * one): locked, version compared and bumped, before and after audited, as `updateChild` does.
 */
export function updateChildColumnsIn<
  T extends ChildTable,
  Row extends ChildRowBase,
  Api extends { version: number },
  Input,
>(
  trx: Transaction<DB>,
  child: EnterpriseChild<T, Row, Api, Input>,
  enterpriseId: number,
  id: number,
  version: number,
  columns: Partial<ChildColumns<T>>,
): Promise<Api> {
  return versionedWriteIn(trx, childRecord(child, enterpriseId, id), version, (inner) =>
    setChildColumns(inner, child, id, version, columns),
  )
}

/** Deletes a child reached through its own enterprise, auditing what was there. */
export function deleteChild<
  T extends ChildTable,
  Row extends ChildRowBase,
  Api extends { version: number },
  Input,
>(
  db: Kysely<DB>,
  child: EnterpriseChild<T, Row, Api, Input>,
  enterpriseId: number,
  id: number,
): Promise<void> {
  return auditedDelete(db, childRecord(child, enterpriseId, id), async (trx) => {
    await (trx as Kysely<DB>)
      .deleteFrom(child.table as ChildTable)
      .where('id', '=', id)
      .execute()
  })
}

function insertChild<T extends ChildTable, Row extends ChildRowBase, Api extends { version: number }, Input>(
  db: Transaction<DB>,
  child: EnterpriseChild<T, Row, Api, Input>,
  enterpriseId: number,
  input: Input,
) {
  return (db as Kysely<DB>)
    .insertInto(child.table as ChildTable)
    .values({ ...child.toColumns(input), enterprise_id: enterpriseId } as never)
    .returning('id')
    .executeTakeFirstOrThrow()
}

/**
 * Writes the new columns and bumps the version. The caller has checked the version under the row
 * lock; the version is compared again in the statement so the guard never rests on the lock alone.
 */
async function setChildColumns<
  T extends ChildTable,
  Row extends ChildRowBase,
  Api extends { version: number },
  Input,
>(
  db: Transaction<DB>,
  child: EnterpriseChild<T, Row, Api, Input>,
  id: number,
  version: number,
  columns: Partial<ChildColumns<T>>,
): Promise<void> {
  const updated = await (db as Kysely<DB>)
    .updateTable(child.table as ChildTable)
    .set({ ...columns, version: sql`version + 1`, updated_at: sql`now()` } as never)
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('version')
    .executeTakeFirst()
  if (updated) return
  const current = await (db as Kysely<DB>)
    .selectFrom(child.table as ChildTable)
    .select('version')
    .where('id', '=', id)
    .executeTakeFirst()
  throw current
    ? staleVersion(`${child.label} ${id}`, version, current.version)
    : notFound(`${child.label} ${id}`)
}
