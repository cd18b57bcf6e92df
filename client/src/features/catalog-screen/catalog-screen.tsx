import { useSearchParams } from 'react-router-dom'
import { t } from '../../i18n/index.js'
import { EwcSearch } from './ewc-search.js'
import { NaceSearch } from './nace-search.js'

/** Browse the reference catalogues; the tab and the query live in the URL. */
export function CatalogScreen() {
  const [params, setParams] = useSearchParams()
  const tab = params.get('tab') === 'nace' ? 'nace' : 'ewc'
  const query = params.get('q') ?? ''
  const update = (next: Record<string, string>) =>
    setParams((current) => {
      const merged = new URLSearchParams(current)
      for (const [key, value] of Object.entries(next)) {
        if (value) merged.set(key, value)
        else merged.delete(key)
      }
      return merged
    })

  return (
    <div className="catalog-screen">
      <div role="tablist" className="tabs">
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'ewc'}
          onClick={() => update({ tab: '', q: '' })}
        >
          {t('catalog.ewc')}
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'nace'}
          onClick={() => update({ tab: 'nace', q: '' })}
        >
          {t('catalog.nace')}
        </button>
      </div>
      <label className="search">
        {t('catalog.search')}
        <input type="search" value={query} onChange={(event) => update({ q: event.target.value })} />
      </label>
      {tab === 'ewc' ? <EwcSearch query={query} /> : <NaceSearch query={query} />}
    </div>
  )
}
