import { t } from '../../i18n/index.js'
import { ENTERPRISE_COLORS } from '../../map/styles/enterprises.js'

/** States what the circles mean (colours from map/styles/enterprises.ts). */
export function MapLegend() {
  return (
    <section className="legend" aria-label={t('map.legend.title')}>
      <h3>{t('map.legend.title')}</h3>
      <p>
        <span className="swatch" style={{ background: ENTERPRISE_COLORS.hazardous }} />{' '}
        {t('map.legend.hazardous')}
      </p>
      <p>
        <span className="swatch" style={{ background: ENTERPRISE_COLORS.nonHazardous }} />{' '}
        {t('map.legend.nonHazardous')}
      </p>
      <p className="muted">{t('map.legend.size')}</p>
    </section>
  )
}
