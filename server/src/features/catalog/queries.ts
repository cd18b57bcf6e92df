import { normaliseEwcCode, normaliseNaceCode } from '../../contract/codes.js'
import type { Db } from '../../db/database.js'

export type EwcFilter = {
  q?: string
  chapter?: string
  level?: 'chapter' | 'subchapter' | 'entry'
  hazardous?: boolean
}
export type Page = { limit: number; offset: number }

/**
 * Words of a free-text search as PostgreSQL regular expressions matching at the start of a word
 * (`\m`), all of which must match: "cement" finds "Manufacture of cement" but not "placement".
 */
function wordPatterns(q: string): string[] {
  return q
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 8)
    .map((word) => `\\m${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`)
}

function ewcQuery(db: Db, filter: EwcFilter) {
  let query = db.selectFrom('ewc_codes')
  if (filter.chapter) query = query.where('chapter', '=', filter.chapter)
  if (filter.level) query = query.where('level', '=', filter.level)
  if (filter.hazardous !== undefined) query = query.where('hazardous', '=', filter.hazardous)
  if (filter.q) {
    const code = normaliseEwcCode(filter.q)
    if (code !== undefined) {
      query = query.where('code', 'like', `${code}%`)
    } else {
      for (const pattern of wordPatterns(filter.q)) query = query.where('description', '~*', pattern)
    }
  }
  return query
}

export async function searchEwc(db: Db, filter: EwcFilter, page: Page) {
  const [rows, count] = await Promise.all([
    ewcQuery(db, filter).selectAll().orderBy('code').limit(page.limit).offset(page.offset).execute(),
    ewcQuery(db, filter)
      .select((eb) => eb.fn.countAll<number>().as('total'))
      .executeTakeFirstOrThrow(),
  ])
  return { total: Number(count.total), rows }
}

export function findEwc(db: Db, code: string) {
  return db.selectFrom('ewc_codes').selectAll().where('code', '=', code).executeTakeFirst()
}

export type NaceFilter = { q?: string; section?: string; level?: 'section' | 'division' | 'group' | 'class' }

function naceQuery(db: Db, filter: NaceFilter) {
  let query = db.selectFrom('nace_codes')
  if (filter.section) query = query.where('section', '=', filter.section)
  if (filter.level) query = query.where('level', '=', filter.level)
  if (filter.q) {
    const code = /[0-9]/.test(filter.q) ? normaliseNaceCode(filter.q) : undefined
    if (code !== undefined) {
      query = query.where('code', 'like', `${code}%`)
    } else {
      for (const pattern of wordPatterns(filter.q)) query = query.where('title', '~*', pattern)
    }
  }
  return query
}

export async function searchNace(db: Db, filter: NaceFilter, page: Page) {
  const [rows, count] = await Promise.all([
    // Classification order: A, 01, 01.1, 01.11 … sorts by section, then code.
    naceQuery(db, filter)
      .selectAll()
      .orderBy('section')
      .orderBy('code')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    naceQuery(db, filter)
      .select((eb) => eb.fn.countAll<number>().as('total'))
      .executeTakeFirstOrThrow(),
  ])
  return { total: Number(count.total), rows }
}

export function findNace(db: Db, code: string) {
  return db.selectFrom('nace_codes').selectAll().where('code', '=', code).executeTakeFirst()
}
