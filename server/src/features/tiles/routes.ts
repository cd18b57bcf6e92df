import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { apiErrorSchema } from '../../contract/errors.js'
import {
  CLUSTER_BELOW_ZOOM,
  mapConfigSchema,
  sourceLayers,
  tileJsonSchema,
  tileLayerSchema,
  tileParamsSchema,
  tileQuerySchema,
} from '../../contract/tiles.js'
import type { Database } from '../../db/database.js'
import type { TileEncoder } from './encoders.js'
import { filtersFor } from '../../contract/disclosure.js'
import { tileService } from './service.js'
import { acceptsGzip } from './tile-cache.js'
import { tileJson } from './tile-json.js'

export type TileRouteOptions = {
  /** LOOPMAP_BASEMAP_STYLE: a remote MapLibre style the map uses instead of the offline basemap. */
  basemapStyleUrl?: string | undefined
  encoder?: TileEncoder
}

const MVT_MEDIA_TYPE = 'application/vnd.mapbox-vector-tile'
/** The survey year a tile's tonnes are of (issue 12), so a client can name it. */
export const SURVEY_YEAR_HEADER = 'loopmap-survey-year'

export const tileRoutes =
  (database: Database, options: TileRouteOptions): FastifyPluginAsyncZod =>
  async (app) => {
    const tiles = tileService(database, { encoder: options.encoder })

    app.get(
      '/tiles/:layer/:z/:x/:y.mvt',
      {
        schema: {
          tags: ['map'],
          summary: 'A Mapbox Vector Tile of the waste map',
          description: `Layers: enterprises (source-layer \`${sourceLayers.enterprises}\` from zoom ${CLUSTER_BELOW_ZOOM}, grid clusters in \`${sourceLayers.enterpriseClusters}\` below it), regions (with totals for the filters), treatment-sites, hexbins. Filters as in the enterprise list. 204 when the tile is empty; ETag and If-None-Match for revalidation (the ETag changes with every committed write).`,
          params: tileParamsSchema,
          querystring: tileQuerySchema,
          response: { 200: z.any(), 204: z.null(), 304: z.null(), 400: apiErrorSchema },
        },
      },
      async (request, reply) => {
        const query = filtersFor(request.disclosure, request.query)
        const answer = await tiles.tile(
          request.params,
          query,
          request.headers['if-none-match'],
          request.disclosure,
        )
        // Signed in: private + no-cache, the browser keeps the tile but asks each time (a 304 costs
        // one small query), as what a tile shows depends on who is signed in (Vary: Cookie).
        // The public's tiles are the same for every visitor, so a CDN or proxy may hold them
        // (issue 14); a minute, because the ETag changes with every committed write and a held
        // tile may be that much behind it, the price of not asking the server for every tile.
        reply
          .header('ETag', answer.etag)
          .header(
            'Cache-Control',
            request.viewer.kind === 'public' ? 'public, max-age=60' : 'private, no-cache',
          )
          .header('Vary', 'Cookie, Accept-Encoding')
        if (answer.surveyYear !== null) reply.header(SURVEY_YEAR_HEADER, String(answer.surveyYear))
        if (answer.kind === 'not-modified') return reply.code(304).send(null)
        if (answer.bytes.length === 0) return reply.code(204).send(null)
        reply.type(MVT_MEDIA_TYPE)
        const { bytes, gzipped } = answer
        if (gzipped && acceptsGzip(request.headers['accept-encoding'])) {
          reply.header('Content-Encoding', 'gzip')
          return reply.send(Buffer.from(gzipped.buffer, gzipped.byteOffset, gzipped.length))
        }
        return reply.send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length))
      },
    )

    app.get(
      '/tiles/:layer',
      {
        schema: {
          tags: ['map'],
          summary: 'TileJSON of a map layer, its tile URL carrying the filters and the survey year',
          description: `Without surveyYear (or notReportedFor) the tiles are of the latest survey year with data for the filters: the tile URL names it, and so does the \`${SURVEY_YEAR_HEADER}\` header (also on every tile).`,
          params: z.object({ layer: tileLayerSchema }),
          querystring: tileQuerySchema,
          response: { 200: tileJsonSchema, 400: apiErrorSchema },
        },
      },
      async (request, reply) => {
        const search = new URL(request.url, 'http://x').searchParams
        const { surveyYear } = await tiles.resolveSurveyYear(filtersFor(request.disclosure, request.query))
        // the tile URL names the year, so its tiles stay that year's even when a later one comes
        if (surveyYear !== null && !search.has('surveyYear') && !search.has('notReportedFor'))
          search.set('surveyYear', String(surveyYear))
        if (surveyYear !== null) reply.header(SURVEY_YEAR_HEADER, String(surveyYear))
        const origin = `${request.protocol}://${request.host}`
        const query = search.toString()
        return tileJson(
          request.params.layer,
          `${origin}/api/tiles/${request.params.layer}/{z}/{x}/{y}.mvt${query ? `?${query}` : ''}`,
        )
      },
    )

    app.get(
      '/map-config',
      {
        schema: {
          tags: ['map'],
          summary: 'What the map needs from the server: the basemap style',
          response: { 200: mapConfigSchema },
        },
      },
      async () => ({ basemapStyleUrl: options.basemapStyleUrl ?? null }),
    )
  }
