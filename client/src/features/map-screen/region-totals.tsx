import type { RegionTileProperties } from '@contract/tiles.js'
import { Link } from 'react-router-dom'
import { formatNumber, t } from '../../i18n/index.js'

type RegionTotalsProps = {
  name: string
  /** From the regions tile, for the current filters; undefined until a tile with the region is loaded. */
  totals: RegionTileProperties | undefined
  onClose: () => void
}

/** The clicked region's figures for the current filters (from the tile properties). */
export function RegionTotals({ name, totals, onClose }: RegionTotalsProps) {
  // the public gets no figures for a region whose totals are suppressed (fewer than k reporting)
  const tonnes = (value: number | undefined) =>
    value === undefined
      ? t('map.regionTotals.withheld')
      : t('map.regionTotals.tonnes', { value: formatNumber(value) })
  return (
    <section className="region-totals" data-testid="region-totals" aria-label={t('map.regionTotals.label')}>
      <header>
        <h3>{totals?.name ?? name}</h3>
        <button type="button" className="close" onClick={onClose} aria-label={t('enterprise.close')}>
          ×
        </button>
      </header>
      {totals === undefined ? (
        <p className="muted">{t('map.regionTotals.notLoaded')}</p>
      ) : (
        <>
          <p className="muted">{t('map.regionTotals.forFilters')}</p>
          <dl>
            <dt>{t('map.regionTotals.enterprises')}</dt>
            <dd>
              {totals.enterpriseCount === undefined
                ? t('map.regionTotals.withheld')
                : formatNumber(totals.enterpriseCount)}
            </dd>
            <dt>{t('map.regionTotals.total')}</dt>
            <dd>{tonnes(totals.totalTonnesPerYear)}</dd>
            <dt>{t('map.regionTotals.hazardous')}</dt>
            <dd>{tonnes(totals.hazardousTonnesPerYear)}</dd>
            <dt>{t('map.regionTotals.recovered')}</dt>
            <dd>{tonnes(totals.recoveredTonnesPerYear)}</dd>
            <dt>{t('map.regionTotals.recoveryRate')}</dt>
            <dd>
              {totals.recoveryRate === undefined
                ? t('map.regionTotals.none')
                : t('map.regionTotals.percent', { value: formatNumber(totals.recoveryRate * 100) })}
            </dd>
          </dl>
          <Link className="dashboard-open-link" to={`/dashboard?regionId=${totals.id}`}>
            {t('dashboard.openFromMap')}
          </Link>
        </>
      )}
    </section>
  )
}
