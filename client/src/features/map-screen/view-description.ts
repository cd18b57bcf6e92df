import { formatEwcCode } from '@contract/codes.js'
import type { TileQuery } from '@contract/tiles.js'
import { t } from '../../i18n/index.js'
import type { CatalogTitles } from './catalog-titles.js'
import { shownSurveyYear } from './survey-year.js'

type ViewInput = {
  filters: TileQuery
  /** Name of the region the filters limit the map to, or of the regions the map shows. */
  place: string | undefined
  titles: CatalogTitles
}

/** The title and the filter line of an exported picture, so a printed map says what it shows. */
export function describeView({ filters, place, titles }: ViewInput): { title: string; subtitle: string } {
  const parts: string[] = []
  if (filters.ewc !== undefined) {
    const title = filters.ewc.length === 2 ? titles.ewcChapters.get(filters.ewc) : undefined
    parts.push(`${t('map.summary.ewc', { code: formatEwcCode(filters.ewc) })}${title ? ` ${title}` : ''}`)
  }
  if (filters.hazardous !== undefined) {
    parts.push(filters.hazardous ? t('map.summary.hazardous') : t('map.summary.nonHazardous'))
  }
  if (filters.nace !== undefined) {
    const title =
      titles.naceSections.get(filters.nace) ??
      titles.naceDivisions.find((d) => d.code === filters.nace)?.title
    parts.push(`${t('map.summary.nace', { code: filters.nace })}${title ? ` ${title}` : ''}`)
  }
  if (filters.sizeClass !== undefined) {
    parts.push(t('map.summary.size', { size: t(`size.${filters.sizeClass}`) }))
  }
  // issue 12: the picture names its one survey year, the latest with data when none was chosen
  const year = shownSurveyYear(filters)
  if (filters.surveyYear === undefined && filters.notReportedFor !== undefined)
    parts.push(t('map.summary.notReportedFor', { year: filters.notReportedFor }))
  else if (year != null) parts.push(t('map.summary.year', { year }))
  if (filters.surveyYear !== undefined && filters.notReportedFor !== undefined)
    parts.push(t('map.summary.notReportedFor', { year: filters.notReportedFor }))
  if (filters.route !== undefined) parts.push(t('map.summary.route', { route: filters.route }))
  if (filters.byproduct !== undefined) {
    parts.push(filters.byproduct ? t('map.summary.byproduct') : t('map.summary.notByproduct'))
  }
  if (filters.q !== undefined) parts.push(t('map.summary.text', { text: filters.q }))
  return {
    title: t('map.export.title', { place: place ?? t('map.export.wholeMap') }),
    subtitle:
      parts.length === 0 ? t('map.export.noFilters') : t('map.export.filters', { list: parts.join(', ') }),
  }
}

/** `loopmap-waste-map-2025-03-01.png`, dated in local time. */
export function exportFileName(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `loopmap-waste-map-${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}.png`
}
