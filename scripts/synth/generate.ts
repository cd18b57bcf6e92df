import type { Selectable } from 'kysely'
import type {
  EnterpriseTable,
  PermitTable,
  ResourceNeedTable,
  WasteStreamTable,
} from '../../server/src/db/schema.js'
import { buildCountry, countryBox, isInside, type SyntheticRegion, type Town } from './country.js'
import { createRandom, type Random } from './random.js'
import {
  commonWaste,
  heavyIndustry,
  needTemplates,
  permitTemplates,
  type Sector,
  sectors,
} from './sectors.js'
import { routesByCategory, type WasteKind, wasteKind } from './waste-kinds.js'

/**
 * Rows to insert, in the database's own column names (snake_case, types from server/src/db/schema.ts)
 * so the loader passes them through unchanged. Children point at their enterprise by its index in
 * `enterprises`; the loader turns that into the id the database gives it.
 */
export type SyntheticEnterprise = Pick<
  Selectable<EnterpriseTable>,
  'name' | 'nace_code' | 'size_class' | 'employees' | 'address'
> & { national_id: string; lon: number; lat: number }

export type SyntheticWasteStream = Pick<
  Selectable<WasteStreamTable>,
  | 'ewc_code'
  | 'description'
  | 'physical_state'
  | 'quantity'
  | 'unit'
  | 'period'
  | 'batches_per_year'
  | 'density_t_per_m3'
  | 'frequency'
  | 'basis'
  | 'route_code'
  | 'route_site'
  | 'survey_year'
  | 'offered_as_byproduct'
> & {
  enterprise: number
  /** What the database's trigger will derive from the EWC code (kept to check it). */
  hazardous: boolean
}

export type SyntheticPermit = Pick<
  Selectable<PermitTable>,
  'permit_number' | 'operation' | 'capacity_t_per_year'
> & {
  enterprise: number
  accepted_ewc: string[]
  hazardous_allowed: boolean
  valid_from: string
  valid_to: string
}

export type SyntheticResourceNeed = Pick<
  Selectable<ResourceNeedTable>,
  'description' | 'material_category' | 'quantity_t_per_year' | 'max_distance_km'
> & { enterprise: number; ewc_codes: string[] }

export type SyntheticCountry = {
  seed: number
  regions: SyntheticRegion[]
  towns: Town[]
  enterprises: SyntheticEnterprise[]
  wasteStreams: SyntheticWasteStream[]
  permits: SyntheticPermit[]
  resourceNeeds: SyntheticResourceNeed[]
}

export type GenerateOptions = {
  enterprises: number
  /** Average waste streams per enterprise (at least 1 each); 3 by default. */
  streamsPerEnterprise?: number
  seed?: number
}

export const nationalIdPrefix = 'SYN-'
export const permitNumberPrefix = 'SYN-P-'
const surveyYears = [2023, 2024] as const
const permitShare = 0.02
const needShare = 0.03
const ruralShare = 0.08
const byproductShare = 0.15
const hazardousByproductShare = 0.05
// so that ~15 % of all streams are offered when ~10 % are hazardous and offered less often
const nonHazardousByproductShare = (byproductShare - 0.1 * hazardousByproductShare) / 0.9
const unknownRouteShare = 0.1

type SizeClass = NonNullable<EnterpriseTable['size_class']>
const sizeMix: readonly (readonly [SizeClass, number])[] = [
  ['micro', 0.45],
  ['small', 0.35],
  ['medium', 0.15],
  ['large', 0.05],
]
const heavySizeMix: readonly (readonly [SizeClass, number])[] = [
  ['micro', 0.05],
  ['small', 0.2],
  ['medium', 0.4],
  ['large', 0.35],
]
const employeeRange: Record<SizeClass, [number, number]> = {
  micro: [1, 9],
  small: [10, 49],
  medium: [50, 249],
  large: [250, 4000],
}
/** Quantity multiplier against a medium enterprise. */
const sizeFactor: Record<SizeClass, number> = { micro: 0.05, small: 0.25, medium: 1, large: 5 }

/** One enterprise with its waste streams, as the generator yields them. */
export type SyntheticEnterpriseRows = {
  /** Position in generation order: what the children's `enterprise` field points at. */
  index: number
  enterprise: SyntheticEnterprise
  wasteStreams: SyntheticWasteStream[]
}

