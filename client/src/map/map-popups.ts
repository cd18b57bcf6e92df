import { enterpriseTileProperties, treatmentSiteTileProperties } from '@contract/tiles.js'
import { formatNumber, t } from '../i18n/index.js'

/**
 * Popup contents, built as DOM nodes with text (never HTML strings), so a name typed into a
 * survey can never inject markup. Undefined when the feature's properties are not what the
 * contract says.
 */
export function enterprisePopup(properties: unknown): HTMLElement | undefined {
  const parsed = enterpriseTileProperties.safeParse(properties)
  if (!parsed.success) return undefined
  const e = parsed.data
  return box(e.name, [
    t('map.popup.total', { value: formatNumber(e.totalTonnesPerYear) }),
    e.hazardousTonnesPerYear > 0
      ? t('map.popup.hazardous', { value: formatNumber(e.hazardousTonnesPerYear) })
      : t('map.popup.noHazardous'),
    t('map.popup.nace', { code: e.naceCode }),
  ])
}

export function treatmentSitePopup(properties: unknown): HTMLElement | undefined {
  const parsed = treatmentSiteTileProperties.safeParse(properties)
  if (!parsed.success) return undefined
  const site = parsed.data
  // the public's sites carry no name (server/src/features/tiles, treatmentSites)
  // and no capacity either: they get the permits of a grid cell, by operation family (issue 13)
  const published = site.id !== undefined
  return box(site.name ?? t('map.popup.site'), [
    t('map.popup.operations', { operations: site.operations }),
    ...(!published
      ? []
      : site.capacityTonnesPerYear === undefined
        ? [t('map.popup.capacityUnknown')]
        : [t('map.popup.capacity', { value: formatNumber(site.capacityTonnesPerYear) })]),
    site.hazardousAllowed ? t('map.popup.hazardousAllowed') : t('map.popup.hazardousNotAllowed'),
    t('map.popup.permits', { count: site.permitCount }),
  ])
}

function box(title: string, lines: string[]): HTMLElement {
  const root = document.createElement('div')
  root.className = 'map-popup'
  const heading = document.createElement('strong')
  heading.textContent = title
  root.append(heading)
  for (const line of lines) {
    const p = document.createElement('div')
    p.textContent = line
    root.append(p)
  }
  return root
}
