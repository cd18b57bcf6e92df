import type { EnterpriseInput, EnterpriseUpdate } from '../../contract/enterprises.js'
import type { WasteStreamInput } from '../../contract/waste-streams.js'
import type { ChildColumns } from '../../domain/enterprise-child.js'
import { toWasteStreamColumns } from '../../domain/waste-stream/mapper.js'
import type { StoredEnterpriseColumns, StoredStream } from './queries.js'
import { normaliseStreamDescription } from '../../domain/waste-stream/identity.js'
import type { StreamKey } from './rows.js'

/**
 * What a re-imported row changes (issue 12, idempotent imports): the stored stream a row names,
 * and the columns of a stored enterprise or stream whose value in the file differs. Equal
 * values change nothing, so importing the same file twice writes nothing the second time.
 */

/** Coordinates closer than this (about 0.1 mm) are the same location; the round trip is exact anyway. */
const SAME_COORDINATE_DEGREES = 1e-9

/**
 * The stored streams a file row names: same EWC code and survey year, and the same `stream_ref`
 * when the row gives one, else the same normalised description and no stored `stream_ref`.
 */
export function storedStreamsOf(
  stored: readonly StoredStream[],
  stream: Pick<WasteStreamInput, 'ewcCode' | 'surveyYear'>,
  key: StreamKey,
): StoredStream[] {
  return stored.filter(
    (s) =>
      s.ewc_code === stream.ewcCode &&
      s.survey_year === stream.surveyYear &&
      (key.by === 'stream_ref'
        ? s.stream_ref === key.value
        : s.stream_ref === null && normaliseStreamDescription(s.description) === key.value),
  )
}

/** The import column of each stream column a row may change (the identity columns excluded). */
const streamColumnNames = {
  description: 'waste_description',
  physical_state: 'physical_state',
  quantity: 'quantity',
  unit: 'unit',
  period: 'period',
  density_t_per_m3: 'density_t_per_m3',
  batches_per_year: 'batches_per_year',
  frequency: 'frequency',
  basis: 'basis',
  route_code: 'route_code',
  route_site: 'route_site',
  receiver_name: 'receiver_name',
  cost_per_year: 'cost_per_year',
  cost_currency: 'cost_currency',
  offered_as_byproduct: 'offered_as_byproduct',
} as const satisfies Partial<Record<keyof StoredStream, string>>

/**
 * The columns of a stored stream the row changes. The row describes the whole stream, so an empty
 * cell clears a value; the receiver enterprise is not an import column and is kept.
 */
export function streamChanges(stored: StoredStream, stream: WasteStreamInput) {
  const file = toWasteStreamColumns(stream)
  const columns: Partial<ChildColumns<'waste_streams'>> = {}
  const fields: string[] = []
  for (const [column, name] of Object.entries(streamColumnNames) as [
    keyof typeof streamColumnNames,
    string,
  ][]) {
    if (file[column] !== stored[column]) {
      Object.assign(columns, { [column]: file[column] })
      fields.push(name)
    }
  }
  return { fields, columns }
}

/**
 * The change a row makes to a stored enterprise. The enterprise's columns are repeated on each of
 * its rows, and an empty cell there repeats nothing (as within a file), so only the values the
 * file gives are compared; the national id is how it was found, and contacts are not import columns.
 */
export function enterpriseChanges(stored: StoredEnterpriseColumns, input: EnterpriseInput) {
  const fields: string[] = []
  const given = <T>(value: T | null | undefined, current: T | null, column: string): T | null => {
    if (value === null || value === undefined || value === current) return current
    fields.push(column)
    return value
  }
  const [lon, lat] = input.location.coordinates
  const moved =
    Math.abs(lon - stored.lon) > SAME_COORDINATE_DEGREES ||
    Math.abs(lat - stored.lat) > SAME_COORDINATE_DEGREES
  const update: EnterpriseUpdate = {
    version: stored.version,
    name: given(input.name, stored.name, 'name') ?? stored.name,
    nationalId: stored.national_id,
    naceCode: given(input.naceCode, stored.nace_code, 'nace_code') ?? stored.nace_code,
    sizeClass: given(input.sizeClass, stored.size_class, 'size_class'),
    employees: given(input.employees, stored.employees, 'employees'),
    address: given(input.address, stored.address, 'address'),
    location: moved ? input.location : { type: 'Point', coordinates: [stored.lon, stored.lat] },
    contactName: stored.contact_name,
    contactEmail: stored.contact_email,
    contactPhone: stored.contact_phone,
  }
  if (moved) fields.push('location')
  return { fields, update }
}
