import { useState } from 'react'
import { api } from '../../api/endpoints.js'
import { useApi } from '../../api/use-api.js'
import { Checkbox } from '../../components/fields.js'
import { useDebounced } from '../../components/use-debounced.js'
import { t } from '../../i18n/index.js'

export function EwcSearch({ query }: { query: string }) {
  const [hazardousOnly, setHazardousOnly] = useState(false)
  const q = useDebounced(query, 200)
  const page = useApi(
    () => api.searchEwc({ q, hazardous: hazardousOnly ? 'true' : undefined, limit: 100 }),
    JSON.stringify([q, hazardousOnly]),
  )
  return (
    <>
      <Checkbox label={t('catalog.hazardousOnly')} checked={hazardousOnly} onChange={setHazardousOnly} />
      {page.status === 'failed' && <p className="error">{t('error.generic', { message: page.message })}</p>}
      {page.status === 'ready' && (
        <>
          <p data-testid="result-count">{t('catalog.results', { total: page.data.total })}</p>
          <table className="catalog-table">
            <tbody>
              {page.data.items.map((entry) => (
                <tr key={entry.code} className={`level-${entry.level}`}>
                  <td className="code">{entry.display}</td>
                  <td>
                    {entry.description}
                    {entry.hazardous && <span className="badge hazardous">{t('catalog.hazardous')}</span>}
                    {entry.mirrorOf && (
                      <span className="badge">{t('catalog.mirror', { code: entry.mirrorOf })}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  )
}
