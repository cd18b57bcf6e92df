import type { EwcEntry, NaceEntry } from '../../contract/catalog.js'
import { formatEwcCode } from '../../contract/codes.js'
import type { EwcCodeRow, NaceCodeRow } from '../../db/schema.js'

export function toEwcEntry(row: EwcCodeRow): EwcEntry {
  return {
    code: row.code,
    display: `${formatEwcCode(row.code)}${row.hazardous ? '*' : ''}`,
    level: row.level,
    chapter: row.chapter,
    parent: row.parent,
    hazardous: row.hazardous,
    mirrorOf: row.mirror_of,
    description: row.description,
  }
}

export function toNaceEntry(row: NaceCodeRow): NaceEntry {
  return { code: row.code, level: row.level, parent: row.parent, section: row.section, title: row.title }
}