export type SyntheticRow =
  | ({ kind: 'enterprise' } & SyntheticEnterpriseRows)
  | { kind: 'permit'; permit: SyntheticPermit }
  | { kind: 'need'; need: SyntheticResourceNeed }

/** The country as a stream: the regions up front, every other row lazily and only once. */
export type SyntheticCountryStream = {
  seed: number
  enterprises: number
  regions: SyntheticRegion[]
  towns: Town[]
  /**
   * Every enterprise with its streams in index order, then the permits, then the resource needs:
   * the order the random numbers are drawn in, so a seed gives the same rows as it always did.
   * Permits and needs come last because which enterprises get one is drawn from all of them.
   */
  rows: Generator<SyntheticRow, void, undefined>
}

/**
 * A synthetic national survey: "Synthland (synthetic)" with its admin1 regions, enterprises
 * clustered around towns, their waste streams, and the permits and resource needs of a few.
 * Pure and deterministic: the same options give the same data, with no I/O. Holds one
 * enterprise's rows at a time, plus the index and NACE code of those that could get a permit or a
 * need (a few bytes each), so a million enterprises take no more memory than a thousand.
 */
export function streamSyntheticCountry(options: GenerateOptions): SyntheticCountryStream {
  const { enterprises: count, streamsPerEnterprise = 3, seed = 1 } = options
  if (!Number.isInteger(count) || count < 0) throw new Error('enterprises must be a whole number ≥ 0')
  if (!(streamsPerEnterprise >= 1)) throw new Error('streamsPerEnterprise must be ≥ 1')
  const random = createRandom(seed)
  const country = buildCountry(random)
  // Each town is known for one or two sectors (a steel town, a textile town…): industry is clumpy.
  const specialties = country.towns.map(
    () => new Set(random.sample(sectors, random.int(1, 2)).map((s) => s.id)),
  )
  function* rows(): Generator<SyntheticRow, void, undefined> {
    const permitCandidates: Candidate[] = []
    const needCandidates: Candidate[] = []
    for (let index = 0; index < count; index += 1) {
      const townIndex = random.chance(ruralShare)
        ? null
        : random.weighted(country.towns.map((t, i) => [i, t.weight] as const))
      const town = townIndex === null ? null : country.towns[townIndex]
      const sector = random.weighted(
        sectors.map(
          (s) => [s, s.weight * (townIndex !== null && specialties[townIndex]?.has(s.id) ? 4 : 1)] as const,
        ),
      )
      const naceCode = random.weighted(sector.naceClasses)
      const sizeClass = random.weighted(heavyIndustry.has(naceCode) ? heavySizeMix : sizeMix)
      const [lon, lat] = placeEnterprise(random, country.outline, town)
      const [minEmployees, maxEmployees] = employeeRange[sizeClass]
      const number = String(index + 1).padStart(6, '0')
      const enterprise: SyntheticEnterprise = {
        name: `Synthetic Enterprise ${number} (synthetic)`,
        national_id: `${nationalIdPrefix}${number}`,
        nace_code: naceCode,
        size_class: sizeClass,
        // log-uniform inside the class: many small ones, few at the top
        employees: Math.round(minEmployees * (maxEmployees / minEmployees) ** random.next()),
        address: `Plot ${random.int(1, 400)}, ${town ? `${town.name} industrial zone` : 'rural district'} (synthetic)`,
        lon,
        lat,
      }
      if (permitTemplates[naceCode]) permitCandidates.push({ index, naceCode })
      if (needTemplates[naceCode]) needCandidates.push({ index, naceCode })
      const streamCount = 1 + random.poisson(streamsPerEnterprise - 1)
      const surveyYear = random.pick(surveyYears)
      const used = new Set<string>()
      const wasteStreams: SyntheticWasteStream[] = []
      for (let s = 0; s < streamCount; s += 1) {
        const kind = pickWasteKind(random, sector, used)
        used.add(kind.ewcCode)
        wasteStreams.push(wasteStream(random, index, kind, sizeFactor[sizeClass], surveyYear))
      }
      yield { kind: 'enterprise', index, enterprise, wasteStreams }
    }
    for (const permit of permits(random, permitCandidates, count)) yield { kind: 'permit', permit }
    for (const need of resourceNeeds(random, needCandidates, count)) yield { kind: 'need', need }
  }
  return { seed, enterprises: count, regions: country.regions, towns: country.towns, rows: rows() }
}

