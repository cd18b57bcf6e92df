import wkx from 'wkx'
import type { z } from 'zod'
import { badCodePoint, withoutBadCodePoints } from '../../contract/common.js'
import { formatEwcCode } from '../../contract/codes.js'
import { type EnterpriseInput, enterpriseInputSchema } from '../../contract/enterprises.js'
import {
  type ImportColumn,
  type ImportError,
  importColumns,
  unescapeSpreadsheetText,
  wktColumn,
} from '../../contract/imports.js'
import { type WasteStreamInput, wasteStreamInputSchema } from '../../contract/waste-streams.js'
import { normaliseStreamDescription } from '../../domain/waste-stream/identity.js'
import type { Cell, FeatureRow, SheetRow } from './readers.js'

/**
 * One import row → an enterprise and (usually) a waste stream, validated with the API's own
 * schemas; every problem becomes a report entry naming the row and the column.
 */

/** Within this distance two rows (or a row and a stored enterprise) of the same name are one site. */
export const SAME_SITE_METRES = 50
export const MAX_REPORTED_ERRORS = 1000

export type Report = {
  errors: ImportError[]
  errorCount: number
  ignoredColumns: Set<string>
}

export function addError(report: Report, row: number, column: string | null, value: unknown, reason: string) {
  report.errorCount += 1
  if (report.errors.length < MAX_REPORTED_ERRORS) {
    report.errors.push({ row, column, value: showValue(value), reason })
  }
}

/** Ignored columns listed in a report, each name shortened like a value. */
const MAX_IGNORED_COLUMNS = 100

/** Notes a column that is not read, shortened: nothing long from a file reaches a stored report. */
export function ignoreColumn(report: Report, name: string) {
  if (report.ignoredColumns.size < MAX_IGNORED_COLUMNS) report.ignoredColumns.add(showValue(name) ?? '')
}

function showValue(value: unknown): string | null {
  if (value === null || value === undefined) return null
  const text =
    value instanceof Date ? value.toISOString() : typeof value === 'string' ? value : JSON.stringify(value)
  const shown = withoutBadCodePoints(text) // a report never quotes a NUL back (jsonb cannot hold it)
  return shown.length > 200 ? `${shown.slice(0, 197)}…` : shown
}

/** An enterprise as first seen in the file; `id` is set once it is matched or created. */
export type FileEnterprise = {
  input: EnterpriseInput
  firstRow: number
  id?: number
  outcome?: 'created' | 'matched'
  /** How it was found among the stored enterprises, once looked up. */
  match?: EnterpriseMatchRule
  /** The stream identities of its rows so far → the row that gave each (one stream, one row). */
  streamRows: Map<string, number>
  /** The column its location came from (`lon`, `wkt` or `geometry`), for errors about the site. */
  locationColumn: string
  /** Set when the importing user may not write it (access.ts): every row of it is an error. */
  refused?: { column: string; value: string | null; reason: string }
}

export type EnterpriseMatchRule = 'national_id' | 'name_within_50m' | 'new'

export type ValidRow = {
  row: number
  enterprise: FileEnterprise
  stream: WasteStreamInput | null
  /** The stream's key within its enterprise, EWC code and year: `stream_ref`, else the description. */
  streamKey: StreamKey | null
}

export type Catalogues = { ewcEntries: Set<string>; naceClasses: Set<string> }

/** State across the rows of one file: known codes and the enterprises seen so far. */
export type RowContext = Catalogues & {
  byNationalId: Map<string, FileEnterprise>
  byName: Map<string, FileEnterprise[]>
}

export function newRowContext(catalogues: Catalogues): RowContext {
  return { ...catalogues, byNationalId: new Map(), byName: new Map() }
}

/** A record: column name → cell; a Map, so keys like `__proto__` are plain keys. */
export type RawRecord = { row: number; cells: Map<string, Cell>; geometry?: unknown; hasGeometry: boolean }

// a Map, not an object literal: a header such as `constructor` must not find Object's members
const aliases = new Map([
  ['longitude', 'lon'],
  ['lng', 'lon'],
  ['long', 'lon'],
  ['latitude', 'lat'],
])
const columnsByName = new Map<string, ImportColumn>([...importColumns, wktColumn].map((c) => [c.name, c]))

export function normaliseHeader(header: string): string {
  const name = header
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_')
  return aliases.get(name) ?? name
}

