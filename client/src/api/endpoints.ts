import {
  type newUserSchema,
  sessionSchema,
  type signInSchema,
  type userChangeSchema,
  userSchema,
} from '@contract/accounts.js'
import {
  ewcEntrySchema,
  type EwcSearchQuery,
  ewcPageSchema,
  type NaceSearchQuery,
  nacePageSchema,
} from '@contract/catalog.js'
import {
  type EnterpriseListQuery,
  enterpriseCollectionSchema,
  type enterpriseInputSchema,
  enterpriseSchema,
  type enterpriseUpdateSchema,
} from '@contract/enterprises.js'
import {
  type aggregateFiltersSchema,
  aggregateResponseSchema,
  type aggregateTables,
  type areaAggregateInputSchema,
  outletGapResponseSchema,
} from '@contract/aggregates.js'
import {
  coverageResponseSchema,
  type NotReportedQuery,
  notReportedResponseSchema,
  type SurveyYearsQuery,
  surveyYearsSchema,
} from '@contract/coverage.js'
import { healthSchema } from '@contract/health.js'
import { mapConfigSchema } from '@contract/tiles.js'
import { permitInputSchema, permitSchema, permitUpdateSchema } from '@contract/permits.js'
import { importReportSchema } from '@contract/imports.js'
import {
  regionCollectionSchema,
  regionDeleteResultSchema,
  regionFeatureSchema,
  regionImportResultSchema,
  type regionImportSchema,
  type regionInputSchema,
  type regionUpdateSchema,
} from '@contract/regions.js'
import {
  resourceNeedInputSchema,
  resourceNeedSchema,
  resourceNeedUpdateSchema,
} from '@contract/resource-needs.js'
import {
  type SurveyListQuery,
  wasteStreamInputSchema,
  wasteStreamPageSchema,
  wasteStreamSchema,
  wasteStreamUpdateSchema,
} from '@contract/waste-streams.js'
import { z } from 'zod'
import { ApiRequestError, getJson, sendFile, sendJson } from './client.js'

/**
 * An enterprise's rows of one kind (waste streams, resource needs, permits): the same three
 * endpoints under `enterprises/:id/<kind>` for each kind; the input and update schemas type the
 * bodies, the row schema parses the answer.
 */
function rowEndpoints<Input extends z.ZodType, Update extends z.ZodType, Row extends z.ZodType>(
  kind: string,
  schemas: { input: Input; update: Update; row: Row },
) {
  return (enterpriseId: number) => ({
    create: (input: z.input<Input>) =>
      sendJson(schemas.row, 'POST', `enterprises/${enterpriseId}/${kind}`, input),
    update: (id: number, input: z.input<Update>) =>
      sendJson(schemas.row, 'PUT', `enterprises/${enterpriseId}/${kind}/${id}`, input),
    remove: (id: number) => sendJson(null, 'DELETE', `enterprises/${enterpriseId}/${kind}/${id}`),
  })
}

// Requests are typed by the contract's *input* side (what the server parses), answers by its output.
type EnterpriseListFilters = Partial<Pick<EnterpriseListQuery, 'regionId' | 'q' | 'sort' | 'limit'>>

