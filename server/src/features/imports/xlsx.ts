import { StringDecoder } from 'node:string_decoder'
import { createInflateRaw } from 'node:zlib'
import { HttpError } from '../../plugins/error-handler.js'

/**
 * The first worksheet of an XLSX file, read with bounded memory (issue 13: a 312 KB file whose
 * first shared string was 300 MB took 1.5 GB and a 500; a 1 GiB-whitespace sheet 1.6 GB; a
 * 2M-row sheet 2.8 GB for 133 s). An XLSX is a ZIP of XML parts, so:
 * - the ZIP's central directory is read first (the compressed file is already in memory, bounded
 *   by the upload limit) and a part that declares more than its limit is refused before any
 *   inflating; while inflating, the bytes that actually come out are counted too (a size can lie);
 * - the XML is tokenised as it is inflated, keeping only the text of the elements that hold
 *   values (`<v>`, `<t>`): whitespace or other text elsewhere is dropped as it goes by;
 * - every cell and shared string is capped at Excel's own 32,767 characters, rows and columns at
 *   the import's limits, each refused with 413 naming the limit.
 * Written here rather than taken from exceljs (which caches every shared string whole and has no
 * limits) or a new dependency: the subset of SpreadsheetML an import needs is small.
 */

export type XlsxLimits = {
  /** The largest inflated size of one part (a worksheet, the shared strings). */
  partBytes: number
  /** Data rows and the header together. */
  rows: number
  columns: number
  /** Characters of one cell or shared string. */
  cellChars: number
}

export type XlsxRow = { row: number; cells: (string | number | boolean | Date | null)[] }

const MB = 1024 * 1024
const MAX_TAG_CHARS = 64 * 1024
const MAX_ENTRIES = 10_000

export function tooLargeFile(message: string): HttpError {
  return new HttpError(413, 'PAYLOAD_TOO_LARGE', message)
}

const unreadable = (reason: string) =>
  new HttpError(400, 'BAD_REQUEST', `The XLSX file could not be read: ${reason}`)

type ZipEntry = { name: string; method: number; compressedSize: number; size: number; offset: number }

/** The entries of a ZIP, from its central directory (ZIP64 and encryption are refused). */
export function zipEntries(zip: Buffer): Map<string, ZipEntry> {
  let end = -1
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i -= 1) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      end = i
      break
    }
  }
  if (end < 0) throw unreadable('no ZIP central directory (the file is cut short or not a ZIP)')
  const count = zip.readUInt16LE(end + 10)
  const directoryOffset = zip.readUInt32LE(end + 16)
  if (count === 0xffff || directoryOffset === 0xffffffff) throw tooLargeFile('ZIP64 archives are not read')
  if (count > MAX_ENTRIES) throw tooLargeFile(`The XLSX file holds more than ${MAX_ENTRIES} parts`)
  const entries = new Map<string, ZipEntry>()
  let at = directoryOffset
  for (let i = 0; i < count; i += 1) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== 0x02014b50)
      throw unreadable('a broken ZIP directory')
    const flags = zip.readUInt16LE(at + 8)
    const nameLength = zip.readUInt16LE(at + 28)
    const entry: ZipEntry = {
      method: zip.readUInt16LE(at + 10),
      compressedSize: zip.readUInt32LE(at + 20),
      size: zip.readUInt32LE(at + 24),
      name: zip.toString('utf8', at + 46, at + 46 + nameLength),
      offset: zip.readUInt32LE(at + 42),
    }
    if (flags & 1) throw unreadable(`${entry.name} is encrypted`)
    entries.set(entry.name, entry)
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32)
  }
  return entries
}