/** CSV/XLSX rows → records: the first non-empty row is the header. */
export async function* sheetRecords(
  rows: AsyncIterable<SheetRow>,
  report: Report,
): AsyncGenerator<RawRecord> {
  let header: (string | undefined)[] | undefined
  for await (const { row, cells } of rows) {
    if (cells.every((cell) => cellText(cell) === '')) continue
    if (header === undefined) {
      header = readHeader(row, cells, report)
      continue
    }
    const record = new Map<string, Cell>()
    cells.forEach((cell, i) => {
      const name = header?.[i]
      if (name !== undefined) record.set(name, cell)
      else if (cellText(cell) !== '') addError(report, row, null, cell, `cell ${i + 1} has no column header`)
    })
    yield { row, cells: record, hasGeometry: false }
  }
  if (header === undefined) addError(report, 1, null, null, 'the file has no header row')
}

function readHeader(row: number, cells: Cell[], report: Report): (string | undefined)[] {
  const seen = new Set<string>()
  const header = cells.map((cell) => {
    const raw = cellText(cell)
    const name = normaliseHeader(raw)
    if (name === '') return undefined
    if (!columnsByName.has(name)) {
      ignoreColumn(report, raw)
      return undefined
    }
    if (seen.has(name)) {
      addError(report, row, name, raw, `column ${name} appears twice`)
      return undefined
    }
    seen.add(name)
    return name
  })
  for (const column of importColumns) {
    if (column.required && column.entity !== 'location' && !seen.has(column.name)) {
      addError(report, row, column.name, null, `required column ${column.name} is missing`)
    }
  }
  if (!seen.has('wkt') && !(seen.has('lon') && seen.has('lat'))) {
    addError(report, row, 'lon', null, 'the location needs lon and lat columns, or a wkt column')
  }
  return header
}

/** GeoJSON features → records: properties are the columns, the geometry is the location. */
export async function* featureRecords(
  features: AsyncIterable<FeatureRow>,
  report: Report,
): AsyncGenerator<RawRecord> {
  for await (const { row, entries, geometry } of features) {
    const record = new Map<string, Cell>()
    for (const [key, value] of entries) {
      const name = normaliseHeader(key)
      if (!columnsByName.has(name)) {
        ignoreColumn(report, key)
        continue
      }
      if (
        value === null ||
        typeof value === 'string' ||
        typeof value === 'number' ||
        typeof value === 'boolean'
      ) {
        record.set(name, value)
      } else {
        addError(report, row, name, value, 'must be a plain value (text, number, true/false or null)')
      }
    }
    yield { row, cells: record, geometry, hasGeometry: geometry !== null && geometry !== undefined }
  }
}

export function cellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return ''
  if (cell instanceof Date) return cell.toISOString()
  return String(cell).trim()
}

const streamColumns = importColumns.filter((c) => c.entity === 'stream')

