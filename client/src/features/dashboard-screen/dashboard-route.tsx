import { Suspense } from 'react'
import { t } from '../../i18n/index.js'
import { lazyScreens } from '../../lazy-screen.js'

// The dashboard's screens load on first visit: the charts (Observable Plot and d3) would otherwise
// add ~250 kB to the bundle every other screen loads.
const { DashboardScreen, CompareScreen, AreaScreen } = lazyScreens({
  DashboardScreen: () => import('./dashboard-screen.js'),
  CompareScreen: () => import('./compare-screen.js'),
  AreaScreen: () => import('./area-screen.js'),
})
const screens = { region: DashboardScreen, compare: CompareScreen, area: AreaScreen }

/** One of the dashboard's screens, loaded on demand. */
export function DashboardRoute({ screen }: { screen: keyof typeof screens }) {
  const Screen = screens[screen]
  return (
    <Suspense fallback={<p className="muted">{t('dashboard.loading')}</p>}>
      <Screen />
    </Suspense>
  )
}
