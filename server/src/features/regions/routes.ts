import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { idParamsSchema } from '../../contract/common.js'
import { apiErrorSchema } from '../../contract/errors.js'
import {
  boundarySetListSchema,
  regionCollectionSchema,
  regionDeleteQuerySchema,
  regionDeleteResultSchema,
  regionFeatureSchema,
  regionImportQuerySchema,
  regionImportResultSchema,
  regionImportSchema,
  regionInputSchema,
  regionUpdateSchema,
  regionWriteQuerySchema,
} from '../../contract/regions.js'
import type { Database } from '../../db/database.js'
import {
  createRegion,
  getRegion,
  importRegions,
  listBoundarySets,
  listRegionFeatures,
  removeRegion,
  updateRegion,
} from './service.js'

const errors = { 400: apiErrorSchema, 404: apiErrorSchema, 409: apiErrorSchema, 413: apiErrorSchema }

export const regionRoutes =
  ({ db }: Database): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/regions',
      {
        schema: {
          tags: ['regions'],
          summary: 'All regions as a GeoJSON FeatureCollection',
          response: { 200: regionCollectionSchema },
        },
      },
      () => listRegionFeatures(db),
    )

    app.get(
      '/boundary-sets',
      {
        schema: {
          tags: ['regions'],
          summary: 'The boundary sets: each imported boundary file, and the drawn regions',
          description:
            'Inside one set an enterprise on an edge shared by two regions of the same level counts once (in the smaller region), so the regions of a set add up; regions of different sets may overlap and each counts every enterprise it covers.',
          response: { 200: boundarySetListSchema },
        },
      },
      () => listBoundarySets(db),
    )

    app.get(
      '/regions/:id',
      {
        schema: {
          tags: ['regions'],
          summary: 'One region as a GeoJSON Feature',
          params: idParamsSchema,
          response: { 200: regionFeatureSchema, ...errors },
        },
      },
      (request) => getRegion(db, request.params.id),
    )

    app.post(
      '/regions',
      {
        schema: {
          tags: ['regions'],
          summary: 'Create a region from a GeoJSON Feature (Polygon or MultiPolygon)',
          description:
            'Self-intersecting rings are refused with the ring path and the reason, unless ?repair=true asks PostGIS to split them at the crossings. The enterprises inside get this region when it is the smallest one around them.',
          querystring: regionWriteQuerySchema,
          body: regionInputSchema,
          response: { 201: regionFeatureSchema, ...errors },
        },
      },
      async (request, reply) => {
        const region = await createRegion(db, request.body, request.query.repair ?? false)
        return reply.code(201).send(region)
      },
    )

    app.put(
      '/regions/:id',
      {
        schema: {
          tags: ['regions'],
          summary: 'Replace a region (name, level, code, parent, geometry); a stale version gets 409',
          description: 'The enterprises of the old and the new boundary get their region re-derived.',
          params: idParamsSchema,
          querystring: regionWriteQuerySchema,
          body: regionUpdateSchema,
          response: { 200: regionFeatureSchema, ...errors },
        },
      },
      (request) => updateRegion(db, request.params.id, request.body, request.query.repair ?? false),
    )

    app.delete(
      '/regions/:id',
      {
        schema: {
          tags: ['regions'],
          summary: 'Delete a region; refused with 409 while enterprises lie in it, unless ?reassign=true',
          params: idParamsSchema,
          querystring: regionDeleteQuerySchema,
          response: { 200: regionDeleteResultSchema, ...errors },
        },
      },
      (request) => removeRegion(db, request.params.id, request.query.reassign ?? false),
    )

    app.post(
      '/regions/import',
      {
        schema: {
          tags: ['regions'],
          summary: 'Import a FeatureCollection of boundaries, all or nothing',
          description:
            'The file becomes a new boundary set, named by boundarySetName (a name another set has is 409). nameProperty names the feature property that holds the region name (query or body). Any bad feature answers 400 with a report per feature (body.features.3.geometry…) and nothing is written. The request body is limited by the server (10 MB); a larger file is refused with 413 — simplify or split it.',
          querystring: regionImportQuerySchema,
          body: regionImportSchema,
          response: { 201: regionImportResultSchema, ...errors },
        },
      },
      async (request, reply) => {
        const result = await importRegions(db, request.body, request.query)
        return reply.code(201).send(result)
      },
    )
  }
