import { type RegionTileProperties, routeFamilies, type TileQuery } from '@contract/tiles.js'
import { formatNumber, t } from '../../i18n/index.js'
import type { ChoroplethMeasure, ColourBy, MapDisplay } from '../../map/map-display.js'
import type { RenderedSummary } from '../../map/rendered-summary.js'
import { categoryColours, TONNE_RADIUS_STOPS } from '../../map/styles/enterprises.js'
import {
  CLUSTER_COLOUR,
  HEXBIN_RAMP,
  NO_CATEGORY_COLOUR,
  NO_DATA_COLOUR,
  SITE_COLOURS,
} from '../../map/styles/palettes.js'
import { classColours } from '../../map/styles/region-tiles.js'
import type { CatalogTitles } from './catalog-titles.js'

export type LegendSwatch =
  | { shape: 'circle'; colour: string; radius: number }
  | { shape: 'square'; colour: string; rim: string }
  | { shape: 'fill'; colour: string }
  | { shape: 'ramp'; colours: readonly string[] }
export type LegendItem = { swatch: LegendSwatch; label: string }
/** `row`: items side by side on screen (the circle sizes), so the legend stays short. */
export type LegendSection = { title: string; items: LegendItem[]; layout?: 'row' }

type LegendInput = {
  display: MapDisplay
  summary: RenderedSummary | undefined
  /** Regions of the level the choropleth fills. */
  regions: readonly RegionTileProperties[]
  breaks: readonly number[]
  titles: CatalogTitles
  /** False for viewers who get clusters only (the public): no circle colours or sizes to explain. */
  singleSites?: boolean
}

/**
 * What every colour, size and symbol on the map means, for the on-screen legend and the
 * exported picture alike. Only categories on screen are listed; classes state their bounds.
 */
export function buildLegend(input: LegendInput): LegendSection[] {
  const { display, summary, regions, breaks, titles, singleSites = true } = input
  const sections: LegendSection[] = []
  if (display.layers.enterprises)
    sections.push(...enterpriseSections(display.colourBy, summary, titles, singleSites))
  if (display.measure) sections.push(choroplethSection(display.measure, regions, breaks))
  if (display.layers.hexbins) {
    const max = Math.max(1, summary?.hexbinMaxCount ?? 1)
    sections.push({
      title: t('map.legend.hexbins'),
      items: [
        {
          swatch: { shape: 'ramp', colours: HEXBIN_RAMP },
          label: t('map.legend.between', { from: 1, to: formatNumber(max) }),
        },
      ],
    })
  }
  if (display.layers.sites) {
    sections.push({
      title: t('map.legend.sites'),
      items: [
        {
          swatch: { shape: 'square', colour: SITE_COLOURS.recovery, rim: '#1f2a2e' },
          label: t('map.legend.siteRecovery'),
        },
        {
          swatch: { shape: 'square', colour: SITE_COLOURS.disposal, rim: '#1f2a2e' },
          label: t('map.legend.siteDisposal'),
        },
        {
          swatch: { shape: 'square', colour: '#ffffff', rim: SITE_COLOURS.hazardousStroke },
          label: t('map.legend.siteHazardous'),
        },
      ],
    })
  }
  return sections
}