/**
 * The whole country in memory: for tests and small sizes only (a million enterprises take
 * about 1.5 GB this way); the loader reads streamSyntheticCountry.
 */
export function generateSyntheticCountry(options: GenerateOptions): SyntheticCountry {
  const { seed, regions, towns, rows } = streamSyntheticCountry(options)
  const country: SyntheticCountry = {
    seed,
    regions,
    towns,
    enterprises: [],
    wasteStreams: [],
    permits: [],
    resourceNeeds: [],
  }
  for (const row of rows) {
    if (row.kind === 'enterprise') {
      country.enterprises.push(row.enterprise)
      country.wasteStreams.push(...row.wasteStreams)
    } else if (row.kind === 'permit') country.permits.push(row.permit)
    else country.resourceNeeds.push(row.need)
  }
  return country
}

/** A country already in memory, as a stream again (the loader reads only streams). */
export function streamOf(country: SyntheticCountry): SyntheticCountryStream {
  function* rows(): Generator<SyntheticRow, void, undefined> {
    let next = 0
    for (const [index, enterprise] of country.enterprises.entries()) {
      const wasteStreams: SyntheticWasteStream[] = []
      // streams are grouped by enterprise, in enterprise order, as the generator makes them
      for (let s = country.wasteStreams[next]; s?.enterprise === index; s = country.wasteStreams[++next])
        wasteStreams.push(s)
      yield { kind: 'enterprise', index, enterprise, wasteStreams }
    }
    if (next !== country.wasteStreams.length) throw new Error('waste streams out of enterprise order')
    for (const permit of country.permits) yield { kind: 'permit', permit }
    for (const need of country.resourceNeeds) yield { kind: 'need', need }
  }
  const { seed, regions, towns } = country
  return { seed, enterprises: country.enterprises.length, regions, towns, rows: rows() }
}

/** An enterprise whose NACE class has permit (or need) templates: all the draws need of it. */
type Candidate = { index: number; naceCode: string }

const round6 = (value: number) => Math.round(value * 1e6) / 1e6

/** Around the town (normal spread in km) or anywhere in the country; always inside the outline. */
function placeEnterprise(
  random: Random,
  outline: Parameters<typeof isInside>[0],
  town: Town | null | undefined,
) {
  for (;;) {
    let lon: number
    let lat: number
    if (town) {
      const kmPerDegreeLat = 111.32
      const kmPerDegreeLon = kmPerDegreeLat * Math.cos((town.lat * Math.PI) / 180)
      lon = town.lon + (random.normal() * town.spreadKm) / kmPerDegreeLon
      lat = town.lat + (random.normal() * town.spreadKm) / kmPerDegreeLat
    } else {
      lon = random.uniform(countryBox.west, countryBox.east)
      lat = random.uniform(countryBox.south, countryBox.north)
    }
    lon = round6(lon)
    lat = round6(lat)
    if (isInside(outline, lon, lat)) return [lon, lat] as const
  }
}

/** Hazardous or not first (the sector's share), then a process waste or a common one. */
function pickWasteKind(random: Random, sector: Sector, used: ReadonlySet<string>): WasteKind {
  const hazardous = random.chance(sector.hazardousShare)
  const fits = (list: Sector['processWaste']) =>
    list.filter(([code]) => wasteKind(code).hazardous === hazardous && !used.has(code))
  const process = fits(sector.processWaste)
  const common = fits(commonWaste)
  const pool = process.length > 0 && (common.length === 0 || random.chance(0.6)) ? process : common
  // every code of this class already reported: allow a repeat rather than loop
  const code = pool.length > 0 ? random.weighted(pool) : random.weighted(sector.processWaste)
  return wasteKind(code)
}

/** Three significant digits, as surveys report. */
function reported(value: number): number {
  return Number(value.toPrecision(3))
}

