import fs from 'node:fs'
import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { testDatabase } from '../../test/database.js'
import { ewcFile, ewcRowsFromTsv } from './catalogues.js'
import { parseMatchingKnowledge, resolveEwcCategories } from './matching-knowledge.js'
import { readMatchingFiles } from './matching.js'

const ewc = ewcRowsFromTsv(fs.readFileSync(ewcFile, 'utf8'))
const entries = ewc.filter((row) => row.level === 'entry')

describe('the matching knowledge base (fixtures/matching)', () => {
  it('gives every entry of the List of Waste exactly one material category', async () => {
    const knowledge = parseMatchingKnowledge(await readMatchingFiles(), ewc)
    expect(knowledge.ewcCategories).toHaveLength(entries.length)
    expect(new Set(knowledge.ewcCategories.map((row) => row.ewc_code))).toEqual(
      new Set(entries.map((e) => e.code)),
    )
    const categories = new Set(knowledge.categories.map((c) => c.id))
    expect(knowledge.ewcCategories.every((row) => categories.has(row.category_id))).toBe(true)
  })

  it.each([
    ['100102', 'ashes_slags', '10'],
    ['100101', 'ashes_slags', '10'],
    ['120101', 'metals_ferrous', '1201'],
    ['120103', 'metals_non_ferrous', '120103'],
    ['150101', 'paper_cardboard', '150101'],
    ['150107', 'glass', '150107'],
    ['020202', 'animal_by_products', '020202'],
    ['020799', 'organic_food', '02'],
    ['100908', 'mineral_construction', '100908'],
    ['160804', 'mineral_construction', '160804'],
    ['130205', 'oils_solvents', '13'],
    ['170605', 'non_recoverable', '170605'],
    ['180103', 'non_recoverable', '18'],
  ])('maps %s to %s (by the rule %s)', async (code, category, rule) => {
    const knowledge = parseMatchingKnowledge(await readMatchingFiles(), ewc)
    expect(knowledge.ewcCategories.find((row) => row.ewc_code === code)).toEqual({
      ewc_code: code,
      category_id: category,
      rule,
    })
  })

  it('prefers the most specific rule and names an entry no rule reaches', () => {
    const rules = [
      { pattern: '10', category: 'ashes_slags' },
      { pattern: '1002', category: 'metals_ferrous' },
      { pattern: '100202', category: 'mineral_construction' },
    ]
    expect(resolveEwcCategories(['100101', '100210', '100202'], rules).map((r) => r.category_id)).toEqual([
      'ashes_slags',
      'metals_ferrous',
      'mineral_construction',
    ])
    expect(() => resolveEwcCategories(['110105'], rules)).toThrow('EWC entry 110105 has no material category')
  })

  it('refuses a rule naming a code that is not in the List of Waste', async () => {
    const files = await readMatchingFiles()
    const broken = { ...files, ewcRules: `${files.ewcRules}999999\tglass\tno such code\n` }
    expect(() => parseMatchingKnowledge(broken, ewc)).toThrow('999999 is not in the List of Waste')
  })

  it('is loaded by the seed into the database: every entry, every NACE user a real class', async () => {
    const { db } = await testDatabase()
    const rows = await sql<{
      mapped: number
      entries: number
      users: number
      bad_users: number
      factors: number
    }>`
      select (select count(*) from ewc_material_categories)::int as mapped,
        (select count(*) from ewc_codes where level = 'entry')::int as entries,
        (select count(*) from material_category_users)::int as users,
        (select count(*) from material_category_users u join nace_codes n on n.code = u.nace_code
          where n.level <> 'class')::int as bad_users,
        (select count(*) from matching_factors)::int as factors`.execute(db)
    expect(rows.rows[0]).toMatchObject({ mapped: entries.length, entries: entries.length, bad_users: 0 })
    expect(rows.rows[0]?.users).toBeGreaterThan(40)
    expect(rows.rows[0]?.factors).toBeGreaterThanOrEqual(13)
  })
})
