import { z } from 'zod'
import { booleanQuery } from './common.js'

/**
 * Bulk survey import and export (issue 3): one row per waste stream, the enterprise columns
 * repeated on each of its rows. The same columns go out through the export, so a file exported
 * from Loopmap imports unchanged.
 */

export const importFormats = ['csv', 'xlsx', 'geojson'] as const
export type ImportFormat = (typeof importFormats)[number]

/** How a cell is read: numbers are never escaped on export, text cells are (see escapeSpreadsheetText). */
export type ImportColumnKind = 'text' | 'choice' | 'number' | 'boolean'

export type ImportColumn = {
  /** Column header (CSV/XLSX) or property key (GeoJSON). */
  name: string
  kind: ImportColumnKind
  /** Which record the value belongs to. */
  entity: 'enterprise' | 'location' | 'stream'
  required: boolean
  description: string
  /** The value of the first example row of the template. */
  example: string | number | boolean | null
}

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
export const importMediaTypes = {
  csv: 'text/csv',
  xlsx: XLSX_MIME,
  geojson: 'application/geo+json',
} as const satisfies Record<ImportFormat, string>

/** The columns of an import file and of an export, in template order. */
export const importColumns: readonly ImportColumn[] = [
  {
    name: 'name',
    kind: 'text',
    entity: 'enterprise',
    required: true,
    description: 'Enterprise name',
    example: 'Example Cement Works',
  },
  {
    name: 'national_id',
    kind: 'text',
    entity: 'enterprise',
    required: false,
    description:
      'National registration number. Rows with the same national_id are one enterprise; an enterprise already stored with it is reused',
    example: 'AZ-1700123456',
  },
  {
    name: 'nace_code',
    kind: 'text',
    entity: 'enterprise',
    required: true,
    description: 'NACE Rev.2 class: 23.51 (2351 is read too)',
    example: '23.51',
  },
  {
    name: 'size_class',
    kind: 'choice',
    entity: 'enterprise',
    required: false,
    description: 'micro, small, medium or large',
    example: 'large',
  },
  {
    name: 'employees',
    kind: 'number',
    entity: 'enterprise',
    required: false,
    description: 'Number of employees, a whole number',
    example: 420,
  },
  {
    name: 'address',
    kind: 'text',
    entity: 'enterprise',
    required: false,
    description: 'Postal address',
    example: '1 Industrial Road',
  },
  {
    name: 'lon',
    kind: 'number',
    entity: 'location',
    required: true,
    description:
      'Longitude in WGS84 degrees (-180…180). Instead of lon/lat a `wkt` column (POINT(lon lat)) or, in GeoJSON, the feature geometry may be given. Without a national_id, an enterprise is matched by name within 50 m',
    example: 49.8671,
  },
  {
    name: 'lat',
    kind: 'number',
    entity: 'location',
    required: true,
    description: 'Latitude in WGS84 degrees (-90…90)',
    example: 40.4093,
  },
  {
    name: 'ewc_code',
    kind: 'text',
    entity: 'stream',
    required: true,
    description:
      'Six-digit List of Waste entry: 100102, 10 01 02 or 10.01.02. Leave all waste columns empty for an enterprise without waste streams',
    example: '10 13 06',
  },
  {
    name: 'waste_description',
    kind: 'text',
    entity: 'stream',
    required: false,
    description: 'What the waste is',
    example: 'Kiln dust',
  },
  {
    name: 'physical_state',
    kind: 'choice',
    entity: 'stream',
    required: false,
    description: 'solid, liquid, sludge, paste, powder, gas or mixed',
    example: 'powder',
  },
  {
    name: 'quantity',
    kind: 'number',
    entity: 'stream',
    required: true,
    description: 'Amount per period, not negative, at most 100,000,000',
    example: 1250.5,
  },
  {
    name: 'unit',
    kind: 'choice',
    entity: 'stream',
    required: true,
    description: 't, kg, m3 or l',
    example: 't',
  },
  {
    name: 'period',
    kind: 'choice',
    entity: 'stream',
    required: true,
    description: 'year, month or batch',
    example: 'year',
  },
  {
    name: 'density_t_per_m3',
    kind: 'number',
    entity: 'stream',
    required: false,
    description: 'Required for volumes (m3, l), refused otherwise: tonnes per cubic metre. Never guessed',
    example: null,
  },
  {
    name: 'batches_per_year',
    kind: 'number',
    entity: 'stream',
    required: false,
    description: 'Required when period is batch',
    example: null,
  },
  {
    name: 'frequency',
    kind: 'choice',
    entity: 'stream',
    required: false,
    description: 'continuous, regular, occasional or one_off',
    example: 'continuous',
  },
  {
    name: 'basis',
    kind: 'choice',
    entity: 'stream',
    required: true,
    description: 'measured, estimated or calculated',
    example: 'measured',
  },
  {
    name: 'route_code',
    kind: 'text',
    entity: 'stream',
    required: false,
    description: 'Management operation R1–R13 or D1–D15',
    example: 'R5',
  },
  {
    name: 'route_site',
    kind: 'choice',
    entity: 'stream',
    required: false,
    description: 'on_site or off_site',
    example: 'off_site',
  },
  {
    name: 'receiver_name',
    kind: 'text',
    entity: 'stream',
    required: false,
    description: 'Who receives the waste',
    example: 'Example Brick Works',
  },
  {
    name: 'cost_per_year',
    kind: 'number',
    entity: 'stream',
    required: false,
    description: 'Yearly management cost',
    example: null,
  },
  {
    name: 'cost_currency',
    kind: 'text',
    entity: 'stream',
    required: false,
    description: 'ISO 4217 currency of the cost, e.g. AZN',
    example: null,
  },
  {
    name: 'survey_year',
    kind: 'number',
    entity: 'stream',
    required: true,
    description: 'Year the figure describes (1990–2100)',
    example: 2024,
  },
  {
    name: 'offered_as_byproduct',
    kind: 'boolean',
    entity: 'stream',
    required: false,
    description: 'true or false (yes/no, 1/0 are read too); empty means false',
    example: false,
  },
  {
    name: 'stream_ref',
    kind: 'text',
    entity: 'stream',
    required: false,
    description:
      'Your own key of the stream. A stream is the enterprise + EWC code + survey year + this key (without it, the description, trimmed and case-folded): re-importing a row updates that stream instead of adding it again',
    example: null,
  },
]

