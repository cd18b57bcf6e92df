import type { Kysely } from 'kysely'
import type { AreaGeometry, MultiPolygonGeometry } from '../../contract/geojson.js'
import {
  type RegionCollection,
  type RegionDeleteResult,
  type RegionFeature,
  type RegionImport,
  type RegionImportQuery,
  type RegionImportResult,
  type RegionInput,
  type RegionLevel,
  type RegionUpdate,
  regionImportFeatureSchema,
} from '../../contract/regions.js'
import { recordAudit } from '../../domain/audit/record.js'
import { isPgError, PG_CHECK_VIOLATION, PG_FOREIGN_KEY_VIOLATION } from '../../db/errors.js'
import type { DB } from '../../db/schema.js'
import { asMultiPolygon, checkAreaGeometry, type GeometryIssue } from '../../geo/polygon-validity.js'
import { HttpError, notFound } from '../../plugins/error-handler.js'
import { toRegionFeature } from './mappers.js'
import {
  countEnterprisesIn,
  deleteRegion,
  findRegion,
  insertRegion,
  isSelfOrDescendant,
  listRegions,
  lockRegion,
  makeValidInDatabase,
  type RegionValues,
  regionExists,
  updateRegionAtVersion,
  validityInDatabase,
} from './queries.js'
import type { Db } from '../../db/database.js'

// The constraint names PostgreSQL gives the columns of migrations/003_survey.sql.
const PARENT_FOREIGN_KEY = 'regions_parent_id_fkey'
const GEOMETRY_CHECK = 'regions_geom_check'

export async function listRegionFeatures(db: Db): Promise<RegionCollection> {
  return { type: 'FeatureCollection', features: (await listRegions(db)).map(toRegionFeature) }
}

export async function getRegion(db: Db, id: number): Promise<RegionFeature> {
  const row = await findRegion(db, id)
  if (!row) throw notFound(`Region ${id}`)
  return toRegionFeature(row)
}

type PreparedGeometry = { ok: true; geometry: MultiPolygonGeometry } | { ok: false; issues: GeometryIssue[] }

/**
 * Every geometry is checked before it is written: Turf first (self-intersections, flat rings, with
 * the ring's path), then PostGIS's ST_IsValid for what Turf does not see. An invalid geometry is
 * refused unless the caller asked for a repair; a repaired one goes through the same checks again.
 */
async function prepareGeometry(
  db: Db,
  geometry: AreaGeometry,
  path: string,
  repair: boolean,
): Promise<PreparedGeometry> {
  const checked = checkAreaGeometry(geometry, path)
  const verdict = checked.ok ? await validityInDatabase(db, checked.geometry) : undefined
  if (checked.ok && verdict?.valid) return checked
  if (!repair) {
    return checked.ok
      ? {
          ok: false,
          issues: [{ path, message: `not a valid polygon: ${verdict?.reason ?? 'unknown reason'}` }],
        }
      : checked
  }
  const repaired = await makeValidInDatabase(db, asMultiPolygon(geometry))
  if (!repaired) return { ok: false, issues: [{ path, message: 'cannot be repaired: no area is left' }] }
  const rechecked = checkAreaGeometry(repaired, path)
  if (!rechecked.ok) {
    return {
      ok: false,
      issues: rechecked.issues.map((issue) => ({ path, message: `after repair: ${issue.message}` })),
    }
  }
  const again = await validityInDatabase(db, rechecked.geometry)
  if (!again.valid) return { ok: false, issues: [{ path, message: `cannot be repaired: ${again.reason}` }] }
  return rechecked
}

function invalidGeometry(issues: GeometryIssue[]): HttpError {
  const crossing = issues.some((issue) => issue.message.includes('intersects itself'))
  const hint = crossing ? ' (send ?repair=true to have it split at the crossings)' : ''
  return new HttpError(
    400,
    'VALIDATION_FAILED',
    `Invalid body: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}${hint}`,
    issues,
  )
}

async function checkParent(db: Db, parentId: number | null, id?: number): Promise<void> {
  if (parentId === null) return
  const path = 'body.properties.parentId'
  if (parentId === id) {
    throw new HttpError(400, 'VALIDATION_FAILED', 'Invalid body: a region cannot be its own parent', [
      { path, message: 'a region cannot be its own parent' },
    ])
  }
  if (!(await regionExists(db, parentId))) {
    throw new HttpError(400, 'VALIDATION_FAILED', `Invalid body: parentId ${parentId} is not a region`, [
      { path, message: `region ${parentId} does not exist` },
    ])
  }
  if (id !== undefined && (await isSelfOrDescendant(db, id, parentId))) {
    throw new HttpError(
      400,
      'VALIDATION_FAILED',
      `Invalid body: region ${parentId} lies under region ${id}`,
      [
        {
          path,
          message: `region ${parentId} is a sub-region of region ${id}; the parents would form a loop`,
        },
      ],
    )
  }
}

