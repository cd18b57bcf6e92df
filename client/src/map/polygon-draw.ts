import type { AreaGeometry } from '@contract/geojson.js'
import type { Polygon } from 'geojson'
import type { Map as MapLibreMap } from 'maplibre-gl'
import { type RefObject, useRef } from 'react'
import { TerraDraw, TerraDrawPolygonMode, TerraDrawSelectMode } from 'terra-draw'
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter'
import { type MapShellOptions, useMapShell } from './map-shell.js'

type PolygonDrawOptions = Omit<MapShellOptions, 'onLoad'> & {
  /** Adds a select mode that moves corners, adds them at midpoints and deletes them. */
  editable?: boolean
  /** Adds the map's own sources and layers, under the drawing. */
  onLoad?: (map: MapLibreMap) => void
  /** Listens to the drawing, once it has started. */
  onStart: (draw: TerraDraw) => void
}

/**
 * A map (the map shell) with terra-draw on it, in polygon mode: click the corners, click the
 * first one again to close. Terra-draw starts once the map has loaded and stops before it is
 * removed; both are handed back together, undefined until then.
 */
export function usePolygonDraw(
  container: RefObject<HTMLElement | null>,
  { editable = false, onLoad, onStart, ...options }: PolygonDrawOptions,
): { map: MapLibreMap | undefined; draw: TerraDraw | undefined } {
  const draw = useRef<TerraDraw>(undefined)
  const map = useMapShell(container, {
    ...options,
    onLoad: (instance) => {
      onLoad?.(instance)
      const terra = new TerraDraw({
        adapter: new TerraDrawMapLibreGLAdapter({ map: instance }),
        modes: editable ? [new TerraDrawPolygonMode(), editMode()] : [new TerraDrawPolygonMode()],
      })
      terra.start()
      terra.setMode('polygon')
      onStart(terra)
      draw.current = terra
      return () => {
        terra.stop()
        draw.current = undefined
      }
    },
  })
  return { map, draw: map && draw.current }
}

function editMode() {
  return new TerraDrawSelectMode({
    flags: {
      polygon: {
        feature: {
          draggable: true,
          coordinates: { midpoints: true, draggable: true, deletable: true },
        },
      },
    },
  })
}

/** The finished polygons (not the one being drawn), each as its rings. */
export function finishedPolygons(draw: TerraDraw): AreaGeometry['coordinates'][number][][] {
  return draw
    .getSnapshot()
    .filter((feature) => feature.geometry.type === 'Polygon' && !feature.properties.currentlyDrawing)
    .map((feature) => (feature.geometry as Polygon).coordinates as AreaGeometry['coordinates'][number][])
}
