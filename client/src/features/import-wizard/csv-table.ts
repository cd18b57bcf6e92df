/**
 * Just enough CSV to show an uploaded survey file beside its validation report and write it back
 * after the analyst fixed cells: RFC 4180 quoting, a BOM, `,` or `;` separators, CRLF or LF.
 * The server's parser stays the judge of what the file means.
 */
export type CsvTable = { delimiter: ',' | ';'; records: string[][] }

export function parseCsv(input: string): CsvTable {
  const text = input.replace(/^\uFEFF/, '')
  const delimiter = guessDelimiter(text)
  const records: string[][] = []
  let record: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const char = text[i]
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (char === '"') quoted = false
      else field += char
    } else if (char === '"') quoted = true
    else if (char === delimiter) {
      record.push(field)
      field = ''
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++
      record.push(field)
      records.push(record)
      record = []
      field = ''
    } else field += char
  }
  if (field !== '' || record.length > 0) {
    record.push(field)
    records.push(record)
  }
  return { delimiter, records }
}

/** The separator of the header line: whichever of `;` and `,` occurs more often outside quotes. */
function guessDelimiter(text: string): ',' | ';' {
  let commas = 0
  let semicolons = 0
  let quoted = false
  for (const char of text) {
    if (char === '"') quoted = !quoted
    else if (!quoted && (char === '\n' || char === '\r')) break
    else if (!quoted && char === ',') commas++
    else if (!quoted && char === ';') semicolons++
  }
  return semicolons > commas ? ';' : ','
}

export function writeCsv({ delimiter, records }: CsvTable): string {
  const cell = (value: string) =>
    value.includes(delimiter) || /["\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value
  return `${records.map((record) => record.map(cell).join(delimiter)).join('\r\n')}\r\n`
}