async function valuesOf(db: Db, input: RegionInput, repair: boolean, id?: number): Promise<RegionValues> {
  const prepared = await prepareGeometry(db, input.geometry, 'body.geometry', repair)
  if (!prepared.ok) throw invalidGeometry(prepared.issues)
  const parentId = input.properties.parentId ?? null
  await checkParent(db, parentId, id)
  return {
    name: input.properties.name,
    level: input.properties.level,
    code: input.properties.code ?? null,
    parentId,
    geometry: prepared.geometry,
  }
}

export async function createRegion(
  db: Kysely<DB>,
  input: RegionInput,
  repair: boolean,
): Promise<RegionFeature> {
  const values = await valuesOf(db, input, repair)
  try {
    return await db.transaction().execute(async (trx) => {
      const id = await insertRegion(trx, values)
      const after = await getRegion(trx, id)
      await recordAudit(trx, {
        userId: null,
        entity: 'region',
        entityId: id,
        action: 'create',
        before: null,
        after,
      })
      return after
    })
  } catch (error) {
    throw explainWriteError(error)
  }
}

/**
 * Optimistic concurrency as for enterprises: the row is locked, a stale version gets 409. The
 * enterprises of the old and the new boundary are re-derived by the database trigger
 * (migrations/003_survey.sql, loopmap_rederive_regions) in the same transaction.
 */
export async function updateRegion(
  db: Kysely<DB>,
  id: number,
  input: RegionUpdate,
  repair: boolean,
): Promise<RegionFeature> {
  if (!(await regionExists(db, id))) throw notFound(`Region ${id}`)
  const values = await valuesOf(db, input, repair, id)
  try {
    return await db.transaction().execute(async (trx) => {
      const current = await lockRegion(trx, id)
      if (!current) throw notFound(`Region ${id}`)
      const sent = input.properties.version
      if (current.version !== sent) throw staleVersion(id, sent, current.version)
      const before = await getRegion(trx, id)
      const version = await updateRegionAtVersion(trx, id, sent, values)
      if (version === undefined) throw staleVersion(id, sent, current.version)
      const after = await getRegion(trx, id)
      await recordAudit(trx, {
        userId: null,
        entity: 'region',
        entityId: id,
        action: 'update',
        before,
        after,
      })
      return after
    })
  } catch (error) {
    throw explainWriteError(error)
  }
}

/**
 * Refused while enterprises lie in the region (the same count the list shows), unless the caller
 * asks to reassign them: the delete trigger then re-derives each enterprise's region from its
 * location (a smaller or larger region around it, or none).
 */
export async function removeRegion(
  db: Kysely<DB>,
  id: number,
  reassign: boolean,
): Promise<RegionDeleteResult> {
  return db.transaction().execute(async (trx) => {
    const current = await lockRegion(trx, id)
    if (!current) throw notFound(`Region ${id}`)
    const { located, derived } = await countEnterprisesIn(trx, id)
    if (located > 0 && !reassign) {
      const own =
        derived === located ? '' : ` (${derived} of them derived into it, the others into its sub-regions)`
      const message = `${located} enterprise${located === 1 ? ' lies' : 's lie'} in region ${id}${own}; delete with ?reassign=true to re-derive their regions`
      throw new HttpError(409, 'CONFLICT', message, [{ path: 'query.reassign', message }])
    }
    const before = await getRegion(trx, id)
    await deleteRegion(trx, id)
    await recordAudit(trx, {
      userId: null,
      entity: 'region',
      entityId: id,
      action: 'delete',
      before,
      after: null,
    })
    return { id, enterprisesReassigned: derived }
  })
}

type ImportOptions = {
  nameProperty: string
  codeProperty: string | undefined
  level: RegionLevel
  parentId: number | null
  repair: boolean
}

/** Options may come in the query string or in the body; both at once must agree. */
function importOptions(body: RegionImport, query: RegionImportQuery): ImportOptions {
  const issues: GeometryIssue[] = []
  function pick<K extends 'nameProperty' | 'codeProperty' | 'level' | 'parentId'>(key: K) {
    const inBody = body[key] ?? undefined
    const inQuery = query[key]
    if (inBody !== undefined && inQuery !== undefined && inBody !== inQuery) {
      issues.push({
        path: `query.${key}`,
        message: `differs from body.${key} ("${inQuery}" and "${inBody}"): send one`,
      })
    }
    return inQuery ?? inBody
  }
  const nameProperty = pick('nameProperty')
  const codeProperty = pick('codeProperty')
  const level = pick('level') ?? 'custom'
  const parentId = pick('parentId') ?? null
  if (nameProperty === undefined) {
    issues.push({
      path: 'query.nameProperty',
      message: 'required: the feature property that holds the region name (query or body field)',
    })
  }
  if (issues.length > 0 || nameProperty === undefined) {
    throw new HttpError(
      400,
      'VALIDATION_FAILED',
      `Invalid request: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`,
      issues,
    )
  }
  return { nameProperty, codeProperty, level, parentId, repair: query.repair ?? false }
}

