import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { BrowserRouter, Route, Routes } from 'react-router-dom'
import { AppHeader } from './components/app-header.js'
import { CatalogScreen } from './features/catalog-screen/catalog-screen.js'
import { MapScreen } from './features/map-screen/map-screen.js'
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
        </Routes>
      </main>
    </BrowserRouter>
  </StrictMode>,
)
