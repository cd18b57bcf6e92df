import { NavLink } from 'react-router-dom'
import { api } from '../api/endpoints.js'
import { useApi } from '../api/use-api.js'
import { navEntries } from '../features/session/capabilities.js'
import { SessionIndicator } from '../features/session/session-indicator.js'
import { useSession } from '../features/session/use-session.js'
import { t } from '../i18n/index.js'

export function AppHeader() {
  const health = useApi(api.health)
  const { can, session } = useSession()
  return (
    <header className="app-header">
      <div className="brand">
        <strong>{t('app.title')}</strong> <span>{t('app.tagline')}</span>
      </div>
      {/* the screens this viewer can use; none until the session is known */}
      <nav>
        {session !== undefined &&
          navEntries(can).map((entry) => (
            <NavLink key={entry.to} to={entry.to} end={entry.end}>
              {t(entry.label)}
            </NavLink>
          ))}
        <a href="/api/docs">{t('nav.apiDocs')}</a>
      </nav>
      <div className="health" data-testid="health">
        {health.status === 'ready' &&
          `${t(`health.database.${health.data.database}`)} · PostGIS ${health.data.postgis}`}
        {health.status === 'failed' && t('health.unreachable')}
      </div>
      <SessionIndicator />
    </header>
  )
}