/** Accepted in place of lon/lat on import; never exported. */
export const wktColumn: ImportColumn = {
  name: 'wkt',
  kind: 'text',
  entity: 'location',
  required: false,
  description: 'The location as WKT or EWKT, e.g. POINT(49.8671 40.4093) or SRID=4326;POINT(49.8671 40.4093)',
  example: null,
}

/** Markdown table of the columns, for the OpenAPI description. */
export function describeImportColumns(): string {
  const lines = ['| column | required | meaning |', '|---|---|---|']
  for (const column of [...importColumns, wktColumn]) {
    lines.push(`| \`${column.name}\` | ${column.required ? 'yes' : 'no'} | ${column.description} |`)
  }
  return lines.join('\n')
}

// Spreadsheets run a text cell starting with one of these as a formula (CSV injection, OWASP).
const formulaStart = /^'*[=+\-@\t\r]/

/**
 * A text cell as it is written to CSV/XLSX: one apostrophe is prefixed when the text (after any
 * apostrophes it already starts with) begins with =, +, -, @, tab or CR, so a spreadsheet shows it
 * as text and never runs it. Numbers are written as numbers and never pass through here.
 */
export function escapeSpreadsheetText(text: string): string {
  return formulaStart.test(text) ? `'${text}` : text
}

/** The inverse of escapeSpreadsheetText, applied to text cells on import so exports round-trip. */
export function unescapeSpreadsheetText(text: string): string {
  return text.startsWith("'") && formulaStart.test(text) ? text.slice(1) : text
}

