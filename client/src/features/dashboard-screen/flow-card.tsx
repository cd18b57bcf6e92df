import type { AggregateResponse, AreaAggregate } from '@contract/aggregates.js'
import { useMemo } from 'react'
import { useApi } from '../../api/use-api.js'
import { useSession } from '../session/use-session.js'
import { formatNumber, t } from '../../i18n/index.js'
import { shortTitle } from '../map-screen/catalog-titles.js'
import { ChartCard } from './chart-card.js'
import { routeLabel } from './chart-rows.js'
import type { DashboardQuery } from './dashboard-query.js'
import { type FlowSource, loadFlowSource, withheldNodes } from './flow-data.js'
import { buildFlows, chapterNode, sectorNode } from './sankey-flows.js'
import { SankeyDiagram } from './sankey-diagram.js'

type FlowCardProps = {
  regionId: number
  query: DashboardQuery
  area: AreaAggregate
  disclosure: AggregateResponse['disclosure']
}

/**
 * The flow diagram of a region, built from its streams under the same disclosure rule as the
 * totals. The stream list is for signed-in staff only, so others are told where it comes from.
 */
export function FlowCard(props: FlowCardProps) {
  const { can } = useSession()
  if (!can.listEnterprises) {
    return (
      <ChartCard title={t('dashboard.flow.title')} wide testId="flow">
        <p className="muted">{t('dashboard.flow.staffOnly')}</p>
      </ChartCard>
    )
  }
  return <LoadedFlowCard {...props} />
}

function LoadedFlowCard({ regionId, query, area, disclosure }: FlowCardProps) {
  const source = useApi(
    () => loadFlowSource(regionId, query.filters),
    JSON.stringify([regionId, query.filters]),
  )
  const title = t('dashboard.flow.title')
  return (
    <ChartCard title={title} wide testId="flow">
      {source.status === 'loading' && <p className="muted">{t('dashboard.flow.loading')}</p>}
      {source.status === 'failed' && (
        <p className="error">{t('error.generic', { message: source.message })}</p>
      )}
      {source.status === 'ready' && (
        <Flows source={source.data} query={query} area={area} disclosure={disclosure} />
      )}
    </ChartCard>
  )
}

function Flows({
  source,
  query,
  area,
  disclosure,
}: Omit<FlowCardProps, 'regionId'> & { source: FlowSource }) {
  const k = disclosure.applied ? disclosure.minEnterprises : 1
  const flows = useMemo(
    () =>
      buildFlows(source.streams, source.sections, {
        minEnterprises: area.totals.suppressed ? Infinity : k,
        withheldNodes: withheldNodes(area),
        // the flows of the figures' one survey year, as the totals beside them
        yearFrom: area.surveyYear ?? undefined,
        yearTo: area.surveyYear ?? undefined,
        route: query.filters.route,
        byproduct: query.filters.byproduct,
      }),
    [source, area, k, query],
  )
  const labelOf = useMemo(() => nodeLabels(area), [area])
  const visible = flows.links.filter((link) => !link.hidden)
  const hidden = flows.links.length - visible.length
  return (
    <>
      {visible.length > 0 ? (
        <SankeyDiagram bands={visible} labelOf={labelOf} />
      ) : (
        <p className="muted">
          {flows.links.length > 0 ? t('dashboard.flow.empty') : t('dashboard.noStreams')}
        </p>
      )}
      <p className="dashboard-note" data-testid="flow-note">
        {hidden > 0
          ? t('dashboard.flow.hidden', { count: formatNumber(hidden), k })
          : t('dashboard.flow.noneHidden')}
        {flows.unplaced > 0 && ` ${t('dashboard.flow.unplaced', { count: formatNumber(flows.unplaced) })}`}
        {source.total > source.streams.length &&
          ` ${t('dashboard.flow.truncated', { count: formatNumber(source.streams.length) })}`}
      </p>
    </>
  )
}

/** `sector:C` → "C Manufacturing", `chapter:10` → "10 Wastes from thermal…", `route:recovery` → "Recovery (R)". */
function nodeLabels(area: AreaAggregate): (id: string) => string {
  const titles = new Map<string, string>([
    ...area.byNaceSection.map((cell) => [sectorNode(cell.key), shortTitle(cell.label ?? '', 24)] as const),
    ...area.byEwcChapter.map((cell) => [chapterNode(cell.key), shortTitle(cell.label ?? '', 28)] as const),
  ])
  return (id) => {
    const [kind = '', key = ''] = id.split(':')
    if (kind === 'route') return routeLabel(key)
    return `${key} ${titles.get(id) ?? ''}`.trim()
  }
}
