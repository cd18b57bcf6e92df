import type { Kysely } from 'kysely'
import type {
  CarryForwardInput,
  CarryForwardResult,
  DraftConfirmation,
  StreamDraft,
} from '../../contract/stream-drafts.js'
import { type WasteStream, wasteStreamInputSchema } from '../../contract/waste-streams.js'
import type { Db } from '../../db/database.js'
import type { DB } from '../../db/schema.js'
import { HttpError, notFound } from '../../plugins/error-handler.js'
import { auditContext } from '../audit/record.js'
import { type ChildWriter, createChildIn, refuseUntrusted } from '../enterprise-child.js'
import { enterpriseExists } from '../enterprise/queries.js'
import { wasteStreamChild } from '../waste-stream/child.js'
import { streamIdentityKey } from '../waste-stream/identity.js'
import { draftAsStreamInput, toStreamDraft } from './mapper.js'
import {
  draftsOf,
  findDraft,
  selectStreamDrafts,
  streamIdentitiesIn,
  streamsToCarry,
  streamYearsOf,
} from './queries.js'

/**
 * Carry-forward drafts (issue 12). A draft is a stream of one year copied into a later one and
 * kept out of waste_streams until an analyst confirms it; confirming goes through the one create
 * of a stream (domain/enterprise-child.ts: checks, insert, audit), so a confirmed draft is a
 * stream like any other and nothing about a stream is written twice.
 */

const invalid = (path: string, message: string) =>
  new HttpError(400, 'VALIDATION_FAILED', `Invalid body: ${path}: ${message}`, [{ path, message }])

const draftNotFound = (enterpriseId: number, id: number) =>
  notFound(`Stream draft ${id} of enterprise ${enterpriseId}`)

async function requireEnterprise(db: Db, enterpriseId: number) {
  if (!(await enterpriseExists(db, enterpriseId))) throw notFound(`Enterprise ${enterpriseId}`)
}

/** The drafts of an enterprise; 404 when it does not exist. */
export async function listStreamDrafts(db: Db, enterpriseId: number): Promise<StreamDraft[]> {
  await requireEnterprise(db, enterpriseId)
  return (await draftsOf(db, enterpriseId)).map(toStreamDraft)
}

/** The years of a carry-forward, defaults filled in, or a 400 naming the field that is wrong. */
async function carryYears(db: Db, enterpriseId: number, input: CarryForwardInput) {
  if (input.fromYear !== undefined && input.toYear !== undefined && input.toYear <= input.fromYear) {
    throw invalid('body.toYear', `must be after fromYear (${input.fromYear})`)
  }
  const years = await streamYearsOf(db, enterpriseId)
  const fromYear = input.fromYear ?? years[0]
  if (fromYear === undefined) {
    throw invalid('body.fromYear', `enterprise ${enterpriseId} has no waste streams to carry forward`)
  }
  if (!years.includes(fromYear)) {
    const listed = [...years].reverse().join(', ')
    throw invalid(
      'body.fromYear',
      `enterprise ${enterpriseId} has no waste streams in ${fromYear} (it has some in ${listed})`,
    )
  }
  const toYear = input.toYear ?? fromYear + 1
  if (toYear <= fromYear) throw invalid('body.toYear', `must be after fromYear (${fromYear})`)
  if (toYear > 2100) throw invalid('body.toYear', 'must be 2100 or earlier')
  return { fromYear, toYear }
}

/**
 * One draft in `toYear` per stream of `fromYear` that the target year does not have yet (the
 * import's identity: EWC code and `stream_ref`, else normalised description) and that is not
 * drafted there already; carrying forward twice adds nothing.
 */
