import type { StreamDraft } from '../../contract/stream-drafts.js'
import type { WasteStreamInput } from '../../contract/waste-streams.js'
import type { StreamDraftRow } from './queries.js'

/** The one mapper of a draft: row → API. */
export function toStreamDraft(row: StreamDraftRow): StreamDraft {
  return {
    id: row.id,
    enterpriseId: row.enterprise_id,
    carriedFromStreamId: row.carried_from_stream_id,
    ewcCode: row.ewc_code,
    ewcDescription: row.ewc_description,
    hazardous: row.hazardous,
    description: row.description,
    streamRef: row.stream_ref,
    physicalState: row.physical_state,
    quantity: row.quantity,
    unit: row.unit,
    period: row.period,
    densityTPerM3: row.density_t_per_m3,
    batchesPerYear: row.batches_per_year,
    quantityTonnesPerYear: row.quantity_t_per_year,
    frequency: row.frequency,
    basis: row.basis,
    routeCode: row.route_code,
    routeSite: row.route_site,
    receiverName: row.receiver_name,
    receiverEnterpriseId: row.receiver_enterprise_id,
    costPerYear: row.cost_per_year,
    costCurrency: row.cost_currency,
    surveyYear: row.survey_year,
    offeredAsByproduct: row.offered_as_byproduct,
    createdAt: row.created_at.toISOString(),
  }
}

/** The draft as the input of a new stream, the way a client would send it. */
export function draftAsStreamInput(row: StreamDraftRow): WasteStreamInput {
  return {
    ewcCode: row.ewc_code,
    description: row.description,
    streamRef: row.stream_ref,
    physicalState: row.physical_state,
    quantity: row.quantity,
    unit: row.unit,
    period: row.period,
    densityTPerM3: row.density_t_per_m3,
    batchesPerYear: row.batches_per_year,
    frequency: row.frequency,
    basis: row.basis,
    routeCode: row.route_code,
    routeSite: row.route_site,
    receiverName: row.receiver_name,
    receiverEnterpriseId: row.receiver_enterprise_id,
    costPerYear: row.cost_per_year,
    costCurrency: row.cost_currency,
    surveyYear: row.survey_year,
    offeredAsByproduct: row.offered_as_byproduct,
  }
}
