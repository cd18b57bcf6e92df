import { formatEwcCode } from '@contract/codes.js'
import type { RegionOpportunities } from '@contract/matching.js'
import { useMemo, useState } from 'react'
import { Link, useParams } from 'react-router-dom'
import { useApi } from '../../api/use-api.js'
import { numberColumn, TableHead } from '../../components/table-head.js'
import { formatNumber, t } from '../../i18n/index.js'
import { MatchMap, type MatchLines, type MatchPoints } from './match-map.js'
import { matchingApi } from './matching-api.js'
import './matching.css'

/** The region's circular-economy opportunity map and table, for officials (/regions/:id/opportunities). */
export function OpportunitiesScreen() {
  const regionId = Number(useParams().id)
  const [rankBy, setRankBy] = useState<'co2' | 'money'>('co2')
  const found = useApi(() => matchingApi.opportunities(regionId, rankBy), `${regionId}:${rankBy}`)
  const impact = useApi(() => matchingApi.impact(regionId), String(regionId))
  const map = useMemo(() => (found.status === 'ready' ? mapData(found.data) : undefined), [found])

  if (found.status === 'failed')
    return (
      <p className="error page" role="alert">
        {found.message}
      </p>
    )
  if (found.status === 'loading' || !map) return <p className="page">{t('matching.loading')}</p>
  const { data } = found
  const kt = (kg: number) => formatNumber(kg / 1000)
  return (
    <div className="page opportunities">
      <h1>{t('matching.opportunities', { region: data.regionName })}</h1>
      <p data-testid="opportunity-summary">
        {t('matching.opportunitiesSummary', {
          exchanges: data.totals.exchanges,
          tonnes: formatNumber(data.totals.quantityTonnesPerYear),
          co2: kt(data.totals.netCo2Kg),
          landfill: formatNumber(data.totals.landfillDivertedT),
        })}
      </p>
      {impact.status === 'ready' && (
        <p>
          {t('matching.realised', {
            matches: impact.data.realised.matches,
            tonnes: formatNumber(impact.data.realised.quantityTonnesPerYear),
            co2: kt(impact.data.realised.co2AvoidedKg),
          })}
        </p>
      )}
      <label className="field inline">
        {t('matching.rankBy')}{' '}
        <select value={rankBy} onChange={(e) => setRankBy(e.target.value === 'money' ? 'money' : 'co2')}>
          <option value="co2">{t('matching.rankBy.co2')}</option>
          <option value="money">{t('matching.rankBy.money')}</option>
        </select>
      </label>
      <div className="matching-layout">
        <table className="data-table" data-testid="opportunity-table">
          <TableHead
            columns={[
              t('matching.col.rank'),
              t('matching.col.stream'),
              t('matching.col.supplier'),
              t('matching.col.receiver'),
              numberColumn(t('matching.col.km')),
              numberColumn(t('matching.col.tonnes')),
              numberColumn(t('matching.col.netCo2')),
              numberColumn(t('matching.col.netMoney', { currency: data.currency })),
            ]}
          />
          <tbody>
            {data.opportunities.map((o, index) => (
              <tr key={o.wasteStreamId}>
                <td>{index + 1}</td>
                <td>
                  <Link to={`/streams/${o.wasteStreamId}/matches`}>{formatEwcCode(o.ewcCode)}</Link>
                </td>
                <td>{o.supplier.name}</td>
                <td>{o.receiver.name}</td>
                <td className="number">{formatNumber(o.distanceKm)}</td>
                <td className="number">{formatNumber(o.quantityTonnesPerYear)}</td>
                <td className="number">{kt(o.netCo2Kg)}</td>
                <td className="number">{formatNumber(o.netMoney)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <MatchMap lines={map.lines} points={map.points} label={t('matching.mapLabel')} />
      </div>
    </div>
  )
}

function mapData(data: RegionOpportunities): { lines: MatchLines; points: MatchPoints } {
  return {
    lines: {
      type: 'FeatureCollection',
      features: data.lines.features.map((f) => ({
        type: 'Feature',
        geometry: f.geometry,
        properties: { rank: f.properties.rank, selected: f.properties.rank <= 3 },
      })),
    },
    points: {
      type: 'FeatureCollection',
      features: data.opportunities.flatMap((o) => [
        {
          type: 'Feature' as const,
          geometry: o.supplier.location,
          properties: { role: 'supplier' as const, label: o.supplier.name },
        },
        {
          type: 'Feature' as const,
          geometry: o.receiver.location,
          properties: { role: 'receiver' as const, label: o.receiver.name },
        },
      ]),
    },
  }
}
