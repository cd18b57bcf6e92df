import { lazy, Suspense } from 'react'
import { t } from '../../i18n/index.js'

// The dashboard's screens load on first visit: the charts (Observable Plot and d3) would otherwise
// add ~250 kB to the bundle every other screen loads.
const screens = {
  region: lazy(() => import('./dashboard-screen.js').then((m) => ({ default: m.DashboardScreen }))),
  compare: lazy(() => import('./compare-screen.js').then((m) => ({ default: m.CompareScreen }))),
  area: lazy(() => import('./area-screen.js').then((m) => ({ default: m.AreaScreen }))),
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
