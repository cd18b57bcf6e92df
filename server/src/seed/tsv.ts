/** Reads a tab-separated file with a header line into records keyed by column name. */
export function parseTsv(text: string): Record<string, string>[] {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((line) => line.length > 0)
  const header = lines[0]?.split('\t') ?? []
  return lines.slice(1).map((line, index) => {
    const cells = line.split('\t')
    if (cells.length !== header.length) {
      throw new Error(`line ${index + 2}: expected ${header.length} columns, found ${cells.length}`)
    }
    return Object.fromEntries(header.map((name, i) => [name, cells[i] ?? '']))
  })
}
