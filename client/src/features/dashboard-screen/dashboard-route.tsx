import { Suspense } from 'react'
import { t } from '../../i18n/index.js'
import { lazyScreen } from '../../lazy-screen.js'

// The dashboard's screens load on first visit: the charts (Observable Plot and d3) would otherwise
// add ~250 kB to the bundle every other screen loads.
const screens = {
  region: lazyScreen(() => import('./dashboard-screen.js'), 'DashboardScreen'),
  compare: lazyScreen(() => import('./compare-screen.js'), 'CompareScreen'),
  area: lazyScreen(() => import('./area-screen.js'), 'AreaScreen'),
}

/** One of the dashboard's screens, loaded on demand. */
export function DashboardRoute({ screen }: { screen: keyof typeof screens }) {
  const Screen = screens[screen]
  return (
    <Suspense fallback={<p className="muted">{t('dashboard.loading')}</p>}>
      <Screen />
    </Suspense>
  )
}
