import { formatEwcCode } from '../../contract/codes.js'
import type { ExportRow } from './queries.js'

export type ExportValue = string | number | boolean | null

/** A database row → the import columns (contract/imports.ts), with numbers kept as numbers. */
export function toExportRecord(row: ExportRow): Record<string, ExportValue> {
  const hasStream = row.stream_id !== null
  return {
    name: row.name,
    national_id: row.national_id,
    nace_code: row.nace_code,
    size_class: row.size_class,
    employees: row.employees,
    address: row.address,
    lon: row.lon,
    lat: row.lat,
    ewc_code: row.ewc_code === null ? null : formatEwcCode(row.ewc_code),
    waste_description: row.description,
    physical_state: row.physical_state,
    quantity: row.quantity,
    unit: row.unit,
    period: row.period,
    density_t_per_m3: row.density_t_per_m3,
    batches_per_year: row.batches_per_year,
    frequency: row.frequency,
    basis: row.basis,
    route_code: row.route_code,
    route_site: row.route_site,
    receiver_name: row.receiver_name,
    cost_per_year: row.cost_per_year,
    cost_currency: row.cost_currency,
    survey_year: row.survey_year,
    offered_as_byproduct: hasStream ? row.offered_as_byproduct : null,
    stream_ref: row.stream_ref,
  }
}
