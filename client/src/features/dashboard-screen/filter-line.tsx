import { formatEwcCode } from '@contract/codes.js'
import { sizeClasses } from '@contract/survey-filters.js'
import type { AggregateFilterParams } from '../../api/endpoints.js'
import { t } from '../../i18n/index.js'

/** The filters a dashboard link carries, in words, so a printout says what it counts. */
export function FilterLine({ filters }: { filters: AggregateFilterParams }) {
  const parts: string[] = []
  if (filters.ewc) parts.push(t('map.summary.ewc', { code: formatEwcCode(filters.ewc) }))
  if (filters.hazardous)
    parts.push(t(filters.hazardous === 'true' ? 'map.summary.hazardous' : 'map.summary.nonHazardous'))
  if (filters.nace) parts.push(t('map.summary.nace', { code: filters.nace }))
  const size = sizeClasses.find((sizeClass) => sizeClass === filters.sizeClass)
  if (size) parts.push(t('map.summary.size', { size: t(`size.${size}`) }))
  if (filters.route) parts.push(t('map.summary.route', { route: filters.route }))
  if (filters.byproduct)
    parts.push(t(filters.byproduct === 'true' ? 'map.summary.byproduct' : 'map.summary.notByproduct'))
  if (parts.length === 0) return null
  return <p className="dashboard-filters">{t('dashboard.filters', { list: parts.join(', ') })}</p>
}
