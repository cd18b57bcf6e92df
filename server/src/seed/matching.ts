import { createHash } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import type { Kysely } from 'kysely'
import { repoRoot } from '../config.js'
import type { DB } from '../db/schema.js'
import { ewcFile, ewcRowsFromTsv } from './catalogues.js'
import { type MatchingKnowledgeFiles, parseMatchingKnowledge } from './matching-knowledge.js'

export const matchingDir = path.join(repoRoot, 'fixtures/matching')
const SEED_NAME = 'knowledge:matching'
const CHUNK = 250

export async function readMatchingFiles(): Promise<MatchingKnowledgeFiles> {
  const read = (file: string) => fs.readFile(path.join(matchingDir, file), 'utf8')
  return {
    categories: await read('categories.tsv'),
    ewcRules: await read('ewc-categories.tsv'),
    users: await read('category-users.tsv'),
    factors: await read('factors.json'),
  }
}

/**
 * Loads fixtures/matching (categories, the category of every EWC entry, the NACE users of each
 * category, the factors) when the files or the EWC catalogue changed since the last load
 * (checksum in seed_runs). The knowledge base is data, not user input: it is replaced whole.
 */
export async function seedMatchingKnowledge(db: Kysely<DB>, log: (message: string) => void = () => {}) {
  const files = await readMatchingFiles()
  const ewcText = await fs.readFile(ewcFile, 'utf8')
  const hash = createHash('sha256')
  for (const text of [files.categories, files.ewcRules, files.users, files.factors, ewcText])
    hash.update(text)
  const checksum = hash.digest('hex')
  const done = await db
    .selectFrom('seed_runs')
    .select('checksum')
    .where('name', '=', SEED_NAME)
    .executeTakeFirst()
  if (done?.checksum === checksum) return

  const knowledge = parseMatchingKnowledge(files, ewcRowsFromTsv(ewcText))
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('material_category_users').execute()
    await trx.deleteFrom('ewc_material_categories').execute()
    await trx.deleteFrom('material_categories').execute()
    await trx.deleteFrom('matching_factors').execute()
    await trx.deleteFrom('matching_country_costs').execute()
    await trx.insertInto('material_categories').values(knowledge.categories).execute()
    for (let i = 0; i < knowledge.ewcCategories.length; i += CHUNK) {
      await trx
        .insertInto('ewc_material_categories')
        .values(knowledge.ewcCategories.slice(i, i + CHUNK))
        .execute()
    }
    await trx.insertInto('material_category_users').values(knowledge.users).execute()
    await trx.insertInto('matching_factors').values(knowledge.factors).execute()
    await trx.insertInto('matching_country_costs').values(knowledge.countryCosts).execute()
    await trx
      .insertInto('seed_runs')
      .values({ name: SEED_NAME, checksum })
      .onConflict((oc) => oc.column('name').doUpdateSet({ checksum, applied_at: new Date() }))
      .execute()
  })
  log(
    `Loaded the matching knowledge base: ${knowledge.categories.length} categories, ${knowledge.ewcCategories.length} EWC entries, ${knowledge.users.length} sector uses.`,
  )
}
