import { z } from 'zod'
import { booleanQuery, optionalText, versionSchema } from './common.js'
import { featureCollectionSchema, featureSchema, multiPolygonSchema, polygonSchema } from './geojson.js'

export const regionLevels = ['country', 'admin1', 'admin2', 'pilot', 'custom'] as const
export const regionLevelSchema = z.enum(regionLevels).describe('country, admin1, admin2, pilot or custom')
export type RegionLevel = z.infer<typeof regionLevelSchema>

export const regionPropertiesSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  level: regionLevelSchema,
  code: z.string().nullable(),
  parentId: z.number().int().nullable(),
  isDemo: z.boolean().describe('true for the synthetic demo pilot region'),
  enterpriseCount: z
    .number()
    .int()
    .describe(
      'Enterprises in the region, its sub-regions included; on an edge shared with a region of the same boundary set and level, counted by the smaller one only',
    ),
  boundarySetId: z
    .number()
    .int()
    .describe('The boundary set (imported file, or the drawn regions) it belongs to'),
  boundarySetName: z.string(),
  version: z.number().int().describe('Send it back with a change; a stale version is refused with 409'),
})
export type RegionProperties = z.infer<typeof regionPropertiesSchema>

export const regionFeatureSchema = featureSchema(multiPolygonSchema, regionPropertiesSchema).meta({
  id: 'RegionFeature',
})
export type RegionFeature = z.infer<typeof regionFeatureSchema>

export const regionCollectionSchema = featureCollectionSchema(regionFeatureSchema).meta({
  id: 'RegionCollection',
})
export type RegionCollection = z.infer<typeof regionCollectionSchema>

/**
 * The geometry a region is written with. Structure, ranges and closed rings are checked here;
 * self-intersections on the server (geo/polygon-validity.ts). The custom messages replace zod's
 * generic union error so a null or a Point says what is expected.
 */
export const regionGeometryInputSchema = z
  .discriminatedUnion('type', [polygonSchema, multiPolygonSchema], {
    error: (issue) =>
      issue.input === null || issue.input === undefined
        ? 'geometry is missing: a region needs a GeoJSON Polygon or MultiPolygon'
        : 'must be a GeoJSON Polygon or MultiPolygon',
  })
  .describe('GeoJSON Polygon or MultiPolygon, WGS84 lon/lat; stored as a MultiPolygon')

const parentIdSchema = z
  .number()
  .int('must be a region id')
  .positive('must be a region id')
  .nullable()
  .optional()
  .describe('The enclosing region, if any')

const boundarySetIdSchema = z.number().int('must be a boundary set id').positive('must be a boundary set id')

const regionFields = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  level: regionLevelSchema.default('custom'),
  code: optionalText(60).describe('Official code, e.g. an ISO 3166-2 or NUTS code'),
  parentId: parentIdSchema,
  boundarySetId: boundarySetIdSchema
    .optional()
    .describe(
      'The boundary set; a new region goes to the drawn regions set unless given, a change keeps its set',
    ),
})

/** A Feature as editors send it: drawing tools give string ids, which are ignored (the server numbers regions). */
function inputFeature<P extends z.ZodType>(properties: P) {
  return z.object({
    type: z.literal('Feature'),
    id: z.union([z.string(), z.number()]).optional().describe('Ignored'),
    geometry: regionGeometryInputSchema,
    properties,
  })
}

export const regionInputSchema = inputFeature(regionFields)
  .describe('A region as a GeoJSON Feature; properties name, level, code, parentId')
  .meta({ id: 'NewRegion' })
export type RegionInput = z.infer<typeof regionInputSchema>

export const regionUpdateSchema = inputFeature(regionFields.extend({ version: versionSchema }))
  .describe('The whole region as a GeoJSON Feature, with the version it was based on')
  .meta({ id: 'RegionChange' })
export type RegionUpdate = z.infer<typeof regionUpdateSchema>

export const regionWriteQuerySchema = z.object({
  repair: booleanQuery
    .optional()
    .describe('true: split self-intersecting rings into valid polygons instead of refusing them'),
})

export const regionDeleteQuerySchema = z.object({
  reassign: booleanQuery
    .optional()
    .describe('true: delete even though enterprises lie in the region; their regions are re-derived'),
})

export const regionDeleteResultSchema = z
  .object({
    id: z.number().int(),
    enterprisesReassigned: z
      .number()
      .int()
      .describe('Enterprises that were derived into this region and now have another region or none'),
  })
  .meta({ id: 'RegionDeleted' })
export type RegionDeleteResult = z.infer<typeof regionDeleteResultSchema>

const propertyName = z.string().trim().min(1, 'must not be empty').max(100)
const boundarySetName = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters')
  .optional()
  .describe(
    'Name of the boundary set the imported file becomes; a name another set has is refused with 409. Default: the collection\'s "name" member, else "Import <date>", with " (2)"… when taken',
  )

const importOptions = {
  nameProperty: propertyName
    .optional()
    .describe('The feature property that holds the region name, e.g. NAME_1'),
  codeProperty: propertyName.optional().describe('The feature property that holds the region code, if any'),
  level: regionLevelSchema.optional().describe('Level of every imported region (default custom)'),
  boundarySetName,
}

export const regionImportQuerySchema = z.object({
  ...importOptions,
  parentId: z.coerce.number().int().positive('must be a region id').optional(),
  repair: regionWriteQuerySchema.shape.repair,
})
export type RegionImportQuery = z.infer<typeof regionImportQuerySchema>

/** The upper bound keeps one all-or-nothing transaction (and its report) to a sane size. */
export const maxImportedRegions = 5_000

export const regionImportSchema = z
  .object({
    type: z.literal('FeatureCollection'),
    features: z
      .array(z.unknown())
      .min(1, 'the collection has no features')
      .max(maxImportedRegions, `at most ${maxImportedRegions} features per import`)
      .describe(
        'Features with a Polygon or MultiPolygon geometry; each is checked on its own so the report names every bad one',
      ),
    ...importOptions,
    parentId: parentIdSchema,
    name: z
      .unknown()
      .optional()
      .describe("The collection's own name (ogr2ogr writes the layer name): the default boundary set name"),
  })
  .describe(
    'A GeoJSON FeatureCollection of boundaries. nameProperty (and the other options) may be given here or in the query string',
  )
  .meta({ id: 'RegionImport' })
export type RegionImport = z.infer<typeof regionImportSchema>

/** One imported feature, checked by the server one at a time. */
export const regionImportFeatureSchema = z.object({
  type: z.literal('Feature'),
  geometry: regionGeometryInputSchema,
  properties: z.record(z.string(), z.unknown()).nullable(),
})

export const regionImportResultSchema = z
  .object({
    imported: z.number().int(),
    boundarySet: z.object({ id: z.number().int(), name: z.string() }).describe('The set the file became'),
    regions: z.array(z.object({ id: z.number().int(), name: z.string(), code: z.string().nullable() })),
  })
  .meta({ id: 'RegionImportResult' })
export type RegionImportResult = z.infer<typeof regionImportResultSchema>

export const boundarySetKinds = ['drawn', 'imported'] as const

export const boundarySetSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    kind: z
      .enum(boundarySetKinds)
      .describe('drawn: the regions drawn in the app; imported: one boundary file'),
    regionCount: z.number().int(),
  })
  .meta({ id: 'BoundarySet' })
export type BoundarySet = z.infer<typeof boundarySetSchema>

export const boundarySetListSchema = z.array(boundarySetSchema).meta({ id: 'BoundarySetList' })
