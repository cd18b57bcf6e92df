import { type ComponentType, Suspense, useEffect } from 'react'
import { BrowserRouter, Route, Routes } from 'react-router-dom'
import { AppHeader } from './components/app-header.js'
import { Allowed } from './features/session/allowed.js'
import type { Capabilities } from './features/session/capabilities.js'
// not loaded on demand: Allowed shows it in place of any screen its viewer may not see
import { SignInScreen } from './features/session/sign-in-screen.js'
import { loadSession, useSession } from './features/session/use-session.js'
import { t } from './i18n/index.js'
import { lazyScreens } from './lazy-screen.js'

const {
  CatalogScreen,
  DashboardRoute,
  EnterpriseList,
  EnterpriseScreen,
  ImportWizard,
  MapScreen,
  FindBuyersScreen,
  OpportunitiesScreen,
  RegionEditor,
  UsersScreen,
} = lazyScreens({
  CatalogScreen: () => import('./features/catalog-screen/catalog-screen.js'),
  DashboardRoute: () => import('./features/dashboard-screen/dashboard-route.js'),
  EnterpriseList: () => import('./features/enterprise-screen/enterprise-list.js'),
  EnterpriseScreen: () => import('./features/enterprise-screen/enterprise-screen.js'),
  ImportWizard: () => import('./features/import-wizard/import-wizard.js'),
  MapScreen: () => import('./features/map-screen/map-screen.js'),
  FindBuyersScreen: () => import('./features/matching-screen/find-buyers-screen.js'),
  OpportunitiesScreen: () => import('./features/matching-screen/opportunities-screen.js'),
  RegionEditor: () => import('./features/region-editor/region-editor.js'),
  UsersScreen: () => import('./features/users-screen/users-screen.js'),
})

/** The screens for some viewers only, each with what its viewer must be able to do. */
const guardedRoutes: { path: string; when: (can: Capabilities) => boolean; Screen: ComponentType }[] = [
  { path: '/enterprises', when: (can) => can.listEnterprises, Screen: EnterpriseList },
  { path: '/enterprises/new', when: (can) => can.createEnterprise, Screen: EnterpriseScreen },
  { path: '/enterprises/:id', when: (can) => can.readEnterprise, Screen: EnterpriseScreen },
  { path: '/regions', when: (can) => can.editRegions, Screen: RegionEditor },
  { path: '/import', when: (can) => can.importSurveys, Screen: ImportWizard },
  { path: '/streams/:id/matches', when: (can) => can.findBuyers, Screen: FindBuyersScreen },
  { path: '/regions/:id/opportunities', when: (can) => can.seeOpportunities, Screen: OpportunitiesScreen },
  { path: '/users', when: (can) => can.manageUsers, Screen: UsersScreen },
]

/**
 * The screens, each behind what its viewer may do. They are built for one viewer (`viewerKey`):
 * signing in as someone else rebuilds them. An ended session hides the page, unchanged, behind
 * the sign-in form, so signing in again returns to it as it was. Each screen loads on its first
 * visit, with a loading line meanwhile.
 */
export function App() {
  const { session, ended, viewerKey } = useSession()
  useEffect(() => void loadSession(), [])
  return (
    <BrowserRouter>
      <AppHeader />
      {session === undefined ? (
        <ScreenLoading />
      ) : (
        <>
          <main key={viewerKey} hidden={ended}>
            <Suspense fallback={<ScreenLoading />}>
              <Routes>
                <Route path="/" element={<MapScreen />} />
                <Route path="/catalog" element={<CatalogScreen />} />
                <Route path="/sign-in" element={<SignInScreen />} />
                <Route path="/dashboard" element={<DashboardRoute screen="region" />} />
                <Route path="/dashboard/compare" element={<DashboardRoute screen="compare" />} />
                <Route path="/dashboard/area" element={<DashboardRoute screen="area" />} />
                {guardedRoutes.map(({ path, when, Screen }) => (
                  <Route
                    key={path}
                    path={path}
                    element={
                      <Allowed when={when}>
                        <Screen />
                      </Allowed>
                    }
                  />
                ))}
              </Routes>
            </Suspense>
          </main>
          {ended && (
            <div className="session-ended">
              <SignInScreen reason="ended" />
            </div>
          )}
        </>
      )}
    </BrowserRouter>
  )
}

/** What shows while the session or a screen's code is loading. */
function ScreenLoading() {
  return (
    <p className="page" role="status">
      {t('map.loading')}
    </p>
  )
}
