import type { WasteStream, WasteStreamInput, WasteStreamListItem } from '../../contract/waste-streams.js'
import type { ChildColumns } from '../enterprise-child.js'
import type { StreamFigureColumn } from './columns.js'
import type { WasteStreamRow } from './queries.js'

/** The columns a stored stream and a carry-forward draft share (the stream's own figures). */
export type StreamFigureColumns = Pick<WasteStreamRow, StreamFigureColumn>

/**
 * A stream's own figures as the API names them: the part of the API answer that is also the
 * input of a stream, so a draft confirmed as it is becomes the stream it was carried from.
 */
export function streamFigures(row: StreamFigureColumns) {
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
  } satisfies WasteStreamInput
}

/** The one mapper of a stream: row → API. */
export function toWasteStream(row: WasteStreamRow): WasteStream {
  return {
    id: row.id,
    enterpriseId: row.enterprise_id,
    ...streamFigures(row),
    ewcDescription: row.ewc_description,
    hazardous: row.hazardous,
    quantityTonnesPerYear: row.quantity_t_per_year,
    version: row.version,
    updatedAt: row.updated_at.toISOString(),
  }
}

export function toWasteStreamListItem(row: WasteStreamRow): WasteStreamListItem {
  return { ...toWasteStream(row), enterpriseName: row.enterprise_name }
}

/** API input → columns. `hazardous` is not a column input: the database derives it from the code. */
export function toWasteStreamColumns(
  input: Omit<WasteStreamInput, 'hazardous'>,
): ChildColumns<'waste_streams'> {
  return {
    ewc_code: input.ewcCode,
    description: input.description ?? null,
    stream_ref: input.streamRef ?? null,
    physical_state: input.physicalState ?? null,
    quantity: input.quantity,
    unit: input.unit,
    period: input.period,
    density_t_per_m3: input.densityTPerM3 ?? null,
    batches_per_year: input.batchesPerYear ?? null,
    frequency: input.frequency ?? null,
    basis: input.basis,
    route_code: input.routeCode ?? null,
    route_site: input.routeSite ?? null,
    receiver_name: input.receiverName ?? null,
    receiver_enterprise_id: input.receiverEnterpriseId ?? null,
    cost_per_year: input.costPerYear ?? null,
    cost_currency: input.costCurrency ?? null,
    survey_year: input.surveyYear,
    offered_as_byproduct: input.offeredAsByproduct,
  }
}
