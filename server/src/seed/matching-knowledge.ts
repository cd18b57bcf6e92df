import { z } from 'zod'
import { routeCodeSchema } from '../contract/common.js'
import type {
  EwcMaterialCategoryTable,
  MatchingCountryCostTable,
  MatchingFactorTable,
  MaterialCategoryTable,
  MaterialCategoryUserTable,
} from '../db/schema.js'
import { parseTsv } from './tsv.js'

/**
 * The material knowledge base of fixtures/matching, parsed and checked (pure; the seed in
 * matching.ts writes it). See fixtures/matching/README.md for the sources.
 */

const categoryId = z.string().regex(/^[a-z][a-z_]*$/, 'must be a lower-case id such as ashes_slags')
const rCodes = z
  .string()
  .transform((text) => text.split(' ').filter(Boolean))
  .pipe(z.array(z.string().regex(/^R([1-9]|1[0-3])$/, 'must be R1–R13')))

const categoryRow = z.object({
  id: categoryId,
  name: z.string().min(1),
  recovery_operations: rCodes,
  co2_avoided_kg_per_t: z.coerce.number().nonnegative(),
  co2_basis: z.string().min(1),
})
const ruleRow = z.object({
  pattern: z
    .string()
    .regex(/^[0-9]{2}([0-9]{2}([0-9]{2})?)?$/, 'must be an EWC chapter, sub-chapter or entry'),
  category: categoryId,
  note: z.string(),
})
const userRow = z.object({
  category: categoryId,
  nace_code: z.string().regex(/^[0-9]{2}\.[0-9]{2}$/, 'must be a NACE class such as 23.51'),
  operation: routeCodeSchema,
  use: z.string().min(1),
})
const factorsDocument = z.object({
  factors: z.array(z.object({ name: z.string(), value: z.number(), unit: z.string(), source: z.string() })),
  countries: z.array(
    z.object({
      country: z.string().regex(/^[A-Z]{2}$/),
      currency: z.string().regex(/^[A-Z]{3}$/),
      transportCostPerTonneKm: z.number().nonnegative(),
      landfillGateFeePerTonne: z.number().nonnegative(),
      isDefault: z.boolean(),
      source: z.string(),
    }),
  ),
})

export type MatchingKnowledgeFiles = { categories: string; ewcRules: string; users: string; factors: string }

export type MatchingKnowledge = {
  categories: MaterialCategoryTable[]
  ewcCategories: EwcMaterialCategoryTable[]
  users: MaterialCategoryUserTable[]
  factors: MatchingFactorTable[]
  countryCosts: MatchingCountryCostTable[]
}

/**
 * The category of every EWC entry: the entry's own rule, else its sub-chapter's, else its
 * chapter's (most specific wins). Throws naming the first entry no rule reaches.
 */
export function resolveEwcCategories(
  entryCodes: readonly string[],
  rules: ReadonlyArray<{ pattern: string; category: string }>,
): EwcMaterialCategoryTable[] {
  const byPattern = new Map(rules.map((rule) => [rule.pattern, rule.category]))
  return entryCodes.map((code) => {
    const rule = [code, code.slice(0, 4), code.slice(0, 2)].find((pattern) => byPattern.has(pattern))
    const category = rule === undefined ? undefined : byPattern.get(rule)
    if (rule === undefined || category === undefined)
      throw new Error(`EWC entry ${code} has no material category`)
    return { ewc_code: code, category_id: category, rule }
  })
}

/** Parses the four files; every reference (category ids, EWC patterns) is checked. */
export function parseMatchingKnowledge(
  files: MatchingKnowledgeFiles,
  ewcCodes: ReadonlyArray<{ code: string; level: string }>,
): MatchingKnowledge {
  const categories = z.array(categoryRow).parse(parseTsv(files.categories))
  const known = new Set(categories.map((c) => c.id))
  const rules = z.array(ruleRow).parse(parseTsv(files.ewcRules))
  const users = z.array(userRow).parse(parseTsv(files.users))
  const ewc = new Set(ewcCodes.map((c) => c.code))
  for (const rule of rules) {
    if (!known.has(rule.category)) throw new Error(`ewc-categories: unknown category ${rule.category}`)
    if (!ewc.has(rule.pattern)) throw new Error(`ewc-categories: ${rule.pattern} is not in the List of Waste`)
  }
  for (const user of users) {
    if (!known.has(user.category)) throw new Error(`category-users: unknown category ${user.category}`)
  }
  const document = factorsDocument.parse(JSON.parse(files.factors))
  if (document.countries.filter((c) => c.isDefault).length !== 1) {
    throw new Error('factors.json: exactly one country must be the default')
  }
  const entries = ewcCodes.filter((c) => c.level === 'entry').map((c) => c.code)
  return {
    categories,
    ewcCategories: resolveEwcCategories(entries, rules),
    users: users.map(({ category, ...user }) => ({ category_id: category, ...user })),
    factors: document.factors,
    countryCosts: document.countries.map((c) => ({
      country: c.country,
      currency: c.currency,
      transport_cost_per_tonne_km: c.transportCostPerTonneKm,
      landfill_gate_fee_per_tonne: c.landfillGateFeePerTonne,
      is_default: c.isDefault,
      source: c.source,
    })),
  }
}
