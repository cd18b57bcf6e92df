import type { FeatureCollection, Geometry } from 'geojson'
import type { StyleSpecification } from 'maplibre-gl'
import { feature } from 'topojson-client'
import type { GeometryCollection, Topology } from 'topojson-specification'
import countries50m from 'world-atlas/countries-50m.json'

/**
 * The offline base map: Natural Earth 1:50m countries (public domain, via world-atlas) bundled
 * with the client, so the map is useful with no internet and needs no API key. No glyphs or
 * sprites: nothing here fetches from outside.
 */
const topology = countries50m as unknown as Topology<{ countries: GeometryCollection }>
const countries = feature(topology, topology.objects.countries) as FeatureCollection<Geometry>

export const BASEMAP_COLORS = { water: '#cfe3ef', land: '#f6f4ee', border: '#b9b4a8' } as const

export const basemapStyle: StyleSpecification = {
  version: 8,
  sources: { countries: { type: 'geojson', data: countries } },
  layers: [
    { id: 'water', type: 'background', paint: { 'background-color': BASEMAP_COLORS.water } },
    {
      id: 'land',
      type: 'fill',
      source: 'countries',
      paint: { 'fill-color': BASEMAP_COLORS.land },
    },
    {
      id: 'country-borders',
      type: 'line',
      source: 'countries',
      paint: { 'line-color': BASEMAP_COLORS.border, 'line-width': 0.8 },
    },
  ],
}
