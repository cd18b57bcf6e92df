import type { EnterpriseFeature } from '@contract/enterprises.js'
import { formatNumber, t } from '../../i18n/index.js'

type EnterpriseCardProps = { enterprise: EnterpriseFeature; onClose: () => void }

export function EnterpriseCard({ enterprise: { properties: e }, onClose }: EnterpriseCardProps) {
  return (
    <section className="enterprise-card" data-testid="enterprise-card" aria-label={e.name}>
      <header>
        <h3>{e.name}</h3>
        <button type="button" onClick={onClose} aria-label={t('enterprise.close')}>
          ×
        </button>
      </header>
      <p>
        {t('enterprise.nace', { code: e.naceCode })} · {e.regionName ?? t('enterprise.outside')}
      </p>
      <ul>
        <li>{t('enterprise.streams', { count: e.wasteStreamCount })}</li>
        <li>{t('enterprise.total', { value: formatNumber(e.totalTonnesPerYear) })}</li>
        <li>{t('enterprise.hazardous', { value: formatNumber(e.hazardousTonnesPerYear) })}</li>
      </ul>
    </section>
  )
}
