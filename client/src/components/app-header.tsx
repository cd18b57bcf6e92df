import { NavLink } from 'react-router-dom'
import { api } from '../api/endpoints.js'
import { useApi } from '../api/use-api.js'
import { t } from '../i18n/index.js'

export function AppHeader() {
  const health = useApi(api.health)
  return (
    <header className="app-header">
      <div className="brand">
        <strong>{t('app.title')}</strong> <span>{t('app.tagline')}</span>
      </div>
      <nav>
        <NavLink to="/" end>
          {t('nav.map')}
        </NavLink>
        <NavLink to="/dashboard">{t('nav.dashboard')}</NavLink>
        <NavLink to="/enterprises">{t('nav.enterprises')}</NavLink>
        <NavLink to="/regions">{t('nav.regions')}</NavLink>
        <NavLink to="/import">{t('nav.import')}</NavLink>
        <NavLink to="/catalog">{t('nav.catalog')}</NavLink>
        <a href="/api/docs">{t('nav.apiDocs')}</a>
      </nav>
      <div className="health" data-testid="health">
        {health.status === 'ready' &&
          `${t(`health.database.${health.data.database}`)} · PostGIS ${health.data.postgis}`}
        {health.status === 'failed' && t('health.unreachable')}
      </div>
    </header>
  )
}
