import type { RouteFamily } from '@contract/tiles.js'

/**
 * Colours of the waste map, in one place so the layers, the legend and the exported picture
 * always agree. Categorical colours are hand-picked to stay apart on the pale basemap; the
 * sequential ramps are ColorBrewer's (colorbrewer2.org, Apache-2.0), 5 classes each.
 */

/** EWC (List of Waste) chapters 01–20. */
export const EWC_CHAPTER_COLOURS: Readonly<Record<string, string>> = {
  '01': '#8c564b',
  '02': '#7cc46b',
  '03': '#a9a019',
  '04': '#e377c2',
  '05': '#393b79',
  '06': '#17becf',
  '07': '#9467bd',
  '08': '#ff9896',
  '09': '#b7a3d0',
  '10': '#d62728',
  '11': '#ff7f0e',
  '12': '#1f77b4',
  '13': '#6b2f2a',
  '14': '#f0a6c8',
  '15': '#7fb2e0',
  '16': '#c49c94',
  '17': '#e8a33d',
  '18': '#2ca02c',
  '19': '#637939',
  '20': '#b5b54a',
}

/** NACE Rev.2 sections A–U. */
export const NACE_SECTION_COLOURS: Readonly<Record<string, string>> = {
  A: '#6aa84f',
  B: '#8c564b',
  C: '#1f77b4',
  D: '#d62728',
  E: '#2ca02c',
  F: '#ff7f0e',
  G: '#9467bd',
  H: '#17becf',
  I: '#e377c2',
  J: '#393b79',
  K: '#a9a019',
  L: '#c49c94',
  M: '#7fb2e0',
  N: '#b7a3d0',
  O: '#6b2f2a',
  P: '#f0a6c8',
  Q: '#ff9896',
  R: '#637939',
  S: '#e8a33d',
  T: '#5f9ea0',
  U: '#7f7f7f',
}

export const HAZARD_COLOURS = { hazardous: '#c0392b', nonHazardous: '#2f6f9f' } as const

export const ROUTE_COLOURS: Readonly<Record<RouteFamily, string>> = {
  recovery: '#2e9e5b',
  disposal: '#d9822b',
  unknown: '#8d979d',
}

/** An enterprise whose category has no colour (no streams match, or a code outside the lists). */
export const NO_CATEGORY_COLOUR = '#a7a9ac'

export const CLUSTER_COLOUR = '#2f7d6d'

export const SITE_COLOURS = { recovery: '#1b7f3b', disposal: '#7b3f98', hazardousStroke: '#c0392b' } as const

/** The choropleth measures' ramps, light to dark. */
export const CHOROPLETH_RAMPS = {
  totalTonnesPerYear: ['#ffffd4', '#fed98e', '#fe9929', '#d95f0e', '#993404'],
  hazardousTonnesPerYear: ['#fee5d9', '#fcae91', '#fb6a4a', '#de2d26', '#a50f15'],
  recoveryRate: ['#edf8e9', '#bae4b3', '#74c476', '#31a354', '#006d2c'],
  // purples, not blues: a blue region would read as sea
  enterpriseCount: ['#f2f0f7', '#cbc9e2', '#9e9ac8', '#756bb1', '#54278f'],
} as const satisfies Record<string, readonly string[]>

export const NO_DATA_COLOUR = '#dedad2'

/** Hex-bin density, fewest to most enterprises per hexagon (ColorBrewer OrRd, from its middle so one enterprise still shows). */
export const HEXBIN_RAMP = ['#fdbb84', '#ef6548', '#990000'] as const

export const REGION_LINE_COLOUR = '#2f5f57'
export const SELECTION_COLOUR = '#111d21'