/** The text of one part, inflated in chunks and cut off once more than `limit` bytes come out. */
async function* partText(zip: Buffer, entry: ZipEntry, limit: number): AsyncGenerator<string> {
  const tooBig = () => tooLargeFile(`${entry.name} expands to more than ${Math.round(limit / MB)} MB`)
  if (entry.size > limit) throw tooBig()
  const at = entry.offset
  if (at + 30 > zip.length || zip.readUInt32LE(at) !== 0x04034b50)
    throw unreadable(`${entry.name} is missing`)
  const start = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28)
  const data = zip.subarray(start, start + entry.compressedSize)
  const decoder = new StringDecoder('utf8')
  if (entry.method === 0) {
    if (data.length > limit) throw tooBig()
    for (let i = 0; i < data.length; i += 64 * 1024) yield decoder.write(data.subarray(i, i + 64 * 1024))
    yield decoder.end()
    return
  }
  if (entry.method !== 8) throw unreadable(`${entry.name} uses ZIP method ${entry.method}`)
  const inflate = createInflateRaw({ chunkSize: 64 * 1024 })
  inflate.end(data)
  let total = 0
  try {
    for await (const chunk of inflate as AsyncIterable<Buffer>) {
      total += chunk.length
      if (total > limit) throw tooBig()
      yield decoder.write(chunk)
    }
  } catch (error) {
    if (error instanceof HttpError) throw error
    throw unreadable(`${entry.name}: ${error instanceof Error ? error.message : String(error)}`)
  } finally {
    inflate.destroy()
  }
  yield decoder.end()
}

type XmlHandler = {
  open(name: string, attributes: Map<string, string>, selfClosing: boolean): void
  close(name: string): void
  /** Called only while `collecting()` is true; other text is dropped unread. */
  text(text: string): void
  collecting(): boolean
}

const entities: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }

function decodeEntities(text: string): string {
  if (!text.includes('&')) return text
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, name: string) => {
    if (name.startsWith('#x')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16))
    if (name.startsWith('#')) return String.fromCodePoint(Number.parseInt(name.slice(1), 10))
    return entities[name] ?? whole
  })
}

const localName = (name: string) => name.slice(name.indexOf(':') + 1)

/**
 * A streaming tokeniser for the XML of an XLSX part: elements, attributes, text and entities;
 * comments, processing instructions and CDATA skipped or read; a DOCTYPE refused. Holds at most
 * one tag (64 K characters) and the text of the element being collected.
 */
