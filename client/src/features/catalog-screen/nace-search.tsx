import { api } from '../../api/endpoints.js'
import { useApi } from '../../api/use-api.js'
import { useDebounced } from '../../components/use-debounced.js'
import { t } from '../../i18n/index.js'

export function NaceSearch({ query }: { query: string }) {
  const q = useDebounced(query, 200)
  const page = useApi(() => api.searchNace({ q, limit: 100 }), q)
  if (page.status === 'failed')
    return <p className="error">{t('error.generic', { message: page.message })}</p>
  if (page.status !== 'ready') return null
  return (
    <>
      <p data-testid="result-count">{t('catalog.results', { total: page.data.total })}</p>
      <table className="catalog-table">
        <tbody>
          {page.data.items.map((entry) => (
            <tr key={entry.code} className={`level-${entry.level}`}>
              <td className="code">{entry.code}</td>
              <td>{entry.title}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  )
}