/** Validates one record; adds its errors to the report and returns the row when it is clean. */
export function validateRecord(record: RawRecord, context: RowContext, report: Report): ValidRow | undefined {
  const errorsBefore = report.errorCount
  const failed = new Set<string>() // columns already reported, so a schema does not repeat them
  const fail = (column: string, value: unknown, reason: string) => {
    failed.add(column)
    addError(report, record.row, column, value, reason)
  }
  const text = (name: string): string | null => {
    const value = unescapeSpreadsheetText(cellText(record.cells.get(name)))
    const bad = badCodePoint(value) // NUL, lone surrogates: refused, never stored (issue 13)
    if (bad) {
      if (!failed.has(name)) fail(name, value, bad)
      return null
    }
    return value === '' ? null : value
  }
  const number = (name: string): number | null | undefined => readNumber(record, name, fail)
  const choice = (name: string) => {
    const value = text(name)
    return value === null
      ? null
      : value
          .toLowerCase()
          .replace(/[\s-]+/g, '_')
          .replace('m³', 'm3')
  }

  const location = readLocation(record, fail)
  const enterpriseCandidate = {
    name: text('name') ?? '',
    nationalId: text('national_id'),
    naceCode: text('nace_code') ?? '',
    sizeClass: choice('size_class'),
    employees: number('employees'),
    address: text('address'),
    location: location ?? { type: 'Point', coordinates: [0, 0] },
  }
  const enterprise = parseWith(enterpriseInputSchema, enterpriseCandidate, enterpriseFields, failed, fail)
  if (enterprise && !context.naceClasses.has(enterprise.naceCode)) {
    fail('nace_code', text('nace_code'), `unknown NACE Rev.2 class ${enterprise.naceCode}`)
  }

  let stream: WasteStreamInput | undefined | null = null
  const hasStream = streamColumns.some((c) => cellText(record.cells.get(c.name)) !== '')
  if (hasStream) {
    const offered = readBoolean(record, 'offered_as_byproduct', fail)
    const streamCandidate = {
      ewcCode: paddedEwc(record.cells.get('ewc_code')) ?? text('ewc_code') ?? '',
      description: text('waste_description'),
      streamRef: text('stream_ref'),
      physicalState: choice('physical_state'),
      quantity: number('quantity') ?? undefined,
      unit: choice('unit') ?? undefined,
      period: choice('period') ?? undefined,
      densityTPerM3: number('density_t_per_m3'),
      batchesPerYear: number('batches_per_year'),
      frequency: choice('frequency'),
      basis: choice('basis') ?? undefined,
      routeCode: text('route_code'),
      routeSite: choice('route_site'),
      receiverName: text('receiver_name'),
      costPerYear: number('cost_per_year'),
      costCurrency: text('cost_currency'),
      surveyYear: number('survey_year') ?? undefined,
      offeredAsByproduct: offered ?? false,
    }
    stream = parseWith(wasteStreamInputSchema, streamCandidate, streamFields, failed, fail)
    if (stream && !context.ewcEntries.has(stream.ewcCode)) {
      fail(
        'ewc_code',
        text('ewc_code'),
        `unknown EWC code ${formatEwcCode(stream.ewcCode)}: not an entry of the List of Waste`,
      )
    }
  }

  if (!enterprise || location === undefined || stream === undefined || report.errorCount > errorsBefore) {
    return undefined
  }
  const locationColumn = record.hasGeometry
    ? 'geometry'
    : cellText(record.cells.get('wkt')) !== ''
      ? 'wkt'
      : 'lon'
  const fileEnterprise = resolveInFile(record.row, enterprise, locationColumn, context, fail)
  if (!fileEnterprise) return undefined
  const streamKey = stream ? streamKeyOf(text('stream_ref'), stream.description ?? null) : null
  if (stream && streamKey) {
    const identity = streamIdentity(stream.ewcCode, stream.surveyYear, streamKey)
    const earlier = fileEnterprise.streamRows.get(identity)
    if (earlier !== undefined) {
      const [column, value] =
        streamKey.by === 'stream_ref'
          ? ['stream_ref', streamKey.value]
          : ['waste_description', stream.description ?? null]
      fail(
        column,
        value,
        `row ${earlier} has the same stream: one enterprise, EWC ${formatEwcCode(stream.ewcCode)}, survey year ${stream.surveyYear} and ${streamKey.by === 'stream_ref' ? 'stream_ref' : 'description'} ${JSON.stringify(streamKey.value)} can be given once per file`,
      )
      return undefined
    }
    fileEnterprise.streamRows.set(identity, record.row)
  }
  return { row: record.row, enterprise: fileEnterprise, stream, streamKey }
}

/** How a stream of a file is told apart from the other streams of its enterprise, EWC code and year. */
export type StreamKey = { by: 'stream_ref' | 'description'; value: string }

function streamKeyOf(streamRef: string | null, description: string | null): StreamKey {
  return streamRef !== null
    ? { by: 'stream_ref', value: streamRef }
    : { by: 'description', value: normaliseStreamDescription(description) }
}

export function streamIdentity(ewcCode: string, surveyYear: number, key: StreamKey): string {
  return JSON.stringify([ewcCode, surveyYear, key.by, key.value])
}

type Fail = (column: string, value: unknown, reason: string) => void

const enterpriseFields: Record<string, string> = {
  name: 'name',
  nationalId: 'national_id',
  naceCode: 'nace_code',
  sizeClass: 'size_class',
  employees: 'employees',
  address: 'address',
  location: 'lon',
}
const streamFields: Record<string, string> = {
  ewcCode: 'ewc_code',
  description: 'waste_description',
  streamRef: 'stream_ref',
  physicalState: 'physical_state',
  quantity: 'quantity',
  unit: 'unit',
  period: 'period',
  densityTPerM3: 'density_t_per_m3',
  batchesPerYear: 'batches_per_year',
  frequency: 'frequency',
  basis: 'basis',
  routeCode: 'route_code',
  routeSite: 'route_site',
  receiverName: 'receiver_name',
  costPerYear: 'cost_per_year',
  costCurrency: 'cost_currency',
  surveyYear: 'survey_year',
  offeredAsByproduct: 'offered_as_byproduct',
}

