import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
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
import { language } from './i18n/index.js'
import './styles.css'

document.documentElement.lang = language

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')

createRoot(root).render(
  <StrictMode>
    <BrowserRouter>
      <AppHeader />
      <main>
        <Routes>
          <Route path="/" element={<MapScreen />} />
          <Route path="/catalog" element={<CatalogScreen />} />
          <Route path="/enterprises" element={<EnterpriseList />} />
          <Route path="/enterprises/:id" element={<EnterpriseScreen />} />
          <Route path="/regions" element={<RegionEditor />} />
          <Route path="/import" element={<ImportWizard />} />
          <Route path="/streams/:id/matches" element={<FindBuyersScreen />} />
          <Route path="/regions/:id/opportunities" element={<OpportunitiesScreen />} />
          <Route path="/dashboard" element={<DashboardRoute screen="region" />} />
          <Route path="/dashboard/compare" element={<DashboardRoute screen="compare" />} />
          <Route path="/dashboard/area" element={<DashboardRoute screen="area" />} />
        </Routes>
      </main>
    </BrowserRouter>
  </StrictMode>,
)
