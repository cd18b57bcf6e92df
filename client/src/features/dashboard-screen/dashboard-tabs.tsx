import { NavLink } from 'react-router-dom'
import { t } from '../../i18n/index.js'
import { type DashboardQuery, writeDashboardQuery } from './dashboard-query.js'

/** Region, comparison and drawn area: the three ways into the totals, keeping years and filters. */
export function DashboardTabs({ query }: { query: DashboardQuery }) {
  const search = (regionIds: number[]) => {
    const params = writeDashboardQuery({ ...query, regionIds }).toString()
    return params ? `?${params}` : ''
  }
  return (
    <nav className="dashboard-tabs" aria-label={t('dashboard.tabs')}>
      <NavLink to={`/dashboard${search(query.regionIds.slice(0, 1))}`} end>
        {t('dashboard.tab.region')}
      </NavLink>
      <NavLink to={`/dashboard/compare${search(query.regionIds)}`}>{t('dashboard.tab.compare')}</NavLink>
      <NavLink to={`/dashboard/area${search([])}`}>{t('dashboard.tab.area')}</NavLink>
    </nav>
  )
}
