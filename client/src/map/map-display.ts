import type { RegionTileProperties } from '@contract/tiles.js'

/** What the enterprise circles are coloured by. */
export const colourDimensions = ['ewc', 'nace', 'hazardous', 'route'] as const
export type ColourBy = (typeof colourDimensions)[number]

/** Region figures the choropleth can show; each is a property of the regions tile. */
export const choroplethMeasures = [
  'totalTonnesPerYear',
  'hazardousTonnesPerYear',
  'recoveryRate',
  'enterpriseCount',
] as const satisfies readonly (keyof RegionTileProperties)[]
export type ChoroplethMeasure = (typeof choroplethMeasures)[number]

/** Layers the user switches on and off (the choropleth is switched by its measure). */
export const layerToggles = ['enterprises', 'hexbins', 'sites'] as const
export type LayerToggle = (typeof layerToggles)[number]

/** The camera as the URL keeps it. */
export type MapCamera = { lon: number; lat: number; zoom: number }

/** How the map draws the data: chosen by the user, kept in the URL, applied by MapView. */
export type MapDisplay = {
  colourBy: ColourBy
  /** null: no choropleth, regions drawn as outlines only. */
  measure: ChoroplethMeasure | null
  /** The region level the choropleth fills (e.g. admin2); the others are outlines. */
  regionLevel: string | undefined
  layers: Readonly<Record<LayerToggle, boolean>>
}

export const defaultLayers: Readonly<Record<LayerToggle, boolean>> = {
  enterprises: true,
  hexbins: false,
  sites: false,
}
