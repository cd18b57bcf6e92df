import type { WasteStream } from '@contract/waste-streams.js'

type StreamFigures = Pick<WasteStream, 'surveyYear' | 'quantityTonnesPerYear' | 'hazardous'>

export type DrawerYear<S extends StreamFigures> = {
  /** The year shown: the map's survey year, else the enterprise's latest; null when it has none. */
  year: number | null
  /** Every survey year the enterprise reported, newest first. */
  years: number[]
  /** False when the enterprise has no stream of `year`: "not reported for 2024", not zero. */
  reported: boolean
  /** The streams of that year, largest first. */
  streams: S[]
  totalTonnes: number
  hazardousTonnes: number
}

/**
 * One survey year of an enterprise's streams. Its figures are never several years added
 * together: 41,000 t of kiln dust for 2023 and 38,000 t for 2024 are two figures, not 79,000 t.
 */
export function drawerYear<S extends StreamFigures>(streams: readonly S[], chosen?: number): DrawerYear<S> {
  const years = [...new Set(streams.map((s) => s.surveyYear))].sort((a, b) => b - a)
  const year = chosen ?? years[0] ?? null
  const ofYear = streams
    .filter((s) => s.surveyYear === year)
    .sort((a, b) => b.quantityTonnesPerYear - a.quantityTonnesPerYear)
  const sum = (list: S[]) => list.reduce((total, s) => total + s.quantityTonnesPerYear, 0)
  return {
    year,
    years,
    reported: ofYear.length > 0,
    streams: ofYear,
    totalTonnes: sum(ofYear),
    hazardousTonnes: sum(ofYear.filter((s) => s.hazardous)),
  }
}
