import { t } from '../../i18n/index.js'
import { chartColours } from './bar-charts.js'
import { formatTonnes } from './chart-rows.js'
import { bandPath, layoutSankey, type SankeyInput, type SankeyNode } from './sankey-layout.js'

type SankeyDiagramProps = {
  bands: readonly SankeyInput[]
  labelOf: (nodeId: string) => string
}

const width = 1040
const frame = { nodeWidth: 14, gap: 12, columnX: [250, 580, 860] }
const routeOrder = ['route:recovery', 'route:disposal', 'route:unknown']
const columnOf = (id: string) => (id.startsWith('sector:') ? 0 : id.startsWith('chapter:') ? 1 : 2)
const order = (a: SankeyNode, b: SankeyNode) =>
  a.column === 2
    ? routeOrder.indexOf(a.id) - routeOrder.indexOf(b.id)
    : b.tonnesPerYear - a.tonnesPerYear || a.id.localeCompare(b.id)
const bandColour = (band: SankeyInput) =>
  band.target === 'route:recovery'
    ? chartColours.recovery
    : band.target === 'route:disposal'
      ? chartColours.disposal
      : band.target === 'route:unknown'
        ? chartColours.unknown
        : '#7fa9c4'

/** Sectors (left) through EWC chapters (middle) to routes (right), bands as thick as their tonnes. */
export function SankeyDiagram({ bands, labelOf }: SankeyDiagramProps) {
  const fullest = Math.max(
    1,
    ...[0, 1, 2].map(
      (c) => new Set(bands.flatMap((b) => [b.source, b.target]).filter((id) => columnOf(id) === c)).size,
    ),
  )
  const height = Math.max(240, fullest * 46)
  const layout = layoutSankey(bands, columnOf, order, { ...frame, height })
  return (
    <svg
      className="dashboard-sankey"
      viewBox={`0 -10 ${width} ${height + 20}`}
      role="img"
      aria-label={t('dashboard.flow.label')}
    >
      <g fill="none" strokeOpacity={0.55}>
        {layout.bands.map((band) => (
          <path
            key={`${band.source}>${band.target}`}
            d={bandPath(band)}
            stroke={bandColour(band)}
            strokeWidth={Math.max(1, band.width)}
          >
            <title>
              {t('dashboard.flow.band', {
                from: labelOf(band.source),
                to: labelOf(band.target),
                tonnes: t('dashboard.unit.tonnes', { value: formatTonnes(band.tonnesPerYear) }),
              })}
            </title>
          </path>
        ))}
      </g>
      {layout.nodes.map((node) => (
        <g key={node.id}>
          <rect
            x={node.x}
            y={node.y}
            width={frame.nodeWidth}
            height={Math.max(1, node.height)}
            fill={chartColours.text}
          />
          <text
            x={node.column === 0 ? node.x - 8 : node.x + frame.nodeWidth + 8}
            y={node.y + node.height / 2}
            dy="0.35em"
            textAnchor={node.column === 0 ? 'end' : 'start'}
            className="dashboard-sankey-label"
          >
            {labelOf(node.id)}
          </text>
        </g>
      ))}
    </svg>
  )
}