export function carryForward(
  db: Kysely<DB>,
  enterpriseId: number,
  input: CarryForwardInput,
): Promise<CarryForwardResult> {
  return db.transaction().execute(async (trx) => {
    await requireEnterprise(trx, enterpriseId)
    const { fromYear, toYear } = await carryYears(trx, enterpriseId, input)
    const inYear = new Set((await streamIdentitiesIn(trx, enterpriseId, toYear)).map(streamIdentityKey))
    const drafted = new Set(
      (await draftsOf(trx, enterpriseId)).filter((d) => d.survey_year === toYear).map(streamIdentityKey),
    )
    let alreadyInYear = 0
    let alreadyDrafted = 0
    const toDraft = []
    for (const stream of await streamsToCarry(trx, enterpriseId, fromYear)) {
      const key = streamIdentityKey(stream)
      if (inYear.has(key)) alreadyInYear += 1
      else if (drafted.has(key)) alreadyDrafted += 1
      else {
        drafted.add(key)
        const { id, ...columns } = stream
        toDraft.push({
          ...columns,
          enterprise_id: enterpriseId,
          carried_from_stream_id: id,
          survey_year: toYear,
          created_by: auditContext.getStore()?.userId ?? null,
        })
      }
    }
    // a concurrent carry-forward of the same year may have drafted some meanwhile: those are skipped
    const created =
      toDraft.length === 0
        ? []
        : await trx
            .insertInto('waste_stream_drafts')
            .values(toDraft)
            .onConflict((oc) => oc.columns(['carried_from_stream_id', 'survey_year']).doNothing())
            .returning('id')
            .execute()
    alreadyDrafted += toDraft.length - created.length
    const items =
      created.length === 0
        ? []
        : await selectStreamDrafts(trx)
            .where(
              'd.id',
              'in',
              created.map((row) => row.id),
            )
            .orderBy('d.id')
            .execute()
    return { fromYear, toYear, items: items.map(toStreamDraft), alreadyInYear, alreadyDrafted }
  })
}

/** The draft with the confirmation's changes, checked as a new stream's body is (400 naming the field). */
function confirmedInput(draft: Parameters<typeof draftAsStreamInput>[0], changes: DraftConfirmation) {
  const given = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined))
  const parsed = wasteStreamInputSchema.safeParse({ ...draftAsStreamInput(draft), ...given })
  if (parsed.success) return parsed.data
  const details = parsed.error.issues.map((issue) => ({
    path: ['body', ...issue.path.map(String)].join('.'),
    message: issue.message,
  }))
  const first = details[0] ?? { path: 'body', message: 'is invalid' }
  throw new HttpError(400, 'VALIDATION_FAILED', `Invalid body: ${first.path}: ${first.message}`, details)
}

/**
 * Makes the draft a waste stream of its target year, with the changes given, and deletes the
 * draft, in one transaction: the stream is created (and audited) exactly as a new stream is. 409
 * when the year already has that stream (recorded meanwhile, or another draft confirmed as it).
 */
export function confirmDraft(
  db: Kysely<DB>,
  enterpriseId: number,
  id: number,
  changes: DraftConfirmation,
  writer: ChildWriter,
): Promise<WasteStream> {
  return db.transaction().execute(async (trx) => {
    // the lock: of two confirmations of one draft, the second waits and then finds it gone (404)
    const draft = await findDraft(trx, enterpriseId, id, true)
    if (!draft) throw draftNotFound(enterpriseId, id)
    // a receiver carried forward may stay; only those who see single enterprises may change it
    refuseUntrusted(wasteStreamChild, writer, changes, { receiverEnterpriseId: draft.receiver_enterprise_id })
    const input = confirmedInput(draft, changes)
    const key = streamIdentityKey({
      ewc_code: input.ewcCode,
      description: input.description ?? null,
      stream_ref: input.streamRef ?? null,
    })
    const same = (await streamIdentitiesIn(trx, enterpriseId, draft.survey_year)).find(
      (stream) => streamIdentityKey(stream) === key,
    )
    if (same) {
      const message = `enterprise ${enterpriseId} already has this stream in ${draft.survey_year}: waste stream ${same.id}`
      throw new HttpError(409, 'CONFLICT', `Stream draft ${id} cannot be confirmed: ${message}`, [
        { path: 'params.id', message },
      ])
    }
    // the receiver was checked against the draft just above
    const stream = await createChildIn(trx, wasteStreamChild, enterpriseId, input, {
      seesSingleEnterprises: true,
    })
    await trx.deleteFrom('waste_stream_drafts').where('id', '=', id).execute()
    return stream
  })
}

/** Deletes a draft reached through its own enterprise (404 otherwise); nothing was counted, nothing changes. */
export async function discardDraft(db: Kysely<DB>, enterpriseId: number, id: number): Promise<void> {
  const deleted = await db
    .deleteFrom('waste_stream_drafts')
    .where('id', '=', id)
    .where('enterprise_id', '=', enterpriseId)
    .returning('id')
    .executeTakeFirst()
  if (!deleted) throw draftNotFound(enterpriseId, id)
}
