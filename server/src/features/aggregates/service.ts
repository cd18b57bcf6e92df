import type { Kysely } from 'kysely'
import type {
  AggregateQuery,
  AggregateResponse,
  AreaAggregate,
  AreaAggregateInput,
} from '../../contract/aggregates.js'
import type { Disclosure } from '../../contract/disclosure.js'
import type { DB } from '../../db/schema.js'
import { checkAreaGeometry } from '../../geo/polygon-validity.js'
import { HttpError } from '../../plugins/error-handler.js'
import { regionsFor } from '../../domain/region/queries.js'
import type { AreaScope } from '../../domain/survey/area-enterprises.js'
import { readsNoise } from '../../domain/disclosure/noise.js'
import { roundArea, suppressSmallCells } from './disclosure.js'
import { aggregateAreas, type AreaInfo } from './areas.js'

/** Totals of regions named by id or level, in the order of their names, in one pass (areas.ts). */
export async function aggregateRegions(
  db: Kysely<DB>,
  query: AggregateQuery,
  disclosure: Disclosure,
): Promise<AggregateResponse> {
  const regions = await regionsFor(db, query)
  const noise = { noisy: readsNoise(disclosure) }
  const infos = new Map<number, AreaInfo>(
    regions.map((region) => [
      region.id,
      { kind: 'region', regionId: region.id, name: region.name, level: region.level },
    ]),
  )
  const scope: AreaScope = { kind: 'regions', regionIds: regions.map((region) => region.id) }
  return respond(await aggregateAreas(db, scope, infos, filtersOf(query), query, noise), disclosure)
}

/** Totals of an area drawn on the map. */
export async function aggregateDrawnArea(
  db: Kysely<DB>,
  input: AreaAggregateInput,
  disclosure: Disclosure,
): Promise<AggregateResponse> {
  const checked = checkAreaGeometry(input.geometry, 'body.geometry')
  if (!checked.ok) {
    const reasons = checked.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')
    throw new HttpError(400, 'VALIDATION_FAILED', `Invalid body: ${reasons}`, checked.issues)
  }
  const geometry = checked.geometry
  const info: AreaInfo = { kind: 'drawn', regionId: null, name: null, level: null }
  const noise = { noisy: readsNoise(disclosure) }
  // a drawn area is area 0 of its scope (area-enterprises.ts)
  const areas = await aggregateAreas(
    db,
    { kind: 'drawn', geometry },
    new Map([[0, info]]),
    input.filters,
    input,
    noise,
  )
  return respond(areas, disclosure)
}

/** The stream and enterprise filters of a request, without what names the areas. */
export function filtersOf({
  regionId: _ids,
  level: _level,
  year: _year,
  yearFrom: _from,
  yearTo: _to,
  top: _top,
  ...filters
}: AggregateQuery) {
  return filters
}

/**
 * The public and enterprises get small cells suppressed and the rest rounded (their tonnes are
 * noisy already: matchingStreams); staff roles (issue 7) see everything, exact.
 */
function respond(areas: AreaAggregate[], { seesSmallCells, minEnterprises }: Disclosure): AggregateResponse {
  const applied = !seesSmallCells
  return {
    areas: applied ? areas.map((area) => roundArea(suppressSmallCells(area, minEnterprises))) : areas,
    disclosure: { minEnterprises, applied },
  }
}
