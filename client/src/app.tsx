import { useEffect } from 'react'
import { BrowserRouter, Route, Routes } from 'react-router-dom'
import { AppHeader } from './components/app-header.js'
import { CatalogScreen } from './features/catalog-screen/catalog-screen.js'
import { DashboardRoute } from './features/dashboard-screen/dashboard-route.js'
import { EnterpriseList } from './features/enterprise-screen/enterprise-list.js'
import { EnterpriseScreen } from './features/enterprise-screen/enterprise-screen.js'
import { ImportWizard } from './features/import-wizard/import-wizard.js'
import { MapScreen } from './features/map-screen/map-screen.js'
import { FindBuyersScreen } from './features/matching-screen/find-buyers-screen.js'
import { OpportunitiesScreen } from './features/matching-screen/opportunities-screen.js'
import { RegionEditor } from './features/region-editor/region-editor.js'
import { Allowed } from './features/session/allowed.js'
import { SignInScreen } from './features/session/sign-in-screen.js'
import { loadSession, useSession } from './features/session/use-session.js'
import { UsersScreen } from './features/users-screen/users-screen.js'
import { t } from './i18n/index.js'

/**
 * The screens, each behind what its viewer may do. They are built for one viewer (`viewerKey`):
 * signing in as someone else rebuilds them. An ended session hides the page, unchanged, behind
 * the sign-in form, so signing in again returns to it as it was.
 */
export function App() {
  const { session, ended, viewerKey } = useSession()
  useEffect(() => void loadSession(), [])
  return (
    <BrowserRouter>
      <AppHeader />
      {session === undefined ? (
        <p className="page">{t('map.loading')}</p>
      ) : (
        <>
          <main key={viewerKey} hidden={ended}>
            <Routes>
              <Route path="/" element={<MapScreen />} />
              <Route path="/catalog" element={<CatalogScreen />} />
              <Route path="/sign-in" element={<SignInScreen />} />
              <Route path="/dashboard" element={<DashboardRoute screen="region" />} />
              <Route path="/dashboard/compare" element={<DashboardRoute screen="compare" />} />
              <Route path="/dashboard/area" element={<DashboardRoute screen="area" />} />
              <Route
                path="/enterprises"
                element={
                  <Allowed when={(can) => can.listEnterprises}>
                    <EnterpriseList />
                  </Allowed>
                }
              />
              <Route
                path="/enterprises/new"
                element={
                  <Allowed when={(can) => can.createEnterprise}>
                    <EnterpriseScreen />
                  </Allowed>
                }
              />
              <Route
                path="/enterprises/:id"
                element={
                  <Allowed when={(can) => can.readEnterprise}>
                    <EnterpriseScreen />
                  </Allowed>
                }
              />
              <Route
                path="/regions"
                element={
                  <Allowed when={(can) => can.editRegions}>
                    <RegionEditor />
                  </Allowed>
                }
              />
              <Route
                path="/import"
                element={
                  <Allowed when={(can) => can.importSurveys}>
                    <ImportWizard />
                  </Allowed>
                }
              />
              <Route
                path="/streams/:id/matches"
                element={
                  <Allowed when={(can) => can.findBuyers}>
                    <FindBuyersScreen />
                  </Allowed>
                }
              />
              <Route
                path="/regions/:id/opportunities"
                element={
                  <Allowed when={(can) => can.seeOpportunities}>
                    <OpportunitiesScreen />
                  </Allowed>
                }
              />
              <Route
                path="/users"
                element={
                  <Allowed when={(can) => can.manageUsers}>
                    <UsersScreen />
                  </Allowed>
                }
              />
            </Routes>
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
