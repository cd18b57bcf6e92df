import { Link, useSearchParams } from 'react-router-dom'
import { api } from '../../api/endpoints.js'
import { useApi } from '../../api/use-api.js'
import { DemoBanner } from '../../components/demo-banner.js'
import { LoadStatus } from '../../components/load-status.js'
import { numberColumn, TableHead } from '../../components/table-head.js'
import { useDebounced } from '../../components/use-debounced.js'
import { formatNumber, t } from '../../i18n/index.js'
import { useSession } from '../session/use-session.js'

/** The enterprise register: a table with free-text search and a region filter, both in the URL. */
export function EnterpriseList() {
  const [params, setParams] = useSearchParams()
  const q = params.get('q') ?? ''
  const regionParam = Number(params.get('region'))
  const regionId = Number.isInteger(regionParam) && regionParam > 0 ? regionParam : undefined
  const settledQ = useDebounced(q.trim(), 250)
  const { can } = useSession()

  const regions = useApi(api.regions)
  const enterprises = useApi(
    () => api.enterprises({ q: settledQ || undefined, regionId, sort: 'name', limit: 500 }),
    `${settledQ}|${regionId ?? ''}`,
  )
  const update = (name: string, value: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current)
        if (value) next.set(name, value)
        else next.delete(name)
        return next
      },
      { replace: true },
    )

  const rows = enterprises.status === 'ready' ? enterprises.data.features : []
  return (
    <div className="page enterprise-list">
      <div className="page-title">
        <h2>{t('enterprises.title')}</h2>
        {can.createEnterprise && (
          <Link className="button primary" to="/enterprises/new">
            {t('enterprises.new')}
          </Link>
        )}
      </div>
      {rows.some((row) => row.properties.isDemo) && <DemoBanner />}
      <div className="filters">
        <label className="search">
          {t('enterprises.search')}
          <input type="search" value={q} onChange={(e) => update('q', e.target.value)} />
        </label>
        <label className="search">
          {t('enterprises.region')}
          <select value={regionId ?? ''} onChange={(e) => update('region', e.target.value)}>
            <option value="">{t('enterprises.allRegions')}</option>
            {regions.status === 'ready' &&
              regions.data.features.map((region) => (
                <option key={region.properties.id} value={region.properties.id}>
                  {region.properties.name}
                </option>
              ))}
          </select>
        </label>
      </div>
      <LoadStatus state={enterprises} />
      {enterprises.status === 'ready' && (
        <>
          <p data-testid="enterprise-list-count" aria-live="polite">
            {t('map.enterprises', { count: enterprises.data.total ?? rows.length })}
          </p>
          <table className="data-table">
            <TableHead
              columns={[
                t('enterpriseForm.name'),
                t('enterprises.nace'),
                t('enterprises.region'),
                numberColumn(t('enterprises.streams')),
                numberColumn(t('enterprises.tonnes')),
              ]}
            />
            <tbody>
              {rows.map(({ properties: row }) => (
                <tr key={row.id}>
                  <td>
                    <Link to={`/enterprises/${row.id}`}>{row.name}</Link>
                  </td>
                  <td className="code">{row.naceCode}</td>
                  <td>{row.regionName ?? <span className="muted">{t('enterprise.outside')}</span>}</td>
                  <td className="number">{row.wasteStreamCount}</td>
                  <td className="number">{formatNumber(row.totalTonnesPerYear)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  )
}
