import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { parse } from 'csv-parse'
import type { ImportFormat } from '../../contract/imports.js'
import { HttpError } from '../../plugins/error-handler.js'
import { readXlsxRows, tooLargeFile } from './xlsx.js'

/**
 * Turning uploaded bytes into rows: size limit, content sniffing, and one streaming reader per
 * format. Nothing here knows the import columns; rows.ts does.
 */

export type Cell = string | number | boolean | Date | null

/** A spreadsheet row (CSV/XLSX): `row` is the number a spreadsheet shows (header = 1). */
export type SheetRow = { row: number; cells: Cell[] }

/** A GeoJSON feature: its properties as key/value pairs (never an object, so `__proto__` stays a key). */
export type FeatureRow = { row: number; entries: [string, unknown][]; geometry: unknown }

/**
 * What one import file may hold besides its bytes (issue 13): rows (header included), columns,
 * characters of one cell (Excel's own limit) and the inflated size of one XLSX part. Each is
 * refused with 413 naming it, before the rest of the file is parsed, so peak memory stays bounded.
 */
export const IMPORT_FILE_LIMITS = {
  rows: 100_000,
  columns: 200,
  cellChars: 32_767,
  partBytes: 200 * 1024 * 1024,
} as const

/** Stops the upload once it passes `maxBytes`, with a 413 naming the limit. */
export async function* limitBytes(source: AsyncIterable<Buffer>, maxBytes: number): AsyncGenerator<Buffer> {
  let total = 0
  for await (const chunk of source) {
    total += chunk.length
    if (total > maxBytes) throw tooLarge(maxBytes)
    yield chunk
  }
}

export function tooLarge(maxBytes: number): HttpError {
  return new HttpError(
    413,
    'PAYLOAD_TOO_LARGE',
    `The file is larger than the import limit of ${formatBytes(maxBytes)}; split it into smaller files`,
  )
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`
  if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} kB`
  return `${bytes} bytes`
}

/** Reads the first `bytes` (or the whole file if shorter) and gives back the full stream unchanged. */
export async function peekHead(
  source: AsyncIterable<Buffer>,
  bytes: number,
): Promise<{ head: Buffer; all: AsyncIterable<Buffer> }> {
  const iterator = source[Symbol.asyncIterator]()
  const seen: Buffer[] = []
  let length = 0
  let done = false
  while (length < bytes) {
    const next = await iterator.next()
    if (next.done) {
      done = true
      break
    }
    seen.push(next.value)
    length += next.value.length
  }
  async function* all() {
    yield* seen
    if (done) return
    while (true) {
      const next = await iterator.next()
      if (next.done) return
      yield next.value
    }
  }
  return { head: Buffer.concat(seen), all: all() }
}

type ContentKind = 'zip' | 'json' | 'text' | 'png' | 'jpeg' | 'gif' | 'pdf' | 'gzip' | 'binary'

const magic: [ContentKind, number[]][] = [
  ['zip', [0x50, 0x4b, 0x03, 0x04]],
  ['png', [0x89, 0x50, 0x4e, 0x47]],
  ['jpeg', [0xff, 0xd8, 0xff]],
  ['gif', [0x47, 0x49, 0x46, 0x38]],
  ['pdf', [0x25, 0x50, 0x44, 0x46]],
  ['gzip', [0x1f, 0x8b]],
]

const kindNames: Record<ContentKind, string> = {
  zip: 'a ZIP archive (XLSX)',
  json: 'JSON',
  text: 'plain text (CSV)',
  png: 'a PNG image',
  jpeg: 'a JPEG image',
  gif: 'a GIF image',
  pdf: 'a PDF document',
  gzip: 'a gzip archive',
  binary: 'binary data',
}

export function sniffContent(head: Buffer): ContentKind {
  for (const [kind, bytes] of magic) {
    if (bytes.every((byte, i) => head[i] === byte)) return kind
  }
  if (head.includes(0)) return 'binary'
  const text = head
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart()
  if (text.startsWith('{') || text.startsWith('[')) return 'json'
  return 'text'
}

const expectedContent: Record<ImportFormat, ContentKind> = { csv: 'text', xlsx: 'zip', geojson: 'json' }
const formatNames: Record<ImportFormat, string> = { csv: 'CSV', xlsx: 'XLSX', geojson: 'GeoJSON' }

/**
 * The format to read: what the name / media type says, checked against what the bytes are.
 * A mismatch (PNG bytes named .csv, an .xlsx that is not a ZIP) is refused with 415.
 */
export function decideFormat(
  declared: ImportFormat | undefined,
  head: Buffer,
  declaredAs: string,
): ImportFormat {
  if (head.length === 0) throw new HttpError(400, 'BAD_REQUEST', 'The file is empty')
  const kind = sniffContent(head)
  if (declared !== undefined) {
    if (kind !== expectedContent[declared]) {
      throw new HttpError(
        415,
        'UNSUPPORTED_MEDIA_TYPE',
        `The file is declared as ${formatNames[declared]} (${declaredAs}) but its content is ${kindNames[kind]}`,
      )
    }
    return declared
  }
  const inferred = (Object.keys(expectedContent) as ImportFormat[]).find((f) => expectedContent[f] === kind)
  if (inferred === undefined) {
    throw new HttpError(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      `The file's content is ${kindNames[kind]}; send CSV, XLSX or GeoJSON`,
    )
  }
  return inferred
}

