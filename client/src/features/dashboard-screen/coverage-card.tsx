import { accessRules } from '@contract/access-rules.js'
import type { CoverageYear, NotReportedResponse } from '@contract/coverage.js'
import { useState } from 'react'
import { Link, useSearchParams } from 'react-router-dom'
import { api } from '../../api/endpoints.js'
import { useApi } from '../../api/use-api.js'
import { TableHead } from '../../components/table-head.js'
import { formatNumber, t } from '../../i18n/index.js'
import { useSession } from '../session/use-session.js'
import { ChartCard } from './chart-card.js'
import { formatTonnes } from './chart-rows.js'

const PAGE = 25

/**
 * Survey coverage of a region (issue 12): for the survey year shown (the dashboard's `year`, else
 * the latest with data) the enterprises registered, those that reported, the share and their
 * tonnes; the same year by year; and the enterprises not yet reported, each linked to its record.
 * Staff only, as the API (it names enterprises).
 */
export function CoverageCard({ regionId }: { regionId: number }) {
  const { can } = useSession()
  const rule = accessRules['GET /api/coverage'].roles
  const allowed = rule === 'everyone' || (can.viewer !== 'public' && rule.includes(can.viewer))
  if (!allowed) return null
  return <Coverage regionId={regionId} />
}

function Coverage({ regionId }: { regionId: number }) {
  const [params] = useSearchParams()
  const asked = Number(params.get('year'))
  const year = Number.isInteger(asked) && asked >= 1990 && asked <= 2100 ? asked : undefined
  const coverage = useApi(() => api.coverage(regionId, year), `${regionId}|${year ?? ''}`)
  const region = coverage.status === 'ready' ? coverage.data.regions[0] : undefined
  const shown = region?.shown ?? null
  return (
    <ChartCard
      title={t('coverage.title')}
      wide
      testId="coverage-card"
      note={region?.surveyYear != null ? t('coverage.year', { year: region.surveyYear }) : undefined}
    >
      {coverage.status === 'loading' && <p className="muted">{t('dashboard.loading')}</p>}
      {coverage.status === 'failed' && (
        <p className="error">{t('error.generic', { message: coverage.message })}</p>
      )}
      {region && shown === null && <p className="muted">{t('coverage.noData')}</p>}
      {region && shown !== null && (
        <>
          <CoverageFigures year={shown} />
          {region.byYear.length > 1 && <CoverageByYear rows={region.byYear} shownYear={shown.year} />}
          <NotReported regionId={regionId} year={shown.year} />
        </>
      )}
    </ChartCard>
  )
}

const percent = (share: number | null) => (share === null ? '—' : `${formatNumber(share * 100)} %`)

function CoverageFigures({ year }: { year: CoverageYear }) {
  const figures = [
    { id: 'registered', label: t('coverage.registered'), text: formatNumber(year.enterprisesRegistered) },
    {
      id: 'reported',
      label: t('coverage.reported', { year: year.year }),
      text: formatNumber(year.enterprisesReported),
    },
    { id: 'share', label: t('coverage.share'), text: percent(year.share) },
    { id: 'tonnes', label: t('coverage.tonnes'), text: formatTonnes(year.tonnesReported) },
  ]
  return (
    <ul className="dashboard-figures" data-testid="coverage-figures">
      {figures.map((figure) => (
        <li key={figure.id} data-figure={figure.id}>
          <span className="dashboard-figure-label">{figure.label}</span>
          <strong className="dashboard-figure-value">{figure.text}</strong>
        </li>
      ))}
    </ul>
  )
}

function CoverageByYear({ rows, shownYear }: { rows: CoverageYear[]; shownYear: number }) {
  return (
    <table className="dashboard-table" aria-label={t('coverage.byYear')} data-testid="coverage-by-year">
      <caption>{t('coverage.byYear')}</caption>
      <TableHead
        columns={[
          t('coverage.column.year'),
          t('coverage.column.registered'),
          t('coverage.column.reported'),
          t('coverage.column.share'),
          t('coverage.column.tonnes'),
        ]}
      />
      <tbody>
        {rows.map((row) => (
          <tr key={row.year} aria-current={row.year === shownYear ? 'true' : undefined}>
            <th scope="row">{row.year}</th>
            <td>{formatNumber(row.enterprisesRegistered)}</td>
            <td>{formatNumber(row.enterprisesReported)}</td>
            <td>{percent(row.share)}</td>
            <td>{formatTonnes(row.tonnesReported)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function NotReported({ regionId, year }: { regionId: number; year: number }) {
  const [limit, setLimit] = useState(PAGE)
  const list = useApi<NotReportedResponse>(
    () => api.notReported({ regionId, year, limit }),
    `${regionId}|${year}|${limit}`,
  )
  if (list.status === 'loading') return <p className="muted">{t('dashboard.loading')}</p>
  if (list.status === 'failed')
    return <p className="error">{t('error.generic', { message: list.message })}</p>
  const { total, items } = list.data
  if (total === 0) return <p className="muted">{t('coverage.allReported', { year })}</p>
  return (
    <div data-testid="not-reported">
      <h4>
        {t('coverage.notReportedTitle', { year, count: formatNumber(total) })}{' '}
        <Link to={`/?regionId=${regionId}&notReportedFor=${year}`}>{t('coverage.onMap')}</Link>
      </h4>
      <table className="dashboard-table">
        <TableHead
          columns={[
            t('coverage.column.name'),
            t('coverage.column.nationalId'),
            t('coverage.column.nace'),
            t('coverage.column.lastReported'),
          ]}
        />
        <tbody>
          {items.map((row) => (
            <tr key={row.id}>
              <th scope="row">
                <Link to={`/enterprises/${row.id}`}>{row.name}</Link>
              </th>
              <td>{row.nationalId ?? '—'}</td>
              <td>{row.naceCode}</td>
              <td>{row.lastReportedYear ?? t('coverage.never')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {items.length < total && (
        <button type="button" className="link-button" onClick={() => setLimit((n) => n + PAGE)}>
          {t('coverage.more', { count: formatNumber(Math.min(PAGE, total - items.length)) })}
        </button>
      )}
    </div>
  )
}
