import { crc32, createDeflateRaw } from 'node:zlib'

/**
 * XLSX files built byte by byte, for the limit tests and scripts/bench/import-bombs.ts: each part
 * is given as chunks and deflated as it goes, so a part of hundreds of megabytes (a shared-string
 * bomb) is never held whole. `declaredSize` lets a part lie about its size in the ZIP directory.
 */
export type XlsxPart = { name: string; chunks: () => Iterable<string | Buffer>; declaredSize?: number }

async function deflated(chunks: Iterable<string | Buffer>) {
  const deflate = createDeflateRaw({ level: 6 })
  const out: Buffer[] = []
  deflate.on('data', (chunk: Buffer) => out.push(chunk))
  const finished = new Promise<void>((resolve, reject) => deflate.on('end', resolve).on('error', reject))
  let crc = 0
  let size = 0
  for (const chunk of chunks) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
    crc = crc32(bytes, crc)
    size += bytes.length
    if (!deflate.write(bytes)) await new Promise((resolve) => deflate.once('drain', resolve))
  }
  deflate.end()
  await finished
  return { data: Buffer.concat(out), crc, size }
}

/** A ZIP of the parts (deflated), with a central directory. */
export async function zipOf(parts: XlsxPart[]): Promise<Buffer> {
  const locals: Buffer[] = []
  const directory: Buffer[] = []
  let offset = 0
  for (const part of parts) {
    const { data, crc, size } = await deflated(part.chunks())
    const name = Buffer.from(part.name)
    const declared = part.declaredSize ?? size
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(8, 8)
    local.writeUInt32LE(crc >>> 0, 14)
    local.writeUInt32LE(data.length, 18)
    local.writeUInt32LE(Math.min(declared, 0xfffffffe), 22)
    local.writeUInt16LE(name.length, 26)
    locals.push(local, name, data)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(8, 10)
    central.writeUInt32LE(crc >>> 0, 16)
    central.writeUInt32LE(data.length, 20)
    central.writeUInt32LE(Math.min(declared, 0xfffffffe), 24)
    central.writeUInt16LE(name.length, 28)
    central.writeUInt32LE(offset, 42)
    directory.push(central, name)
    offset += local.length + name.length + data.length
  }
  const directoryBytes = Buffer.concat(directory)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(parts.length, 8)
  end.writeUInt16LE(parts.length, 10)
  end.writeUInt32LE(directoryBytes.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, directoryBytes, end])
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'

/** An XLSX of one sheet: `sheetData` gives the rows' XML, `sharedStrings` the `<si>` elements. */
export function xlsxOf({
  sheetData,
  sharedStrings,
  sheetDeclaredSize,
  sharedDeclaredSize,
}: {
  sheetData: () => Iterable<string | Buffer>
  sharedStrings?: () => Iterable<string | Buffer>
  sheetDeclaredSize?: number
  sharedDeclaredSize?: number
}): Promise<Buffer> {
  const parts: XlsxPart[] = [
    {
      name: '[Content_Types].xml',
      chunks: () => [
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
      ],
    },
    {
      name: 'xl/workbook.xml',
      chunks: () => [
        `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${NS}" xmlns:r="${REL_NS}"><sheets><sheet name="Survey" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      ],
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      chunks: () => [
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
      ],
    },
  ]
  if (sharedStrings) {
    parts.push({
      name: 'xl/sharedStrings.xml',
      chunks: function* () {
        yield `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${NS}">`
        yield* sharedStrings()
        yield '</sst>'
      },
      ...(sharedDeclaredSize === undefined ? {} : { declaredSize: sharedDeclaredSize }),
    })
  }
  parts.push({
    name: 'xl/worksheets/sheet1.xml',
    chunks: function* () {
      yield `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}"><sheetData>`
      yield* sheetData()
      yield '</sheetData></worksheet>'
    },
    ...(sheetDeclaredSize === undefined ? {} : { declaredSize: sheetDeclaredSize }),
  })
  return zipOf(parts)
}

/** `count` copies of `chunk`, as chunks. */
export function* repeated(chunk: string, count: number): Generator<Buffer> {
  const bytes = Buffer.from(chunk)
  for (let i = 0; i < count; i += 1) yield bytes
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/** `0` → `A`, `26` → `AA`. */
export function columnLetters(index: number): string {
  let letters = ''
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters
  }
  return letters
}

/** The `<row>` XML of cells given as text (inline strings) or numbers. */
export function rowXml(row: number, cells: (string | number)[]): string {
  const xml = cells.map((cell, i) => {
    const ref = `${columnLetters(i)}${row}`
    return typeof cell === 'number'
      ? `<c r="${ref}"><v>${cell}</v></c>`
      : `<c r="${ref}" t="inlineStr"><is><t>${escape(cell)}</t></is></c>`
  })
  return `<row r="${row}">${xml.join('')}</row>`
}

/** The three files of issue 13's table: a 300 MB shared string, 1 GiB of whitespace, 2M rows. */
export const bombs = {
  sharedString: (megabytes = 300) =>
    xlsxOf({
      sharedStrings: function* () {
        yield '<si><t>'
        yield* repeated('a'.repeat(1024 * 1024), megabytes)
        yield '</t></si>'
      },
      sheetData: () => ['<row r="1"><c r="A1" t="s"><v>0</v></c></row>'],
    }),
  /** `hideSize`: the ZIP directory says 1,000 bytes, so only counting the inflated bytes stops it. */
  whitespace: (megabytes = 1024, { hideSize = false } = {}) =>
    xlsxOf({
      sheetData: function* () {
        yield '<row r="1"><c r="A1"><v>1</v></c></row>'
        yield* repeated(' '.repeat(1024 * 1024), megabytes)
      },
      ...(hideSize ? { sheetDeclaredSize: 1000 } : {}),
    }),
  rows: (count = 2_000_000) =>
    xlsxOf({
      sheetData: function* () {
        for (let start = 1; start <= count; start += 10_000) {
          const block: string[] = []
          for (let row = start; row < Math.min(start + 10_000, count + 1); row += 1) {
            block.push(`<row r="${row}"><c r="A${row}" t="inlineStr"><is><t>x</t></is></c></row>`)
          }
          yield block.join('')
        }
      },
    }),
}