/** The API as the client uses it: one function per endpoint, typed by the server's contract. */
export const api = {
  health: () => getJson(healthSchema, 'health'),
  session: () => getJson(sessionSchema, 'session'),
  signIn: (credentials: z.input<typeof signInSchema>) =>
    sendJson(sessionSchema, 'POST', 'session', credentials),
  signOut: () => sendJson(null, 'DELETE', 'session'),
  users: () => getJson(z.array(userSchema), 'users'),
  createUser: (input: z.input<typeof newUserSchema>) => sendJson(userSchema, 'POST', 'users', input),
  updateUser: (id: number, change: z.input<typeof userChangeSchema>) =>
    sendJson(userSchema, 'PUT', `users/${id}`, change),
  regions: () => getJson(regionCollectionSchema, 'regions'),
  enterprises: (query: EnterpriseListFilters = {}) =>
    getJson(enterpriseCollectionSchema, 'enterprises', query),
  enterprise: (id: number) => getJson(enterpriseSchema, `enterprises/${id}`),
  createEnterprise: (input: z.input<typeof enterpriseInputSchema>) =>
    sendJson(enterpriseSchema, 'POST', 'enterprises', input),
  updateEnterprise: (id: number, input: z.input<typeof enterpriseUpdateSchema>) =>
    sendJson(enterpriseSchema, 'PUT', `enterprises/${id}`, input),
  deleteEnterprise: (id: number) => sendJson(null, 'DELETE', `enterprises/${id}`),
  wasteStreamsOf: rowEndpoints('waste-streams', {
    input: wasteStreamInputSchema,
    update: wasteStreamUpdateSchema,
    row: wasteStreamSchema,
  }),
  resourceNeedsOf: rowEndpoints('resource-needs', {
    input: resourceNeedInputSchema,
    update: resourceNeedUpdateSchema,
    row: resourceNeedSchema,
  }),
  permitsOf: rowEndpoints('permits', {
    input: permitInputSchema,
    update: permitUpdateSchema,
    row: permitSchema,
  }),
  createRegion: (feature: z.input<typeof regionInputSchema>, repair = false) =>
    sendJson(regionFeatureSchema, 'POST', 'regions', feature, { query: { repair: repair || undefined } }),
  updateRegion: (id: number, feature: z.input<typeof regionUpdateSchema>, repair = false) =>
    sendJson(regionFeatureSchema, 'PUT', `regions/${id}`, feature, {
      query: { repair: repair || undefined },
    }),
  deleteRegion: (id: number, reassign: boolean) =>
    sendJson(regionDeleteResultSchema, 'DELETE', `regions/${id}`, undefined, {
      query: { reassign: reassign || undefined },
    }),
  importRegions: (collection: z.input<typeof regionImportSchema>) =>
    sendJson(regionImportResultSchema, 'POST', 'regions/import', collection),
  importSurvey,
  searchEwc: (query: EwcSearchQuery) => getJson(ewcPageSchema, 'catalog/ewc', query),
  searchNace: (query: NaceSearchQuery) => getJson(nacePageSchema, 'catalog/nace', query),
  ewcEntry: (code: string) => getJson(ewcEntrySchema, `catalog/ewc/${encodeURIComponent(code)}`),
  mapConfig: () => getJson(mapConfigSchema, 'map-config'),
  aggregates: (request: AggregateRequest) =>
    getJson(aggregateResponseSchema, `aggregates${aggregateSearch(request)}`),
  areaAggregate: (input: z.input<typeof areaAggregateInputSchema>) =>
    sendJson(aggregateResponseSchema, 'POST', 'aggregates/area', input),
  outletGap: (request: AggregateRequest, distanceKm: number) =>
    getJson(outletGapResponseSchema, `aggregates/outlet-gap${aggregateSearch(request, { distanceKm })}`),
  /** A link, not a fetch: the browser downloads the file the server names. */
  aggregateExportUrl: (request: AggregateRequest, table: AggregateTable, format: 'csv' | 'xlsx') =>
    `/api/aggregates/export.${format}${aggregateSearch(request, { table })}`,
  wasteStreams: (query: WasteStreamListFilters) => getJson(wasteStreamPageSchema, 'waste-streams', query),
  // survey coverage (issue 12)
  surveyYears: (filters: Partial<SurveyYearsQuery> = {}) =>
    getJson(surveyYearsSchema, 'survey-years', filters),
  coverage: (regionId: number, year?: number) =>
    getJson(coverageResponseSchema, 'coverage', { regionId, year }),
  notReported: (query: Partial<NotReportedQuery>) =>
    getJson(notReportedResponseSchema, 'coverage/not-reported', query),
}

/**
 * Sends a survey file for a dry run or a commit. Bad rows answer 422 with the report itself, so
 * that answer is a report to show, not a failure.
 */
async function importSurvey(file: Blob, fileName: string, dryRun: boolean) {
  try {
    return await sendFile(importReportSchema, 'imports', file, fileName, {
      query: { dryRun: dryRun || undefined },
    })
  } catch (error) {
    const report =
      error instanceof ApiRequestError && error.status === 422
        ? importReportSchema.safeParse(error.raw)
        : undefined
    if (report?.success) return report.data
    throw error
  }
}

/** Filters of the totals as query-string values, keyed by the contract's own filter names. */
export type AggregateFilterParams = Partial<Record<keyof z.input<typeof aggregateFiltersSchema>, string>>
export type AggregateTable = (typeof aggregateTables)[number]
/** A totals query: one or more regions, a survey-year range and the filters. */
export type AggregateRequest = {
  regionId: readonly number[]
  /** The survey year of the figures (default: the latest with data). */
  year?: number | undefined
  yearFrom?: number | undefined
  yearTo?: number | undefined
  top?: number | undefined
  filters?: AggregateFilterParams | undefined
}
type WasteStreamListFilters = Partial<Pick<SurveyListQuery, 'regionId' | 'limit' | 'offset'>> &
  AggregateFilterParams

/**
 * `?regionId=1&regionId=2&…`: the totals take repeated regionId parameters, which apiUrl (one
 * value per key) cannot write, so the search is built here and passed with the path.
 */
function aggregateSearch(request: AggregateRequest, extra: Record<string, string | number> = {}): string {
  const params = new URLSearchParams()
  for (const id of request.regionId) params.append('regionId', String(id))
  const single = {
    year: request.year,
    yearFrom: request.yearFrom,
    yearTo: request.yearTo,
    top: request.top,
    ...request.filters,
    ...extra,
  }
  for (const [key, value] of Object.entries(single)) {
    if (value !== undefined && value !== '') params.set(key, String(value))
  }
  const search = params.toString()
  return search ? `?${search}` : ''
}
