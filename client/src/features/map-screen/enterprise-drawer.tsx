import { formatEwcCode } from '@contract/codes.js'
import type { Enterprise } from '@contract/enterprises.js'
import { Link } from 'react-router-dom'
import type { ApiState } from '../../api/use-api.js'
import { formatNumber, t } from '../../i18n/index.js'

type EnterpriseDrawerProps = { enterprise: ApiState<Enterprise | undefined>; onClose: () => void }

/** The side drawer of a clicked enterprise: its figures and every waste stream, largest first. */
export function EnterpriseDrawer({ enterprise, onClose }: EnterpriseDrawerProps) {
  return (
    <aside className="map-drawer" data-testid="enterprise-drawer" aria-label={t('map.drawer.label')}>
      <button type="button" className="close" onClick={onClose} aria-label={t('enterprise.close')}>
        ×
      </button>
      {enterprise.status === 'loading' && <p className="muted">{t('map.loading')}</p>}
      {enterprise.status === 'failed' && (
        <p className="error">{t('error.generic', { message: enterprise.message })}</p>
      )}
      {enterprise.status === 'ready' && enterprise.data && <EnterpriseDetails enterprise={enterprise.data} />}
    </aside>
  )
}

function EnterpriseDetails({ enterprise: e }: { enterprise: Enterprise }) {
  const streams = [...e.wasteStreams].sort((a, b) => b.quantityTonnesPerYear - a.quantityTonnesPerYear)
  const total = streams.reduce((sum, s) => sum + s.quantityTonnesPerYear, 0)
  const hazardous = streams.filter((s) => s.hazardous).reduce((sum, s) => sum + s.quantityTonnesPerYear, 0)
  return (
    <>
      {/* "enterprise-card": the summary the enterprise screen's "show on the map" link lands on */}
      <header className="drawer-summary" data-testid="enterprise-card">
        <h2>{e.name}</h2>
        <p className="muted">
          {t('enterprise.nace', { code: e.naceCode })} {e.naceTitle} ·{' '}
          {e.regionName ?? t('enterprise.outside')}
          {e.sizeClass && ` · ${t('map.drawer.size', { size: t(`size.${e.sizeClass}`) })}`}
        </p>
        <ul className="drawer-figures">
          <li>
            <strong>{t('enterprise.total', { value: formatNumber(total) })}</strong>
          </li>
          <li>{t('enterprise.hazardous', { value: formatNumber(hazardous) })}</li>
          <li>{t('enterprise.streams', { count: streams.length })}</li>
        </ul>
      </header>
      <h3>{t('map.drawer.streams')}</h3>
      {streams.length === 0 ? (
        <p className="muted">{t('map.drawer.noStreams')}</p>
      ) : (
        <table className="data-table drawer-streams">
          <thead>
            <tr>
              <th>{t('map.drawer.ewc')}</th>
              <th>{t('map.drawer.waste')}</th>
              <th className="number">{t('map.drawer.tonnes')}</th>
              <th>{t('map.drawer.route')}</th>
            </tr>
          </thead>
          <tbody>
            {streams.map((stream) => (
              <tr key={stream.id}>
                <td className="code">
                  {formatEwcCode(stream.ewcCode)}
                  {stream.hazardous && '*'}
                </td>
                <td>
                  {stream.ewcDescription}
                  {stream.description && <div className="muted">{stream.description}</div>}
                  <div className="stream-tags">
                    {stream.hazardous && <span className="badge hazardous">{t('map.drawer.hazardous')}</span>}
                    {stream.offeredAsByproduct && (
                      <span className="badge byproduct">{t('map.drawer.byproduct')}</span>
                    )}
                    <span className="muted">
                      {t('map.drawer.year')} {stream.surveyYear}
                    </span>
                  </div>
                </td>
                <td className="number">{formatNumber(stream.quantityTonnesPerYear)}</td>
                <td>{stream.routeCode ?? t('stream.routeUnknown')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {e.permits.length > 0 && (
        <>
          <h3>{t('map.drawer.permits')}</h3>
          <ul className="drawer-permits">
            {e.permits.map((permit) => (
              <li key={permit.id}>
                {t('map.drawer.permit', {
                  operation: permit.operation,
                  capacity:
                    permit.capacityTonnesPerYear == null
                      ? t('map.popup.capacityUnknown')
                      : t('map.popup.capacity', { value: formatNumber(permit.capacityTonnesPerYear) }),
                })}
              </li>
            ))}
          </ul>
        </>
      )}
      <p>
        <Link to={`/enterprises/${e.id}`}>{t('map.drawer.openRecord')}</Link>
      </p>
    </>
  )
}
