import { formatEwcCode } from '@contract/codes.js'
import type { Enterprise } from '@contract/enterprises.js'
import { useState } from 'react'
import { Link } from 'react-router-dom'
import type { ApiState } from '../../api/use-api.js'
import { formatNumber, t } from '../../i18n/index.js'
import { drawerYear } from './drawer-year.js'

type EnterpriseDrawerProps = {
  enterprise: ApiState<Enterprise | undefined>
  /** The map's survey year; without one the drawer opens on the enterprise's latest. */
  surveyYear: number | undefined
  onClose: () => void
}

/** The side drawer of a clicked enterprise: one survey year's figures and streams, largest first. */
export function EnterpriseDrawer({ enterprise, surveyYear, onClose }: EnterpriseDrawerProps) {
  return (
    <aside className="map-drawer" data-testid="enterprise-drawer" aria-label={t('map.drawer.label')}>
      <button type="button" className="close" onClick={onClose} aria-label={t('enterprise.close')}>
        ×
      </button>
      {enterprise.status === 'loading' && <p className="muted">{t('map.loading')}</p>}
      {enterprise.status === 'failed' && (
        <p className="error">{t('error.generic', { message: enterprise.message })}</p>
      )}
      {enterprise.status === 'ready' && enterprise.data && (
        // keyed by the map's year, so a new year there resets a year picked here
        <EnterpriseDetails key={surveyYear ?? 'latest'} enterprise={enterprise.data} mapYear={surveyYear} />
      )}
    </aside>
  )
}

function EnterpriseDetails({
  enterprise: e,
  mapYear,
}: {
  enterprise: Enterprise
  mapYear: number | undefined
}) {
  const [chosen, setChosen] = useState(mapYear)
  const shown = drawerYear(e.wasteStreams, chosen)
  const { streams, year } = shown
  const yearChoices = year !== null && !shown.years.includes(year) ? [year, ...shown.years] : shown.years
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
        {yearChoices.length > 0 && (
          <label className="drawer-year">
            {t('map.drawer.surveyYear')}{' '}
            <select
              data-testid="drawer-year"
              value={year ?? ''}
              onChange={(event) => setChosen(Number(event.target.value))}
            >
              {yearChoices.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </label>
        )}
        {year !== null && !shown.reported ? (
          <p className="drawer-not-reported" data-testid="drawer-not-reported">
            {t('map.drawer.notReported', { year })}
          </p>
        ) : (
          year !== null && (
            <ul className="drawer-figures" data-testid="drawer-figures">
              <li>
                <strong>{t('map.drawer.total', { value: formatNumber(shown.totalTonnes), year })}</strong>
              </li>
              <li>{t('enterprise.hazardous', { value: formatNumber(shown.hazardousTonnes) })}</li>
              <li>{t('enterprise.streams', { count: streams.length })}</li>
            </ul>
          )
        )}
      </header>
      <h3>{year === null ? t('map.drawer.streams') : t('map.drawer.streamsOf', { year })}</h3>
      {year === null ? (
        <p className="muted">{t('map.drawer.noStreams')}</p>
      ) : streams.length === 0 ? null : (
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
