import type { AggregateResponse, AreaAggregate } from '@contract/aggregates.js'
import type { RegionCollection } from '@contract/regions.js'
import { useMemo } from 'react'
import { Link } from 'react-router-dom'
import { t } from '../../i18n/index.js'
import { Breakdowns } from './breakdowns.js'
import { ChartCard } from './chart-card.js'
import { CoverageCard } from './coverage-card.js'
import { aggregateRequestOf, type DashboardQuery, writeDashboardQuery } from './dashboard-query.js'
import { DisclosureNote } from './disclosure-note.js'
import { ExportLinks } from './export-links.js'
import { FilterLine } from './filter-line.js'
import { FlowCard } from './flow-card.js'
import { HeadlineCards } from './headline-cards.js'
import { OutletGapCard } from './outlet-gap-card.js'
import { RegionMiniMap } from './region-mini-map.js'
import { SurveyYearLine } from './survey-year-line.js'

type RegionDashboardProps = {
  regionId: number
  response: AggregateResponse
  area: AreaAggregate
  query: DashboardQuery
  update: (change: Partial<DashboardQuery>) => void
  regions: RegionCollection | undefined
}

/** Everything the dashboard shows of one region, once its totals have arrived. */
export function RegionDashboard({ regionId, response, area, query, update, regions }: RegionDashboardProps) {
  const { disclosure } = response
  const k = disclosure.minEnterprises
  const request = useMemo(() => aggregateRequestOf(query, [regionId]), [query, regionId])
  const regionIds = useMemo(() => [regionId], [regionId])
  const name = area.area.name ?? ''
  return (
    <>
      <SurveyYearLine area={area} chosen={query.year} />
      <FilterLine filters={query.filters} />
      <DisclosureNote disclosure={disclosure} />
      <section className="dashboard-headline" aria-label={t('dashboard.figures')}>
        <HeadlineCards area={area} minEnterprises={k} />
        <div className="dashboard-actions">
          <ExportLinks request={request} table="totals" title={t('dashboard.exportTotals')} />
          <Link to={`/dashboard/compare?${writeDashboardQuery(query).toString()}`}>
            {t('dashboard.compareWith')}
          </Link>
        </div>
      </section>
      {area.totals.tonnesPerYear === 0 && <p className="muted">{t('dashboard.noStreams')}</p>}
      <div className="dashboard-grid">
        <Breakdowns area={area} minEnterprises={k} request={request} />
        <FlowCard regionId={regionId} query={query} area={area} disclosure={disclosure} />
        <CoverageCard regionId={regionId} />
        <OutletGapCard
          request={request}
          distanceKm={query.distanceKm}
          onDistance={(distanceKm) => update({ distanceKm })}
        />
        {regions && (
          <ChartCard title={t('dashboard.map.title')} testId="region-map-card">
            <RegionMiniMap regions={regions} regionIds={regionIds} name={name} />
          </ChartCard>
        )}
      </div>
    </>
  )
}