async function* parseXml(
  chunks: AsyncIterable<string>,
  part: string,
  handler: XmlHandler,
): AsyncGenerator<void> {
  let pending = ''
  for await (const chunk of chunks) {
    pending += chunk
    let at = 0
    while (at < pending.length) {
      const lt = pending.indexOf('<', at)
      if (lt < 0) {
        // text up to the end; an entity cut in two waits for the next chunk
        const amp = pending.lastIndexOf('&')
        const keepFrom = amp >= at && !pending.includes(';', amp) ? amp : pending.length
        if (handler.collecting()) handler.text(decodeEntities(pending.slice(at, keepFrom)))
        at = keepFrom
        break
      }
      if (lt > at && handler.collecting()) handler.text(decodeEntities(pending.slice(at, lt)))
      at = lt
      const end = tagEnd(pending, lt)
      if (end < 0) break // the tag continues in the next chunk
      const tag = pending.slice(lt, end)
      at = end
      if (tag.startsWith('<!--') || tag.startsWith('<?')) continue
      if (tag.startsWith('<![CDATA[')) {
        if (handler.collecting()) handler.text(tag.slice(9, -3))
        continue
      }
      if (tag.startsWith('<!')) throw unreadable(`${part} has a DOCTYPE`)
      if (tag.startsWith('</')) {
        handler.close(localName(tag.slice(2, -1).trim()))
        continue
      }
      const selfClosing = tag.endsWith('/>')
      const body = tag.slice(1, selfClosing ? -2 : -1)
      const nameEnd = body.search(/[\s/]|$/)
      const name = localName(body.slice(0, nameEnd))
      const attributes = new Map<string, string>()
      for (const match of body.slice(nameEnd).matchAll(/([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
        attributes.set(localName(match[1] ?? ''), decodeEntities(match[2] ?? match[3] ?? ''))
      }
      handler.open(name, attributes, selfClosing)
      if (selfClosing) handler.close(name)
    }
    pending = pending.slice(at)
    if (pending.length > MAX_TAG_CHARS) throw tooLargeFile(`${part} has a tag longer than 64 K characters`)
    yield
  }
  if (pending.trim() !== '') throw unreadable(`${part} ends inside a tag`)
}

/** The index just past the tag starting at `lt`, or -1 when it is not complete yet. */
function tagEnd(text: string, lt: number): number {
  const closer = text.startsWith('<!--', lt)
    ? '-->'
    : text.startsWith('<![CDATA[', lt)
      ? ']]>'
      : text.startsWith('<?', lt)
        ? '?>'
        : undefined
  if (closer) {
    const found = text.indexOf(closer, lt)
    return found < 0 ? -1 : found + closer.length
  }
  let quote: string | undefined
  for (let i = lt + 1; i < text.length; i += 1) {
    const char = text[i]
    if (quote) {
      if (char === quote) quote = undefined
    } else if (char === '"' || char === "'") quote = char
    else if (char === '>') return i + 1
  }
  return -1
}

/** Collects the text of one value, refusing it past `cellChars`. */
function textCollector(cellChars: number, what: () => string) {
  let parts: string[] = []
  let length = 0
  return {
    add(text: string) {
      length += text.length
      if (length > cellChars) {
        throw tooLargeFile(`${what()} holds more than ${cellChars.toLocaleString('en')} characters`)
      }
      parts.push(text)
    },
    take(): string {
      const text = parts.join('')
      parts = []
      length = 0
      return text
    },
  }
}

async function readSharedStrings(zip: Buffer, entry: ZipEntry | undefined, limits: XlsxLimits) {
  const strings: string[] = []
  if (!entry) return strings
  let inString = false
  let inText = false
  let phonetic = 0
  const collector = textCollector(limits.cellChars, () => `shared string ${strings.length + 1}`)
  await parseAll(partText(zip, entry, limits.partBytes), entry.name, {
    open(name) {
      if (name === 'si') inString = true
      else if (name === 'rPh') phonetic += 1
      else if (name === 't') inText = true
    },
    close(name) {
      if (name === 'si') {
        strings.push(collector.take())
        inString = false
      } else if (name === 'rPh') phonetic -= 1
      else if (name === 't') inText = false
    },
    text: (text) => collector.add(text),
    collecting: () => inString && inText && phonetic === 0,
  })
  return strings
}

/** The path of the workbook's first sheet: workbook.xml's first `<sheet>` through its relationships. */
async function firstSheetPath(zip: Buffer, entries: Map<string, ZipEntry>): Promise<string | undefined> {
  const workbook = entries.get('xl/workbook.xml')
  const rels = entries.get('xl/_rels/workbook.xml.rels')
  let firstId: string | undefined
  const targets = new Map<string, string>()
  if (workbook && rels) {
    await parseAll(partText(zip, workbook, 16 * MB), workbook.name, {
      open(name, attributes) {
        if (name === 'sheet' && firstId === undefined) firstId = attributes.get('id')
      },
      close() {},
      text() {},
      collecting: () => false,
    })
    await parseAll(partText(zip, rels, 16 * MB), rels.name, {
      open(name, attributes) {
        const id = attributes.get('Id')
        const target = attributes.get('Target')
        if (name === 'Relationship' && id && target) targets.set(id, target)
      },
      close() {},
      text() {},
      collecting: () => false,
    })
  }
  const target = firstId === undefined ? undefined : targets.get(firstId)
  if (target) return target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`
  return [...entries.keys()].find((name) => /^xl\/worksheets\/[^/]+\.xml$/.test(name))
}

/** `B12` → 1 (zero-based column), or undefined. */
function columnOf(reference: string | undefined): number | undefined {
  const letters = reference?.match(/^[A-Z]+/)?.[0]
  if (!letters) return undefined
  let column = 0
  for (const letter of letters) column = column * 26 + (letter.charCodeAt(0) - 64)
  return column - 1
}

/**
 * The rows of the first worksheet, as they are inflated: cells as text, numbers, booleans (and
 * Date for `t="d"`), a formula as its cached result.
 */
export async function* readXlsxRows(zip: Buffer, limits: XlsxLimits): AsyncGenerator<XlsxRow> {
  const entries = zipEntries(zip)
  const sheetPath = await firstSheetPath(zip, entries)
  const sheet = sheetPath === undefined ? undefined : entries.get(sheetPath)
  if (!sheet) throw new HttpError(400, 'BAD_REQUEST', 'The XLSX file has no worksheet')
  const shared = await readSharedStrings(zip, entries.get('xl/sharedStrings.xml'), limits)

  const ready: XlsxRow[] = []
  let rowCount = 0
  let current: XlsxRow | undefined
  let lastRow = 0
  let cell: { column: number; type: string; reference: string } | undefined
  let nextColumn = 0
  let collecting = false
  let hasValue = false
  const collector = textCollector(limits.cellChars, () => `cell ${cell?.reference ?? ''} of ${sheet.name}`)

  const valueOf = (type: string, text: string): XlsxRow['cells'][number] => {
    if (!hasValue) return null
    if (type === 's') {
      const value = shared[Number(text)]
      if (value === undefined)
        throw unreadable(`cell ${cell?.reference} names shared string ${text}, which is not there`)
      return value
    }
    if (type === 'b') return text === '1' || text === 'true'
    if (type === 'inlineStr' || type === 'str' || type === 'e') return text
    if (type === 'd') return new Date(text)
    const number = Number(text)
    return text.trim() === '' ? null : Number.isNaN(number) ? text : number
  }

  const handler: XmlHandler = {
    open(name, attributes) {
      if (name === 'row') {
        rowCount += 1
        if (rowCount > limits.rows)
          throw tooLargeFile(`${sheet.name} has more than ${limits.rows.toLocaleString('en')} rows`)
        const number = Number(attributes.get('r'))
        lastRow = Number.isInteger(number) && number > lastRow ? number : lastRow + 1
        current = { row: lastRow, cells: [] }
        nextColumn = 0
      } else if (name === 'c' && current) {
        const reference = attributes.get('r')
        const column = columnOf(reference) ?? nextColumn
        if (column >= limits.columns) {
          throw tooLargeFile(
            `${sheet.name} has more than ${limits.columns} columns (cell ${reference ?? column + 1})`,
          )
        }
        cell = {
          column,
          type: attributes.get('t') ?? 'n',
          reference: reference ?? `${column + 1}:${lastRow}`,
        }
        nextColumn = column + 1
        hasValue = false
      } else if (cell && (name === 'v' || (name === 't' && cell.type === 'inlineStr'))) {
        collecting = true
        hasValue = true
      } else if (name === 'rPh') collecting = false
    },
    close(name) {
      if (name === 'v' || name === 't') collecting = false
      else if (name === 'c' && cell && current) {
        const value = valueOf(cell.type, collector.take())
        while (current.cells.length < cell.column) current.cells.push(null)
        current.cells[cell.column] = value
        cell = undefined
      } else if (name === 'row' && current) {
        ready.push(current)
        current = undefined
      }
    },
    text: (text) => collector.add(text),
    collecting: () => collecting,
  }

  // the parser pushes finished rows into `ready`; they are handed on after each inflated chunk
  for await (const _chunk of parseXml(partText(zip, sheet, limits.partBytes), sheet.name, handler)) {
    for (const row of ready) yield row
    ready.length = 0
  }
  for (const row of ready) yield row
}

/** Runs a parse to its end. */
async function parseAll(...args: Parameters<typeof parseXml>) {
  for await (const _chunk of parseXml(...args));
}
