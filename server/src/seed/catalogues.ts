import { createHash } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import type { Kysely } from 'kysely'
import { repoRoot } from '../config.js'
import type { DB, EwcCodeTable, NaceCodeTable } from '../db/schema.js'
import { parseTsv } from './tsv.js'

export const ewcFile = path.join(repoRoot, 'fixtures/ewc/list-of-waste.tsv')
export const naceFile = path.join(repoRoot, 'fixtures/nace/nace-rev2.tsv')

const CHUNK = 250

/** EWC rows from fixtures/ewc/list-of-waste.tsv (columns: code, level, hazardous, mirror_of, description). */
export function ewcRowsFromTsv(text: string): EwcCodeTable[] {
  return parseTsv(text).map((r) => {
    const code = r.code ?? ''
    const level = r.level as EwcCodeTable['level']
    return {
      code,
      level,
      chapter: code.slice(0, 2),
      parent: level === 'chapter' ? null : code.slice(0, code.length - 2),
      hazardous: r.hazardous === '1',
      mirror_of: r.mirror_of ? r.mirror_of : null,
      description: r.description ?? '',
    }
  })
}

/** NACE rows from fixtures/nace/nace-rev2.tsv (columns: code, level, parent, section, title). */
export function naceRowsFromTsv(text: string): NaceCodeTable[] {
  return parseTsv(text).map((r) => ({
    code: r.code ?? '',
    level: r.level as NaceCodeTable['level'],
    parent: r.parent ? r.parent : null,
    section: r.section ?? '',
    title: r.title ?? '',
  }))
}

/**
 * Loads both catalogues, each only when its file changed since the last load (checksum in
 * seed_runs). Upserts, so a corrected title reaches an existing database without touching the
 * waste streams that reference the codes.
 */
export async function seedCatalogues(db: Kysely<DB>, log: (message: string) => void = () => {}) {
  await seedOne(db, 'catalogue:ewc', ewcFile, async (trx, text) => {
    const rows = ewcRowsFromTsv(text)
    for (let i = 0; i < rows.length; i += CHUNK) {
      await trx
        .insertInto('ewc_codes')
        .values(rows.slice(i, i + CHUNK))
        .onConflict((oc) =>
          oc.column('code').doUpdateSet((eb) => ({
            level: eb.ref('excluded.level'),
            chapter: eb.ref('excluded.chapter'),
            parent: eb.ref('excluded.parent'),
            hazardous: eb.ref('excluded.hazardous'),
            mirror_of: eb.ref('excluded.mirror_of'),
            description: eb.ref('excluded.description'),
          })),
        )
        .execute()
    }
    log(`Loaded ${rows.length} EWC codes (List of Waste).`)
  })
  await seedOne(db, 'catalogue:nace', naceFile, async (trx, text) => {
    const rows = naceRowsFromTsv(text)
    for (let i = 0; i < rows.length; i += CHUNK) {
      await trx
        .insertInto('nace_codes')
        .values(rows.slice(i, i + CHUNK))
        .onConflict((oc) =>
          oc.column('code').doUpdateSet((eb) => ({
            level: eb.ref('excluded.level'),
            parent: eb.ref('excluded.parent'),
            section: eb.ref('excluded.section'),
            title: eb.ref('excluded.title'),
          })),
        )
        .execute()
    }
    log(`Loaded ${rows.length} NACE Rev.2 codes.`)
  })
}

async function seedOne(
  db: Kysely<DB>,
  name: string,
  file: string,
  load: (trx: Kysely<DB>, text: string) => Promise<void>,
) {
  const text = await fs.readFile(file, 'utf8')
  const checksum = createHash('sha256').update(text).digest('hex')
  const done = await db.selectFrom('seed_runs').select('checksum').where('name', '=', name).executeTakeFirst()
  if (done?.checksum === checksum) return
  await db.transaction().execute(async (trx) => {
    await load(trx, text)
    await trx
      .insertInto('seed_runs')
      .values({ name, checksum })
      .onConflict((oc) => oc.column('name').doUpdateSet({ checksum, applied_at: new Date() }))
      .execute()
  })
}
