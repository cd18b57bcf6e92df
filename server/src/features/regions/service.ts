import type { Kysely } from 'kysely'
import {
  type BoundarySet,
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
import type { Db } from '../../db/database.js'
import type { DB } from '../../db/schema.js'
import { explainRegionWriteError, prepareGeometry, regionValuesOf } from '../../domain/region/checks.js'
import {
  insertBoundarySet,
  listBoundarySets as listBoundarySetRows,
  unusedBoundarySetName,
} from '../../domain/region/boundary-sets.js'
import { toRegionFeature } from '../../domain/region/mapper.js'
import { listRegions, type RegionValues, regionExists } from '../../domain/region/queries.js'
import {
  createRegion as createRegionRow,
  deleteRegion,
  insertAuditedRegion,
  readRegion,
  updateRegion as updateRegionRow,
} from '../../domain/region/write.js'
import type { GeometryIssue } from '../../geo/polygon-validity.js'
import { HttpError, notFound } from '../../plugins/error-handler.js'

export async function listRegionFeatures(db: Db): Promise<RegionCollection> {
  return { type: 'FeatureCollection', features: (await listRegions(db)).map(toRegionFeature) }
}

/** Every boundary set with its number of regions. */
export function listBoundarySets(db: Db): Promise<BoundarySet[]> {
  return listBoundarySetRows(db)
}

export function getRegion(db: Db, id: number): Promise<RegionFeature> {
  return readRegion(db, id)
}

export async function createRegion(
  db: Kysely<DB>,
  input: RegionInput,
  repair: boolean,
): Promise<RegionFeature> {
  return createRegionRow(db, await regionValuesOf(db, input, repair))
}

/** A stale version gets 409; the enterprises of the old and the new boundary get their region re-derived. */
export async function updateRegion(
  db: Kysely<DB>,
  id: number,
  input: RegionUpdate,
  repair: boolean,
): Promise<RegionFeature> {
  if (!(await regionExists(db, id))) throw notFound(`Region ${id}`)
  const values = await regionValuesOf(db, input, repair, id)
  return updateRegionRow(db, id, input.properties.version, values)
}

/** Refused with 409 while enterprises lie in the region, unless `reassign`. */
export function removeRegion(db: Kysely<DB>, id: number, reassign: boolean): Promise<RegionDeleteResult> {
  return deleteRegion(db, id, reassign)
}

type ImportOptions = {
  nameProperty: string
  codeProperty: string | undefined
  level: RegionLevel
  parentId: number | null
  repair: boolean
  /** The set's name as asked for, and the field it came from (for a 409 naming it). */
  boundarySetName: { name: string; path: string } | undefined
}

/** Options may come in the query string or in the body; both at once must agree. */
function importOptions(body: RegionImport, query: RegionImportQuery): ImportOptions {
  const issues: GeometryIssue[] = []
  function pick<K extends 'nameProperty' | 'codeProperty' | 'level' | 'parentId' | 'boundarySetName'>(
    key: K,
  ) {
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
  const setName = pick('boundarySetName')
  const boundarySetName =
    setName === undefined
      ? undefined
      : {
          name: setName,
          path: query.boundarySetName === undefined ? 'body.boundarySetName' : 'query.boundarySetName',
        }
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
  return { nameProperty, codeProperty, level, parentId, repair: query.repair ?? false, boundarySetName }
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
 * Every imported file becomes a boundary set of its own (issue 12), so its regions count the
 * enterprises they cover whatever other sets lie over them. Named as asked (a name another set
 * has is 409), else after the collection's own "name" member, else "Import <date>"; a default
 * name gets " (2)", " (3)"… when taken, so importing a file again never fails on its name.
 */
async function newImportedSet(
  db: Db,
  body: RegionImport,
  options: ImportOptions,
): Promise<{ id: number; name: string }> {
  const asked = options.boundarySetName
  const own = typeof body.name === 'string' ? body.name.trim().slice(0, 190) : ''
  const fallback = own === '' ? `Import ${new Date().toISOString().slice(0, 16).replace('T', ' ')}` : own
  const name = asked?.name ?? (await unusedBoundarySetName(db, fallback))
  const id = await insertBoundarySet(db, name, 'imported', asked?.path ?? 'query.boundarySetName')
  return { id, name }
}

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
      const boundarySet = await newImportedSet(trx, body, options)
      const regions: RegionImportResult['regions'] = []
      for (const values of rows) {
        const region = await insertAuditedRegion(trx, { ...values, boundarySetId: boundarySet.id })
        regions.push({ id: region.properties.id, name: values.name, code: values.code })
      }
      return { imported: regions.length, boundarySet, regions }
    })
  } catch (error) {
    throw explainRegionWriteError(error)
  }
}
