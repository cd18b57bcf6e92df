import type { AreaGeometry } from '@contract/geojson.js'
import type { RegionCollection } from '@contract/regions.js'
import { useEffect, useRef } from 'react'
import { t } from '../../i18n/index.js'
import { boundsOfRegions } from '../../map/bounds.js'
import { addGeoJsonLayers, setGeoJson } from '../../map/map-shell.js'
import { usePolygonDraw } from '../../map/polygon-draw.js'
import { MINI_MAP_SOURCE, regionContextLayer } from './mini-map-layers.js'

type AreaDrawMapProps = {
  regions: RegionCollection | undefined
  /** Bumped by the parent to clear the drawing. */
  clearToken: number
  onChange: (geometry: AreaGeometry | undefined) => void
}

/**
 * A map to draw one area on with terra-draw (as the region editor does): click the corners,
 * click the first one again to close. A new area replaces the previous one. The regions are
 * outlined for orientation.
 */
export function AreaDrawMap({ regions, clearToken, onChange }: AreaDrawMapProps) {
  const container = useRef<HTMLDivElement>(null)
  const changed = useRef(onChange)
  changed.current = onChange
  const { map, draw } = usePolygonDraw(container, {
    zoom: 8,
    printable: true,
    onLoad: (instance) => addGeoJsonLayers(instance, MINI_MAP_SOURCE, [regionContextLayer]),
    onStart: (terra) =>
      terra.on('finish', (id) => {
        const feature = terra.getSnapshotFeature(id)
        if (feature?.geometry.type !== 'Polygon') return
        const others = terra.getSnapshot().filter((other) => other.id !== id && other.id !== undefined)
        if (others.length > 0) terra.removeFeatures(others.map((other) => other.id!))
        changed.current({ type: 'Polygon', coordinates: feature.geometry.coordinates } as AreaGeometry)
      }),
  })

  useEffect(() => {
    if (!map || !regions) return
    setGeoJson(map, MINI_MAP_SOURCE, regions)
    const bounds = boundsOfRegions(regions)
    if (bounds) map.fitBounds(bounds, { padding: 30, duration: 0 })
  }, [map, regions])

  useEffect(() => {
    if (clearToken === 0) return
    draw?.clear()
    changed.current(undefined)
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a new token clears the drawing
  }, [clearToken])

  return (
    <div
      ref={container}
      className="dashboard-draw-map"
      data-testid="area-map"
      data-ready={map ? 'true' : 'false'}
      role="application"
      aria-label={t('dashboard.area.mapLabel')}
    />
  )
}
