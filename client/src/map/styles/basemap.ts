import type { FeatureCollection, Geometry } from 'geojson'
import type { StyleSpecification } from 'maplibre-gl'
import { feature } from 'topojson-client'
import type { GeometryCollection, Topology } from 'topojson-specification'
// Emitted by Vite as a file of its own (dist/assets/countries-50m-<hash>.json, served with the
// rest of the client) and fetched when a map is first shown: bundled, it made up a third of the
// entry chunk (issue 11).
import countriesUrl from 'world-atlas/countries-50m.json?url'

/**
 * The offline base map: Natural Earth 1:50m countries (public domain, via world-atlas) served
 * with the client, so the map is useful with no internet and needs no API key. No glyphs or
 * sprites: nothing here fetches from outside.
 */
export const BASEMAP_COLORS = { water: '#cfe3ef', land: '#f6f4ee', border: '#b9b4a8' } as const

const noCountries: FeatureCollection<Geometry> = { type: 'FeatureCollection', features: [] }

/** The basemap's layers over its countries source, here still empty (see loadBasemapStyle). */
export const basemapStyle: StyleSpecification = {
  version: 8,
  sources: { countries: { type: 'geojson', data: noCountries } },
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

let loading: Promise<StyleSpecification> | undefined

/**
 * The basemap with its countries, fetched once for every map. A file that cannot be read leaves
 * the countries out (the map still works, on water only) and is asked for again by the next map.
 */
export function loadBasemapStyle(): Promise<StyleSpecification> {
  loading ??= fetchCountries().then(
    (countries) => ({ ...basemapStyle, sources: { countries: { type: 'geojson', data: countries } } }),
    (error: unknown) => {
      console.error('The basemap countries could not be loaded.', error)
      loading = undefined
      return basemapStyle
    },
  )
  return loading
}

async function fetchCountries(): Promise<FeatureCollection<Geometry>> {
  const response = await fetch(countriesUrl)
  if (!response.ok) throw new Error(`${countriesUrl}: HTTP ${response.status}`)
  const topology = (await response.json()) as Topology<{ countries: GeometryCollection }>
  return feature(topology, topology.objects.countries) as FeatureCollection<Geometry>
}
