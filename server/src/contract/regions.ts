import { z } from 'zod'
import { featureCollectionSchema, featureSchema, multiPolygonSchema } from './geojson.js'

export const regionLevels = ['country', 'admin1', 'admin2', 'pilot', 'custom'] as const

export const regionPropertiesSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  level: z.enum(regionLevels),
  code: z.string().nullable(),
  parentId: z.number().int().nullable(),
  isDemo: z.boolean().describe('true for the synthetic demo pilot region'),
  enterpriseCount: z.number().int().describe('Enterprises located in the region, its sub-regions included'),
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