function wasteStream(
  random: Random,
  enterprise: number,
  kind: WasteKind,
  sizeFactor: number,
  surveyYear: number,
): SyntheticWasteStream {
  const tonnesPerYear = Math.max(0.01, random.logNormal(kind.medianTonnes * sizeFactor, 1.1))
  // As surveys report it: volumes for liquids and sludges, kg for small amounts, some per month or batch.
  const density = kind.densityTPerM3 ?? null
  const unit: SyntheticWasteStream['unit'] =
    density !== null && random.chance(0.5)
      ? tonnesPerYear < 2 && random.chance(0.4)
        ? 'l'
        : 'm3'
      : tonnesPerYear < 20 && random.chance(0.25)
        ? 'kg'
        : 't'
  const period: SyntheticWasteStream['period'] = random.chance(0.08)
    ? 'month'
    : random.chance(0.02)
      ? 'batch'
      : 'year'
  const batchesPerYear = period === 'batch' ? random.int(2, 24) : null
  const perUnit = { t: 1, kg: 0.001, m3: density ?? 1, l: (density ?? 1) / 1000 }[unit]
  const perPeriod = period === 'month' ? 12 : period === 'batch' ? (batchesPerYear ?? 1) : 1
  const quantity = reported(tonnesPerYear / perUnit / perPeriod)
  const routeCode = random.chance(unknownRouteShare) ? null : random.weighted(routesByCategory[kind.category])
  return {
    enterprise,
    ewc_code: kind.ewcCode,
    hazardous: kind.hazardous,
    description: kind.description,
    physical_state: kind.physicalState,
    quantity,
    unit,
    period,
    batches_per_year: batchesPerYear,
    density_t_per_m3: unit === 'm3' || unit === 'l' ? density : null,
    frequency: random.weighted([
      ['continuous', 0.4],
      ['regular', 0.4],
      ['occasional', 0.15],
      ['one_off', 0.05],
    ] as const),
    basis: random.weighted([
      ['measured', 0.45],
      ['estimated', 0.4],
      ['calculated', 0.15],
    ] as const),
    route_code: routeCode,
    route_site: routeCode === null ? null : random.chance(0.1) ? 'on_site' : 'off_site',
    survey_year: surveyYear,
    // hazardous waste is rarely offered for reuse
    offered_as_byproduct: random.chance(
      kind.hazardous ? hazardousByproductShare : nonHazardousByproductShare,
    ),
  }
}

/** About 2 % of enterprises hold a permit: every waste operator, then manufacturers that recycle. */
function* permits(random: Random, holders: readonly Candidate[], count: number): Generator<SyntheticPermit> {
  const operators = holders.filter((c) => c.naceCode.startsWith('38.'))
  const manufacturers = holders.filter((c) => !c.naceCode.startsWith('38.'))
  const wanted = Math.round(permitShare * count)
  const chosen = [
    ...random.sample(operators, wanted),
    ...random.sample(manufacturers, Math.max(0, wanted - operators.length)),
  ].sort((a, b) => a.index - b.index)
  for (const [n, { index, naceCode }] of chosen.entries()) {
    const template = random.pick(permitTemplates[naceCode] ?? [])
    const from = random.int(2019, 2024)
    yield {
      enterprise: index,
      permit_number: `${permitNumberPrefix}${String(n + 1).padStart(6, '0')}`,
      operation: template.operation,
      accepted_ewc: [...template.acceptedEwc],
      capacity_t_per_year: reported(random.logNormal(template.medianCapacityTonnes, 0.6)),
      hazardous_allowed: template.hazardousAllowed,
      valid_from: `${from}-01-01`,
      valid_to: `${from + random.int(5, 10)}-12-31`,
    }
  }
}

/** About 3 % of enterprises state a need: some by EWC codes, some by material, most by both. */
function* resourceNeeds(
  random: Random,
  candidates: readonly Candidate[],
  count: number,
): Generator<SyntheticResourceNeed> {
  const chosen = random.sample(candidates, Math.round(needShare * count)).sort((a, b) => a.index - b.index)
  for (const { index, naceCode } of chosen) {
    const template = random.pick(needTemplates[naceCode] ?? [])
    const by = random.weighted([
      ['both', 0.5],
      ['codes', 0.25],
      ['category', 0.25],
    ] as const)
    yield {
      enterprise: index,
      description: `${template.description} (synthetic)`,
      ewc_codes: by === 'category' ? [] : [...template.ewcCodes],
      material_category: by === 'codes' ? null : template.materialCategory,
      quantity_t_per_year: reported(random.logNormal(2_000, 1)),
      max_distance_km: random.pick([25, 50, 75, 100, 150, 200, 300]),
    }
  }
}
