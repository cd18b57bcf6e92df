/**
 * A stream's own figures, as columns: what a stored stream and a carry-forward draft share, what
 * the API maps to `streamFigures` and what an import compares. One list, so a new column of a
 * stream is read everywhere at once.
 */
export const streamFigureColumns = [
  'ewc_code',
  'description',
  'stream_ref',
  'physical_state',
  'quantity',
  'unit',
  'period',
  'density_t_per_m3',
  'batches_per_year',
  'frequency',
  'basis',
  'route_code',
  'route_site',
  'receiver_name',
  'receiver_enterprise_id',
  'cost_per_year',
  'cost_currency',
  'survey_year',
  'offered_as_byproduct',
] as const
export type StreamFigureColumn = (typeof streamFigureColumns)[number]

/** The list with a table alias (`w.ewc_code` …), for a select that joins. */
export function streamFigureColumnsOf<A extends string>(alias: A): `${A}.${StreamFigureColumn}`[] {
  return streamFigureColumns.map((column) => `${alias}.${column}` as const)
}
