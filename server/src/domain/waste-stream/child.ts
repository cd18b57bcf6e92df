import { formatEwcCode } from '../../contract/codes.js'
import type { WasteStream, WasteStreamInput } from '../../contract/waste-streams.js'
import type { Db } from '../../db/database.js'
import { isPgError, PG_FOREIGN_KEY_VIOLATION } from '../../db/errors.js'
import { HttpError, notFound } from '../../plugins/error-handler.js'
import type { EnterpriseChild } from '../enterprise-child.js'
import { toWasteStream, toWasteStreamColumns, toWasteStreamListItem } from './mapper.js'
import { findEwcEntry, selectWasteStreams, surveyWasteStreams, type WasteStreamRow } from './queries.js'

const invalid = (path: string, message: string) =>
  new HttpError(400, 'VALIDATION_FAILED', `Invalid body: ${path}: ${message}`, [{ path, message }])

function display(code: string, hazardous: boolean) {
  return `${formatEwcCode(code)}${hazardous ? '*' : ''}`
}

/**
 * The code must be an entry of the List of Waste, and a `hazardous` the client asserts must agree
 * with it: the flag follows the code, so a disagreement means the analyst picked the wrong half of
 * a mirror pair (or an absolute entry) and has to choose the right code, not override the flag.
 */
export async function checkEwcCode(db: Db, input: Pick<WasteStreamInput, 'ewcCode' | 'hazardous'>) {
  const entry = await findEwcEntry(db, input.ewcCode)
  if (!entry) {
    throw invalid('body.ewcCode', `${formatEwcCode(input.ewcCode)} is not in the European List of Waste`)
  }
  if (entry.level !== 'entry') {
    throw invalid(
      'body.ewcCode',
      `${formatEwcCode(entry.code)} is a ${entry.level}, not an entry a waste can carry`,
    )
  }
  if (input.hazardous === undefined || input.hazardous === entry.hazardous) return
  const code = display(entry.code, entry.hazardous)
  const kind = entry.hazardous ? 'hazardous' : 'non-hazardous'
  const message = entry.mirror_of
    ? `${code} is ${kind}; its ${entry.hazardous ? 'non-hazardous' : 'hazardous'} mirror is ${display(entry.mirror_of, !entry.hazardous)}: choose that code instead`
    : `${code} is ${kind} in every case (an absolute entry with no mirror); choose another code if the waste is ${entry.hazardous ? 'non-hazardous' : 'hazardous'}`
  throw invalid('body.hazardous', message)
}

/** Foreign keys a client can miss: its enterprise vanished meanwhile, or a receiver that does not exist. */
function wasteStreamWriteError(error: unknown, enterpriseId: number): unknown {
  if (isPgError(error, PG_FOREIGN_KEY_VIOLATION, 'waste_streams_enterprise_id_fkey')) {
    return notFound(`Enterprise ${enterpriseId}`)
  }
  if (isPgError(error, PG_FOREIGN_KEY_VIOLATION, 'waste_streams_receiver_enterprise_id_fkey')) {
    return invalid('body.receiverEnterpriseId', 'no enterprise has this id')
  }
  if (isPgError(error, PG_FOREIGN_KEY_VIOLATION, 'waste_streams_ewc_code_fkey')) {
    return invalid('body.ewcCode', 'is not in the European List of Waste')
  }
  return undefined
}

/** Waste streams as children of their enterprise (domain/enterprise-child.ts). */
export const wasteStreamChild: EnterpriseChild<
  'waste_streams',
  WasteStreamRow,
  WasteStream,
  WasteStreamInput
> = {
  table: 'waste_streams',
  alias: 'w',
  entity: 'waste_stream',
  label: 'Waste stream',
  select: selectWasteStreams,
  surveyQuery: surveyWasteStreams,
  toApi: toWasteStream,
  toListItem: toWasteStreamListItem,
  toColumns: toWasteStreamColumns,
  check: checkEwcCode,
  writeError: wasteStreamWriteError,
  // an enterprise user learns no ids: it names its receiver, staff link the enterprise
  trustedOnly: { receiverEnterpriseId: 'name the receiver in receiverName; staff link it to its enterprise' },
}