function parseWith<S extends z.ZodType>(
  schema: S,
  candidate: Record<string, unknown>,
  columns: Record<string, string>,
  failed: Set<string>,
  fail: Fail,
): z.infer<S> | undefined {
  const parsed = schema.safeParse(candidate)
  if (parsed.success) return parsed.data
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? '')
    const column = columns[field] ?? field
    if (
      failed.has(column) ||
      (column === 'lon' && (failed.has('lat') || failed.has('wkt') || failed.has('geometry')))
    ) {
      continue
    }
    const value = candidate[field]
    const missing = value === undefined || value === null || value === ''
    // zod's own wording for an absent value ("expected number, received undefined") says less
    const absent = missing && (issue.code === 'invalid_type' || field === 'name' || field === 'naceCode')
    fail(column, missing ? null : value, absent ? 'is required' : issue.message)
  }
  return undefined
}

const numberPattern = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/

/** A number cell: numbers as they are, text such as "12.5", "12,5" or "1e3" read; NaN, Infinity refused. */
function readNumber(record: RawRecord, name: string, fail: Fail): number | null | undefined {
  const cell = record.cells.get(name)
  if (cell === null || cell === undefined) return null
  if (typeof cell === 'number') {
    if (Number.isFinite(cell)) return cell
    fail(name, String(cell), 'must be a finite number')
    return undefined
  }
  const raw = cellText(cell)
  if (raw === '') return null
  const normalised = /^[+-]?\d+,\d+$/.test(raw) ? raw.replace(',', '.') : raw
  const value = numberPattern.test(normalised) ? Number(normalised) : Number.NaN
  if (!Number.isFinite(value)) {
    fail(name, cell, typeof cell === 'boolean' ? 'must be a number' : 'must be a finite number')
    return undefined
  }
  return value
}

function readBoolean(record: RawRecord, name: string, fail: Fail): boolean | null | undefined {
  const cell = record.cells.get(name)
  if (typeof cell === 'boolean') return cell
  const raw = cellText(cell).toLowerCase()
  if (raw === '') return null
  if (['true', 'yes', '1', 'y'].includes(raw)) return true
  if (['false', 'no', '0', 'n'].includes(raw)) return false
  fail(name, cell, 'must be true or false')
  return undefined
}

/** Spreadsheets turn 010101 into the number 10101; a numeric EWC cell gets its leading zero back. */
function paddedEwc(cell: Cell | undefined): string | undefined {
  return typeof cell === 'number' && Number.isInteger(cell) && cell > 0 && cell < 1_000_000
    ? String(cell).padStart(6, '0')
    : undefined
}

type Point = { type: 'Point'; coordinates: [number, number] }

/** The location from the GeoJSON geometry, a wkt column, or lon/lat columns, in that order. */
function readLocation(record: RawRecord, fail: Fail): Point | undefined {
  if (record.hasGeometry) {
    const geometry = record.geometry as { type?: unknown; coordinates?: unknown }
    const coordinates = Array.isArray(geometry.coordinates) ? geometry.coordinates : []
    if (geometry.type !== 'Point') {
      fail('geometry', geometry.type ?? null, 'must be a GeoJSON Point')
      return undefined
    }
    const [lon, lat] = coordinates
    if (
      typeof lon !== 'number' ||
      typeof lat !== 'number' ||
      !Number.isFinite(lon) ||
      !Number.isFinite(lat)
    ) {
      fail('geometry', coordinates, 'must have finite [longitude, latitude] coordinates')
      return undefined
    }
    return checkedPoint(lon, lat, 'geometry', 'geometry', fail)
  }
  const wkt = cellText(record.cells.get('wkt'))
  if (wkt !== '') {
    let geometry: wkx.Geometry
    try {
      geometry = wkx.Geometry.parse(wkt)
    } catch {
      fail('wkt', wkt, 'is not WKT: expected POINT(longitude latitude)')
      return undefined
    }
    if (geometry.srid !== undefined && geometry.srid !== 4326) {
      fail('wkt', wkt, `must be in WGS84 (SRID 4326), not SRID ${geometry.srid}`)
      return undefined
    }
    if (!(geometry instanceof wkx.Point) || !Number.isFinite(geometry.x) || !Number.isFinite(geometry.y)) {
      fail('wkt', wkt, 'must be a non-empty POINT(longitude latitude)')
      return undefined
    }
    return checkedPoint(geometry.x, geometry.y, 'wkt', 'wkt', fail)
  }
  const lon = readNumber(record, 'lon', fail)
  const lat = readNumber(record, 'lat', fail)
  if (lon === null) fail('lon', null, 'is required (or give a wkt column)')
  if (lat === null) fail('lat', null, 'is required (or give a wkt column)')
  if (lon === null || lat === null || lon === undefined || lat === undefined) return undefined
  return checkedPoint(lon, lat, 'lon', 'lat', fail)
}

