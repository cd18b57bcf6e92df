import type { OutletGapRow } from '@contract/aggregates.js'
import { useId } from 'react'
import { type AggregateRequest, api } from '../../api/endpoints.js'
import { useApi } from '../../api/use-api.js'
import { TableHead } from '../../components/table-head.js'
import { formatNumber, t } from '../../i18n/index.js'
import { ChartCard } from './chart-card.js'
import { formatTonnes, rowLabels, withheldText } from './chart-rows.js'
import { distanceChoicesKm, requestKey } from './dashboard-query.js'

type OutletGapCardProps = {
  request: AggregateRequest
  distanceKm: number
  onDistance: (distanceKm: number) => void
}

/** Per EWC chapter: what the region generates against the permitted capacity within a distance. */
export function OutletGapCard({ request, distanceKm, onDistance }: OutletGapCardProps) {
  const gap = useApi(() => api.outletGap(request, distanceKm), `${requestKey(request)}|${distanceKm}`)
  const id = useId()
  const region = gap.status === 'ready' ? gap.data.regions[0] : undefined
  const k = gap.status === 'ready' ? gap.data.disclosure.minEnterprises : 0
  return (
    <ChartCard
      title={t('dashboard.gap.title')}
      wide
      testId="outlet-gap"
      note={t('dashboard.gap.note')}
      actions={
        <span className="dashboard-field">
          <label htmlFor={id}>{t('dashboard.gap.distance')}</label>
          <select id={id} value={distanceKm} onChange={(event) => onDistance(Number(event.target.value))}>
            {distanceChoicesKm.map((km) => (
              <option key={km} value={km}>
                {t('dashboard.gap.km', { km })}
              </option>
            ))}
          </select>
        </span>
      }
    >
      {gap.status === 'loading' && <p className="muted">{t('dashboard.loading')}</p>}
      {gap.status === 'failed' && <p className="error">{t('error.generic', { message: gap.message })}</p>}
      {region?.surveyYear != null && (
        <p className="muted" data-testid="outlet-gap-year">
          {t('dashboard.gap.year', { year: region.surveyYear })}
        </p>
      )}
      {region && region.rows.length === 0 && <p className="muted">{t('dashboard.gap.empty')}</p>}
      {region && region.rows.length > 0 && <GapTable rows={sortRows(region.rows)} minEnterprises={k} />}
    </ChartCard>
  )
}

function GapTable({ rows, minEnterprises }: { rows: OutletGapRow[]; minEnterprises: number }) {
  const withheld = (row: OutletGapRow) => (
    <span className="dashboard-withheld">{withheldText(row.generated.suppressed, minEnterprises)}</span>
  )
  return (
    <table className="dashboard-table">
      <TableHead
        columns={[
          t('dashboard.gap.chapter'),
          t('dashboard.gap.generated'),
          t('dashboard.gap.outlets'),
          t('dashboard.gap.capacity'),
          t('dashboard.gap.noOutlet'),
        ]}
      />
      <tbody>
        {rows.map((row) => (
          <tr key={row.generated.key} className={row.noOutletTonnesPerYear ? 'dashboard-gap' : undefined}>
            <th scope="row">{rowLabels.chapter(row.generated)}</th>
            <td>
              {row.generated.tonnesPerYear === null
                ? withheld(row)
                : formatTonnes(row.generated.tonnesPerYear)}
            </td>
            <td>{formatNumber(row.outletCount)}</td>
            <td>
              {row.outletCapacityTonnesPerYear === null ? (
                <span className="dashboard-withheld">{t('dashboard.withheld.short')}</span>
              ) : (
                formatTonnes(row.outletCapacityTonnesPerYear)
              )}
              {row.outletsWithoutCapacity > 0 && (
                <span className="dashboard-figure-note">
                  {t('dashboard.gap.noCapacity', { count: row.outletsWithoutCapacity })}
                </span>
              )}
            </td>
            <td>
              {row.noOutletTonnesPerYear === null ? (
                <span className="dashboard-withheld">{t('dashboard.withheld.short')}</span>
              ) : (
                formatTonnes(row.noOutletTonnesPerYear)
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** Published rows by tonnes without an outlet, then generated; withheld rows after them, by chapter. */
function sortRows(rows: readonly OutletGapRow[]): OutletGapRow[] {
  const published = rows.filter((row) => row.generated.tonnesPerYear !== null)
  const withheld = rows.filter((row) => row.generated.tonnesPerYear === null)
  published.sort(
    (a, b) =>
      (b.noOutletTonnesPerYear ?? 0) - (a.noOutletTonnesPerYear ?? 0) ||
      (b.generated.tonnesPerYear ?? 0) - (a.generated.tonnesPerYear ?? 0),
  )
  withheld.sort((a, b) => a.generated.key.localeCompare(b.generated.key))
  return [...published, ...withheld]
}
