import type { AreaGeometry } from '@contract/geojson.js'
import type { RegionCollection } from '@contract/regions.js'
import { useEffect, useRef } from 'react'
import { t } from '../../i18n/index.js'
import { boundsOfPolygons, boundsOfRegions } from '../../map/bounds.js'
import { addGeoJsonLayers, setGeoJson } from '../../map/map-shell.js'
import { finishedPolygons, usePolygonDraw } from '../../map/polygon-draw.js'
import { REGION_SOURCE, regionFillLayer, regionOutlineLayer } from '../../map/styles/regions.js'

export type DrawMode = 'polygon' | 'select'

type RegionDrawMapProps = {
  regions: RegionCollection | undefined
  /** The geometry being edited; when it changes from outside (a region loaded), the drawing is replaced. */
  geometry: AreaGeometry | undefined
  /** Bumped by the parent to replace the drawing with `geometry`. */
  loadToken: number
  mode: DrawMode
  onChange: (geometry: AreaGeometry | undefined) => void
}

/**
 * A map with terra-draw on it: polygon mode draws (click the corners, click the first one to
 * close), select mode moves corners, adds them at midpoints and deletes them. Every finished
 * polygon counts; several make a MultiPolygon.
 */
export function RegionDrawMap({ regions, geometry, loadToken, mode, onChange }: RegionDrawMapProps) {
  const container = useRef<HTMLElement>(null)
  const changed = useRef(onChange)
  changed.current = onChange
  const fitted = useRef(false)
  // Replacing the drawing from outside fires terra-draw's change events; they are not edits.
  const loading = useRef(false)
  const { map, draw } = usePolygonDraw(container, {
    editable: true,
    onLoad: (instance) => addGeoJsonLayers(instance, REGION_SOURCE, [regionFillLayer, regionOutlineLayer]),
    onStart: (terra) => {
      const report = () => {
        if (!loading.current) changed.current(geometryOf(finishedPolygons(terra)))
      }
      terra.on('finish', report)
      terra.on('change', (_ids, type) => {
        if (type === 'delete' || type === 'update') report()
      })
    },
  })

  useEffect(() => {
    if (!map || !regions) return
    setGeoJson(map, REGION_SOURCE, regions)
    if (fitted.current) return
    const bounds = boundsOfRegions(regions)
    if (bounds) {
      fitted.current = true
      map.fitBounds(bounds, { padding: 30, duration: 0 })
    }
  }, [map, regions])

  useEffect(() => {
    draw?.setMode(mode)
  }, [mode, draw])

  // only an explicit load replaces the drawing
  useEffect(() => {
    if (!draw || !map) return
    loading.current = true
    draw.clear()
    const polygons = !geometry
      ? []
      : geometry.type === 'Polygon'
        ? [geometry.coordinates]
        : geometry.coordinates
    draw.addFeatures(
      polygons.map((coordinates) => ({
        type: 'Feature' as const,
        geometry: { type: 'Polygon' as const, coordinates },
        properties: { mode: 'polygon' },
      })),
    )
    loading.current = false
    const bounds = boundsOfPolygons(polygons)
    if (bounds) map.fitBounds(bounds, { padding: 40, duration: 0 })
    // eslint-disable-next-line react-hooks/exhaustive-deps -- see the comment above the effect
  }, [loadToken, map, draw])

  return (
    <section
      ref={container}
      className="picker-map"
      data-testid="region-map"
      data-ready={map ? 'true' : 'false'}
      aria-label={t('regionEditor.mapLabel')}
    />
  )
}

/** The finished polygons as one geometry: none → undefined, one → Polygon, more → MultiPolygon. */
function geometryOf(polygons: AreaGeometry['coordinates'][number][][]): AreaGeometry | undefined {
  const [first] = polygons
  if (!first) return undefined
  if (polygons.length === 1) return { type: 'Polygon', coordinates: first } as AreaGeometry
  return { type: 'MultiPolygon', coordinates: polygons } as AreaGeometry
}