export const importQuerySchema = z.object({
  dryRun: booleanQuery
    .optional()
    .describe('true: validate and report what would be created, write nothing (default false)'),
})
export type ImportQuery = z.infer<typeof importQuerySchema>

export const importErrorSchema = z
  .object({
    row: z
      .number()
      .int()
      .describe(
        'CSV/XLSX: the spreadsheet row (the header is row 1, the first data row is 2); GeoJSON: the feature index + 1',
      ),
    column: z
      .string()
      .nullable()
      .describe('The column (or GeoJSON property / `geometry`); null for the whole row'),
    value: z.string().nullable().describe('The offending value as read, shortened to 200 characters'),
    reason: z.string(),
  })
  .meta({ id: 'ImportError' })
export type ImportError = z.infer<typeof importErrorSchema>

export const importRowStatuses = ['new', 'updated', 'unchanged', 'error'] as const
export type ImportRowStatus = (typeof importRowStatuses)[number]

export const enterpriseMatchRules = ['national_id', 'name_within_50m', 'new'] as const
export const streamMatchRules = ['stream_ref', 'description', 'new', 'no_stream'] as const

export const importRowOutcomeSchema = z
  .object({
    row: z.number().int().describe('The row, numbered as in `errors`'),
    status: z
      .enum(importRowStatuses)
      .describe(
        'new: a stream (or enterprise) that is not stored yet; updated: a stored one whose figures change; unchanged: stored as it is; error: see `errors`',
      ),
    changedFields: z
      .array(z.string())
      .describe(
        "Import columns whose stored value this row changes (the enterprise's on the first row of that enterprise)",
      ),
    enterpriseMatch: z
      .enum(enterpriseMatchRules)
      .nullable()
      .describe(
        'How the enterprise was found: by national_id, by name within 50 m, or new; null on an error row',
      ),
    streamMatch: z
      .enum(streamMatchRules)
      .nullable()
      .describe(
        'How the stream was found: by stream_ref, by description (stored without stream_ref), new, or no_stream (an enterprise-only row); null on an error row',
      ),
    streamId: z.number().int().nullable().describe('The stored stream the row matched'),
  })
  .meta({ id: 'ImportRowOutcome' })
export type ImportRowOutcome = z.infer<typeof importRowOutcomeSchema>

export const importReportSchema = z
  .object({
    batchId: z.number().int().optional().describe('The import_batches record of this attempt'),
    format: z.enum(importFormats),
    dryRun: z.boolean(),
    committed: z.boolean().describe('True only when the rows were written (all or nothing)'),
    rows: z.number().int().describe('Data rows read'),
    enterprisesCreated: z.number().int(),
    enterprisesMatched: z
      .number()
      .int()
      .describe('Enterprises already stored, matched by national_id or name + location'),
    streamsCreated: z.number().int(),
    enterprisesUpdated: z.number().int().describe('Stored enterprises whose columns the file changes'),
    streamsUpdated: z.number().int().describe('Stored streams whose figures the file changes'),
    streamsUnchanged: z.number().int().describe('Stored streams the file repeats as they are'),
    rowCounts: z
      .object({
        new: z.number().int(),
        updated: z.number().int(),
        unchanged: z.number().int(),
        error: z.number().int(),
      })
      .describe('Rows by status, all rows counted'),
    rowOutcomes: z
      .array(importRowOutcomeSchema)
      .describe(
        'Per row: its status, the fields it changes and the rule that matched it (the first 1000 rows)',
      ),
    errorCount: z.number().int().describe('All errors found; `errors` lists the first 1000'),
    errors: z.array(importErrorSchema),
    ignoredColumns: z
      .array(z.string())
      .describe(
        'Columns or properties that are not import columns; not read (the first 100, each shortened to 200 characters)',
      ),
  })
  .meta({ id: 'ImportReport' })
export type ImportReport = z.infer<typeof importReportSchema>