/** The format a file name or media type announces, if any. */
export function declaredFormat(
  filename: string | undefined,
  mediaType: string | undefined,
): ImportFormat | undefined {
  const extension = filename?.toLowerCase().match(/\.([a-z]+)$/)?.[1]
  if (extension === 'csv') return 'csv'
  if (extension === 'xlsx') return 'xlsx'
  if (extension === 'geojson' || extension === 'json') return 'geojson'
  const type = mediaType?.split(';')[0]?.trim().toLowerCase()
  if (type === 'text/csv') return 'csv'
  if (type === 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet') return 'xlsx'
  if (type === 'application/geo+json' || type === 'application/json') return 'geojson'
  return undefined
}

/** `,` `;` or tab: whichever the header line holds most of, outside quotes. */
export function detectDelimiter(head: Buffer): string {
  const text = head.toString('utf8').replace(/^\uFEFF/, '')
  const counts = new Map<string, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
  ])
  let quoted = false
  for (const char of text) {
    if (char === '"') quoted = !quoted
    else if (!quoted && (char === '\n' || char === '\r')) break
    else if (!quoted && counts.has(char)) counts.set(char, (counts.get(char) ?? 0) + 1)
  }
  let best = ','
  for (const [delimiter, count] of counts) if (count > (counts.get(best) ?? 0)) best = delimiter
  return best
}

function unreadable(format: string, error: unknown): HttpError {
  const reason = error instanceof Error ? error.message : String(error)
  return new HttpError(400, 'BAD_REQUEST', `The ${format} file could not be read: ${reason}`)
}

/** CSV rows, parsed as they arrive (BOM stripped, CRLF or LF, the given delimiter). */
export async function* readCsv(source: AsyncIterable<Buffer>, delimiter: string): AsyncGenerator<SheetRow> {
  const { rows, columns, cellChars } = IMPORT_FILE_LIMITS
  const parser = parse({
    bom: true,
    delimiter,
    relax_column_count: true,
    skip_empty_lines: false,
    // a field still open after this many characters (an unclosed quote, a 300 MB cell) stops the read
    max_record_size: cellChars + 1,
  })
  const feeding = pipeline(Readable.from(source), parser)
  // The pipeline's own promise rejects with the same error the iteration throws; keep it handled.
  feeding.catch(() => {})
  let row = 0
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row += 1
      if (row > rows) throw tooLargeFile(`The file has more than ${rows.toLocaleString('en')} rows`)
      if (record.length > columns) throw tooLargeFile(`Row ${row} has more than ${columns} columns`)
      const long = record.findIndex((cell) => cell.length > cellChars)
      if (long >= 0)
        throw tooLargeFile(
          `Row ${row}, cell ${long + 1} holds more than ${cellChars.toLocaleString('en')} characters`,
        )
      yield { row, cells: record }
    }
  } catch (error) {
    if (error instanceof HttpError) throw error
    if ((error as { code?: unknown }).code === 'CSV_MAX_RECORD_SIZE')
      throw tooLargeFile(
        `Row ${row + 1} holds a cell of more than ${cellChars.toLocaleString('en')} characters`,
      )
    throw unreadable('CSV', error)
  }
}

/** The first worksheet's rows, read within IMPORT_FILE_LIMITS (xlsx.ts). */
export async function* readXlsx(source: AsyncIterable<Buffer>): AsyncGenerator<SheetRow> {
  // the compressed file is collected first (bounded by the upload limit): a ZIP is read from its
  // central directory at the end, and each part's declared size is checked before inflating it
  const chunks: Buffer[] = []
  for await (const chunk of source) chunks.push(chunk)
  yield* readXlsxRows(Buffer.concat(chunks), IMPORT_FILE_LIMITS)
}

/** GeoJSON features; the document is parsed whole (it is bounded by the size limit). */
export async function* readGeoJson(source: AsyncIterable<Buffer>): AsyncGenerator<FeatureRow> {
  const chunks: Buffer[] = []
  for await (const chunk of source) chunks.push(chunk)
  let document: unknown
  try {
    document = JSON.parse(
      Buffer.concat(chunks)
        .toString('utf8')
        .replace(/^\uFEFF/, ''),
    )
  } catch (error) {
    throw unreadable('GeoJSON', error)
  }
  const collection = document as { type?: unknown; features?: unknown }
  if (
    typeof document !== 'object' ||
    document === null ||
    collection.type !== 'FeatureCollection' ||
    !Array.isArray(collection.features)
  ) {
    throw new HttpError(400, 'BAD_REQUEST', 'Expected a GeoJSON FeatureCollection with a features array')
  }
  if (collection.features.length > IMPORT_FILE_LIMITS.rows) {
    throw tooLargeFile(`The file has more than ${IMPORT_FILE_LIMITS.rows.toLocaleString('en')} features`)
  }
  let index = 0
  for (const feature of collection.features as unknown[]) {
    index += 1
    const f = (typeof feature === 'object' && feature !== null ? feature : {}) as {
      properties?: unknown
      geometry?: unknown
    }
    const properties = typeof f.properties === 'object' && f.properties !== null ? f.properties : {}
    yield { row: index, entries: Object.entries(properties), geometry: f.geometry ?? null }
  }
}
