import fastifyHelmet from '@fastify/helmet'
import type { FastifyInstance } from 'fastify'

/**
 * Security headers (@fastify/helmet) with a content security policy the map can live with:
 * MapLibre runs its worker from a blob: URL and paints images from blob: and data: URLs, and
 * sets inline styles; a remote basemap style (LOOPMAP_BASEMAP_STYLE) may fetch from its origin.
 * The API docs page (Swagger UI) ships its own inline script, so /api/docs relaxes script-src.
 */
export async function registerSecurityHeaders(
  app: FastifyInstance,
  options: { basemapStyleUrl?: string | undefined },
) {
  // a remote style loads tiles, glyphs and sprites from hosts we cannot list: allow https for it
  const remote = options.basemapStyleUrl ? ['https:'] : []
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:', ...remote],
        workerSrc: ["'self'", 'blob:'],
        childSrc: ["'self'", 'blob:'],
        connectSrc: ["'self'", ...remote],
        fontSrc: ["'self'", 'data:', ...remote],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    // the map canvas is exported as a PNG from the same origin; nothing cross-origin is embedded
    crossOriginEmbedderPolicy: false,
  })
}
