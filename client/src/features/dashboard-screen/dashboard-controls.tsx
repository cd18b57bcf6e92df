import type { RegionCollection } from '@contract/regions.js'
import { useId } from 'react'
import { t } from '../../i18n/index.js'
import type { DashboardQuery } from './dashboard-query.js'

// Survey years offered: the last fifteen. Typed years outside them still work from the URL.
const thisYear = new Date().getFullYear()
const years = Array.from({ length: 15 }, (_, i) => thisYear - i)

type Update = (change: Partial<DashboardQuery>) => void

/** Which region: every region, pilot regions first, then by name. */
export function RegionSelect({
  regions,
  regionId,
  update,
}: {
  regions: RegionCollection
  regionId: number | undefined
  update: Update
}) {
  const id = useId()
  const sorted = [...regions.features].sort(
    (a, b) =>
      Number(b.properties.level === 'pilot') - Number(a.properties.level === 'pilot') ||
      a.properties.name.localeCompare(b.properties.name),
  )
  return (
    <span className="dashboard-field">
      <label htmlFor={id}>{t('dashboard.region')}</label>
      <select
        id={id}
        value={regionId ?? ''}
        onChange={(event) => update({ regionIds: event.target.value ? [Number(event.target.value)] : [] })}
      >
        <option value="">{t('dashboard.chooseRegion')}</option>
        {sorted.map((feature) => (
          <option key={feature.properties.id} value={feature.properties.id}>
            {feature.properties.name}
          </option>
        ))}
      </select>
    </span>
  )
}

/**
 * The survey year of the figures (default: the latest with data, which the API names) and the
 * range of the per-year series.
 */
export function YearRange({ query, update }: { query: DashboardQuery; update: Update }) {
  return (
    <>
      <YearField
        label={t('dashboard.year')}
        value={query.year}
        emptyLabel={t('dashboard.latestYear')}
        testId="year-select"
        onChange={(year) => update({ year })}
      />
      <YearField
        label={t('dashboard.yearFrom')}
        value={query.yearFrom}
        onChange={(yearFrom) => update({ yearFrom })}
      />
      <YearField
        label={t('dashboard.yearTo')}
        value={query.yearTo}
        onChange={(yearTo) => update({ yearTo })}
      />
    </>
  )
}

function YearField({
  label,
  value,
  onChange,
  emptyLabel = t('dashboard.anyYear'),
  testId,
}: {
  label: string
  value: number | undefined
  onChange: (year: number | undefined) => void
  emptyLabel?: string
  testId?: string
}) {
  const id = useId()
  const options = value === undefined || years.includes(value) ? years : [value, ...years]
  return (
    <span className="dashboard-field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        data-testid={testId}
        value={value ?? ''}
        onChange={(event) => onChange(event.target.value ? Number(event.target.value) : undefined)}
      >
        <option value="">{emptyLabel}</option>
        {options.map((year) => (
          <option key={year} value={year}>
            {year}
          </option>
        ))}
      </select>
    </span>
  )
}

export function PrintButton() {
  return (
    <button type="button" className="dashboard-print" onClick={() => window.print()}>
      {t('dashboard.print')}
    </button>
  )
}