function enterpriseSections(
  colourBy: ColourBy,
  summary: RenderedSummary | undefined,
  titles: CatalogTitles,
  singleSites: boolean,
) {
  const sections: LegendSection[] = []
  if (summary?.clustered || !singleSites) {
    sections.push({
      title: t('map.legend.clusters'),
      items: [
        {
          swatch: { shape: 'circle', colour: CLUSTER_COLOUR, radius: 9 },
          label: t('map.legend.clusterItem'),
        },
      ],
    })
  }
  const present = summary?.categories[colourBy] ?? []
  if (singleSites && (present.length > 0 || !summary?.clustered)) {
    const sorted = [...present].sort((a, b) => rank(colourBy, a) - rank(colourBy, b) || a.localeCompare(b))
    sections.push({
      title: t('map.legend.enterprises', { dimension: t(`map.colourBy.${colourBy}`) }),
      items:
        sorted.length === 0
          ? [
              {
                swatch: { shape: 'circle', colour: NO_CATEGORY_COLOUR, radius: 6 },
                label: t('map.legend.noneInView'),
              },
            ]
          : sorted.map((category) => ({
              swatch: {
                shape: 'circle',
                colour: categoryColours[colourBy][category] ?? NO_CATEGORY_COLOUR,
                radius: 6,
              },
              label: categoryLabel(colourBy, category, titles),
            })),
    })
    sections.push({
      title: t('map.legend.size'),
      layout: 'row',
      items: TONNE_RADIUS_STOPS.filter(([tonnes]) => tonnes > 0).map(([tonnes, radius]) => ({
        swatch: { shape: 'circle', colour: '#c9ccce', radius },
        label: t('map.legend.sizeItem', { value: formatNumber(tonnes) }),
      })),
    })
  }
  return sections
}

/** Codes in code order; hazardous first; routes recovery → disposal → unknown; "no matching stream" last. */
const fixedOrder: Partial<Record<ColourBy, string[]>> = {
  hazardous: ['true', 'false'],
  route: ['recovery', 'disposal', 'unknown'],
}
function rank(colourBy: ColourBy, category: string): number {
  if (category === '') return 100
  return fixedOrder[colourBy]?.indexOf(category) ?? 0
}

function categoryLabel(colourBy: ColourBy, category: string, titles: CatalogTitles): string {
  if (category === '') return t('map.legend.noCategory')
  if (colourBy === 'hazardous')
    return category === 'true' ? t('map.legend.hazardous') : t('map.legend.nonHazardous')
  if (colourBy === 'route') {
    const route = routeFamilies.find((family) => family === category)
    return route ? t(`map.route.${route}`) : category
  }
  const title = (colourBy === 'ewc' ? titles.ewcChapters : titles.naceSections).get(category)
  return title ? `${category} ${title}` : category
}

/** A class per break interval, bounds written the way the unit reads (a rate as a percentage). */
function choroplethSection(
  measure: ChoroplethMeasure,
  regions: readonly RegionTileProperties[],
  breaks: readonly number[],
): LegendSection {
  const format = (value: number) => {
    const shown = measure === 'recoveryRate' ? value * 100 : value
    return formatNumber(shown >= 100 ? Math.round(shown) : shown)
  }
  const values = regions.map((region) => region[measure]).filter((value) => value !== undefined)
  const colours = classColours(measure, breaks.length + 1)
  const items: LegendItem[] = colours.map((colour, i) => {
    const from = breaks[i - 1]
    const to = breaks[i]
    let label: string
    if (breaks.length === 0) {
      const min = Math.min(...values)
      const max = Math.max(...values)
      label =
        values.length === 0
          ? ''
          : min === max
            ? format(min)
            : t('map.legend.between', { from: format(min), to: format(max) })
    } else if (from === undefined) label = t('map.legend.below', { value: format(to ?? 0) })
    else if (to === undefined) label = t('map.legend.orMore', { value: format(from) })
    else label = t('map.legend.between', { from: format(from), to: format(to) })
    return { swatch: { shape: 'fill', colour }, label }
  })
  const shown = values.length === 0 ? [] : items
  if (values.length < regions.length || values.length === 0) {
    shown.push({ swatch: { shape: 'fill', colour: NO_DATA_COLOUR }, label: t('map.legend.noData') })
  }
  return {
    title: t('map.legend.regions', { measure: t(`map.measure.${measure}`), unit: t(`map.unit.${measure}`) }),
    items: shown,
  }
}

/**
 * The line that names the map's survey year (issue 12): "Survey year 2024", or "Not reported for
 * 2024" when the map shows the enterprises that have not; `year` null: no data for the filters.
 */
export function surveyYearLine(filters: TileQuery, year: number | null): string {
  if (year === null) return t('map.legend.noSurveyYear')
  if (filters.notReportedFor !== undefined && filters.surveyYear === undefined)
    return t('map.legend.notReportedFor', { year })
  return t('map.legend.surveyYear', { year })
}