/** A property as text: strings and finite numbers (admin codes are often numbers); own keys only. */
function textProperty(
  properties: Record<string, unknown>,
  key: string,
): { value: string } | { missing: true } | { wrong: string } {
  // Object.hasOwn: a key such as "constructor" must not find Object.prototype's
  if (!Object.hasOwn(properties, key)) return { missing: true }
  const value = properties[key]
  if (value === null || value === undefined) return { missing: true }
  if (typeof value === 'number' && Number.isFinite(value)) return { value: String(value) }
  if (typeof value !== 'string')
    return { wrong: `must be text, got ${Array.isArray(value) ? 'array' : typeof value}` }
  const trimmed = value.trim()
  if (trimmed === '') return { missing: true }
  if (trimmed.length > 200) return { wrong: 'must be at most 200 characters' }
  return { value: trimmed }
}

const maxReportedIssues = 1_000

/**
 * All or nothing: every feature is checked first and the report names each bad one
 * (`body.features.3.geometry.coordinates.0: …`); only a clean collection is written, in one
 * transaction, with one audit entry per region.
 */
export async function importRegions(
  db: Kysely<DB>,
  body: RegionImport,
  query: RegionImportQuery,
): Promise<RegionImportResult> {
  const options = importOptions(body, query)
  if (options.parentId !== null && !(await regionExists(db, options.parentId))) {
    throw new HttpError(
      400,
      'VALIDATION_FAILED',
      `Invalid request: parentId ${options.parentId} is not a region`,
      [{ path: 'query.parentId', message: `region ${options.parentId} does not exist` }],
    )
  }
  const issues: GeometryIssue[] = []
  const rows: RegionValues[] = []
  for (const [index, raw] of body.features.entries()) {
    const at = `body.features.${index}`
    const parsed = regionImportFeatureSchema.safeParse(raw)
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        issues.push({ path: [at, ...issue.path.map(String)].join('.'), message: issue.message })
      }
      continue
    }
    const properties = parsed.data.properties ?? {}
    const name = textProperty(properties, options.nameProperty)
    const namePath = `${at}.properties.${options.nameProperty}`
    if ('missing' in name)
      issues.push({ path: namePath, message: `no name: the feature has no "${options.nameProperty}"` })
    if ('wrong' in name) issues.push({ path: namePath, message: name.wrong })
    const code =
      options.codeProperty === undefined ? undefined : textProperty(properties, options.codeProperty)
    if (code && 'wrong' in code)
      issues.push({ path: `${at}.properties.${options.codeProperty}`, message: code.wrong })
    const prepared = await prepareGeometry(db, parsed.data.geometry, `${at}.geometry`, options.repair)
    if (!prepared.ok) issues.push(...prepared.issues)
    if (prepared.ok && 'value' in name) {
      rows.push({
        name: name.value,
        level: options.level,
        code: code && 'value' in code ? code.value.slice(0, 60) : null,
        parentId: options.parentId,
        geometry: prepared.geometry,
      })
    }
  }
  if (issues.length > 0) {
    const bad = new Set(issues.map((issue) => issue.path.split('.').slice(0, 3).join('.'))).size
    const shown = issues.slice(0, maxReportedIssues)
    if (issues.length > shown.length) {
      shown.push({
        path: 'body.features',
        message: `${issues.length - shown.length} more problems not listed`,
      })
    }
    throw new HttpError(
      400,
      'VALIDATION_FAILED',
      `${bad} of ${body.features.length} features are invalid; nothing was imported`,
      shown,
    )
  }
  try {
    return await db.transaction().execute(async (trx) => {
      const regions: RegionImportResult['regions'] = []
      for (const values of rows) {
        const id = await insertRegion(trx, values)
        const after = await getRegion(trx, id)
        await recordAudit(trx, {
          userId: null,
          entity: 'region',
          entityId: id,
          action: 'create',
          before: null,
          after,
        })
        regions.push({ id, name: values.name, code: values.code })
      }
      return { imported: regions.length, regions }
    })
  } catch (error) {
    throw explainWriteError(error)
  }
}

function staleVersion(id: number, sent: number, current: number) {
  return new HttpError(
    409,
    'CONFLICT',
    `Region ${id} has changed since version ${sent}: the current version is ${current}. Reload it and apply your change again.`,
    [{ path: 'body.properties.version', message: `stale: the current version is ${current}` }],
  )
}

/** Races the checks above cannot exclude (a parent deleted meanwhile) as 4xx; anything else stays a 500. */
function explainWriteError(error: unknown): unknown {
  if (isPgError(error, PG_FOREIGN_KEY_VIOLATION, PARENT_FOREIGN_KEY)) {
    return new HttpError(400, 'VALIDATION_FAILED', 'Invalid body: the parent region does not exist', [
      { path: 'body.properties.parentId', message: 'the parent region does not exist' },
    ])
  }
  if (isPgError(error, PG_CHECK_VIOLATION, GEOMETRY_CHECK)) {
    return new HttpError(400, 'VALIDATION_FAILED', 'Invalid body: the geometry is not valid', [
      { path: 'body.geometry', message: 'not a valid polygon (PostGIS ST_IsValid)' },
    ])
  }
  return error
}