function checkedPoint(
  lon: number,
  lat: number,
  lonColumn: string,
  latColumn: string,
  fail: Fail,
): Point | undefined {
  const pair = `lon ${lon}, lat ${lat}`
  if (Math.abs(lat) > 90 && Math.abs(lon) <= 90 && Math.abs(lat) <= 180) {
    fail(
      latColumn,
      latColumn === lonColumn ? pair : lat,
      `latitude and longitude look swapped (${pair}): latitude must be within -90…90`,
    )
    return undefined
  }
  let ok = true
  if (Math.abs(lon) > 180) {
    fail(lonColumn, lonColumn === latColumn ? pair : lon, 'longitude must be within -180…180')
    ok = false
  }
  if (Math.abs(lat) > 90) {
    fail(latColumn, latColumn === lonColumn ? pair : lat, 'latitude must be within -90…90')
    ok = false
  }
  return ok ? { type: 'Point', coordinates: [lon, lat] } : undefined
}

/** Metres between two lon/lat points (haversine; plenty for a 50 m test). */
export function distanceMetres(a: readonly number[], b: readonly number[]): number {
  const [lon1 = 0, lat1 = 0] = a
  const [lon2 = 0, lat2 = 0] = b
  const rad = Math.PI / 180
  const dLat = (lat2 - lat1) * rad
  const dLon = (lon2 - lon1) * rad
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2
  return 2 * 6_371_008.8 * Math.asin(Math.min(1, Math.sqrt(h)))
}

export function nameKey(name: string): string {
  return name.trim().toLowerCase()
}

/**
 * Rows of one enterprise repeat its columns: the first row defines it, a later row that
 * contradicts it (another NACE class, a site more than 50 m away…) is an error on that row.
 */
function resolveInFile(
  row: number,
  input: EnterpriseInput,
  locationColumn: string,
  context: RowContext,
  fail: Fail,
): FileEnterprise | undefined {
  let existing: FileEnterprise | undefined
  if (input.nationalId) {
    existing = context.byNationalId.get(input.nationalId)
  } else {
    existing = context.byName
      .get(nameKey(input.name))
      ?.find(
        (e) => distanceMetres(e.input.location.coordinates, input.location.coordinates) <= SAME_SITE_METRES,
      )
  }
  if (!existing) {
    const created: FileEnterprise = { input, firstRow: row, streamRows: new Map(), locationColumn }
    if (input.nationalId) context.byNationalId.set(input.nationalId, created)
    else {
      const key = nameKey(input.name)
      const list = context.byName.get(key) ?? []
      list.push(created)
      context.byName.set(key, list)
    }
    return created
  }
  const who = input.nationalId ? `national_id ${input.nationalId}` : `"${input.name}"`
  const conflicts: [string, unknown, unknown][] = [
    ['name', existing.input.name, input.name],
    ['nace_code', existing.input.naceCode, input.naceCode],
    ['size_class', existing.input.sizeClass, input.sizeClass],
    ['employees', existing.input.employees, input.employees],
    ['address', existing.input.address, input.address],
  ]
  let ok = true
  for (const [column, first, here] of conflicts) {
    // an empty cell on a later row repeats nothing and contradicts nothing
    if (here !== null && here !== undefined && first !== here) {
      fail(
        column,
        here,
        `enterprise ${who} has ${column} ${JSON.stringify(first ?? null)} on row ${existing.firstRow}: one enterprise, one value`,
      )
      ok = false
    }
  }
  const metres = distanceMetres(existing.input.location.coordinates, input.location.coordinates)
  if (metres > SAME_SITE_METRES) {
    fail(
      'lon',
      input.location.coordinates.join(' '),
      `enterprise ${who} is ${Math.round(metres)} m from its location on row ${existing.firstRow}`,
    )
    ok = false
  }
  return ok ? existing : undefined
}
