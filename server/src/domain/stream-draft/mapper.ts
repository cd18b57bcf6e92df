import type { StreamDraft } from '../../contract/stream-drafts.js'
import type { WasteStreamInput } from '../../contract/waste-streams.js'
import { streamFigures } from '../waste-stream/mapper.js'
import type { StreamDraftRow } from './queries.js'

/** The one mapper of a draft: row → API. */
export function toStreamDraft(row: StreamDraftRow): StreamDraft {
  return {
    id: row.id,
    enterpriseId: row.enterprise_id,
    carriedFromStreamId: row.carried_from_stream_id,
    ...streamFigures(row),
    ewcDescription: row.ewc_description,
    hazardous: row.hazardous,
    quantityTonnesPerYear: row.quantity_t_per_year,
    createdAt: row.created_at.toISOString(),
  }
}

/** The draft as the input of a new stream, the way a client would send it. */
export function draftAsStreamInput(row: StreamDraftRow): WasteStreamInput {
  return streamFigures(row)
}
