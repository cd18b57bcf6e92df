import { formatEwcCode } from '@contract/codes.js'
import type { MatchStatusName, SavedMatch } from '@contract/match-workflow.js'
import type { MatchCandidate, StreamMatches } from '@contract/matching.js'
import { useMemo, useState } from 'react'
import { useParams } from 'react-router-dom'
import { useApi } from '../../api/use-api.js'
import { useSession } from '../session/use-session.js'
import { formatNumber, t } from '../../i18n/index.js'
import { CandidateCard } from './candidate-card.js'
import { MatchMap, type MatchLines, type MatchPoints } from './match-map.js'
import { matchingApi } from './matching-api.js'
import { SavedMatches } from './saved-matches.js'
import './matching.css'

/** "Find buyers" for a waste stream (/streams/:id/matches): ranked receivers beside a map of lines. */
export function FindBuyersScreen() {
  const streamId = Number(useParams().id)
  const [radiusKm, setRadiusKm] = useState(200)
  const [revision, setRevision] = useState(0)
  // candidates are told apart by their matchToken: an enterprise user gets no receiver ids
  const [selected, setSelected] = useState<string>()
  // what this screen proposed, for a viewer who may not list saved matches (an enterprise user)
  const [proposed, setProposed] = useState<Record<string, MatchStatusName>>({})
  const [error, setError] = useState<string>()
  const { can } = useSession()
  const found = useApi(() => matchingApi.streamMatches(streamId, radiusKm), `${streamId}:${radiusKm}`)
  // the list of saved matches is the staff's; an enterprise proposes by token and sees what it proposed here
  const saved = useApi(
    () => (can.seeOpportunities ? matchingApi.savedMatches(streamId) : Promise.resolve({ items: [] })),
    `${streamId}:${revision}:${can.seeOpportunities}`,
  )
  const savedItems = saved.status === 'ready' ? saved.data.items : []

  async function run(action: () => Promise<unknown>) {
    setError(undefined)
    try {
      await action()
      setRevision((r) => r + 1)
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure))
    }
  }
  const save = (c: MatchCandidate) =>
    run(async () => {
      const match = await matchingApi.saveMatch({ wasteStreamId: c.wasteStreamId, matchToken: c.matchToken })
      setProposed((current) => ({ ...current, [c.matchToken]: match.status }))
    })
  const move = (match: SavedMatch, status: MatchStatusName) =>
    run(() => matchingApi.changeMatch(match.id, { version: match.version, status }))

  if (found.status === 'failed')
    return (
      <p className="error page" role="alert">
        {found.message}
      </p>
    )
  return (
    <div className="page find-buyers">
      {found.status === 'loading' ? (
        <p aria-live="polite">{t('matching.loading')}</p>
      ) : (
        <BuyersLayout
          result={found.data}
          selected={selected}
          savedItems={savedItems}
          proposed={proposed}
          radiusKm={radiusKm}
          onRadius={setRadiusKm}
          onSelect={setSelected}
          onSave={can.saveMatches ? save : undefined}
        />
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {can.seeOpportunities && (
        <>
          <h2>{t('matching.savedMatches')}</h2>
          <SavedMatches matches={savedItems} onMove={can.saveMatches ? move : undefined} />
        </>
      )}
    </div>
  )
}

type LayoutProps = {
  result: StreamMatches
  selected: string | undefined
  savedItems: SavedMatch[]
  proposed: Record<string, MatchStatusName>
  radiusKm: number
  onRadius: (km: number) => void
  onSelect: (matchToken: string) => void
  onSave: ((candidate: MatchCandidate) => void) | undefined
}

function BuyersLayout({
  result,
  selected,
  savedItems,
  proposed,
  radiusKm,
  onRadius,
  onSelect,
  onSave,
}: LayoutProps) {
  const { stream, candidates } = result
  const { lines, points } = useMemo(() => mapData(result, selected), [result, selected])
  const openStatus = (c: MatchCandidate) =>
    savedItems.find(
      (m) =>
        c.receiver.enterpriseId !== null &&
        m.receiverEnterpriseId === c.receiver.enterpriseId &&
        m.status !== 'declined',
    )?.status ?? proposed[c.matchToken]
  return (
    <>
      <h1>{t('matching.title', { stream: stream.description ?? stream.ewcDescription })}</h1>
      <p>
        {t('matching.stream', {
          code: `${formatEwcCode(stream.ewcCode)}${stream.hazardous ? '*' : ''}`,
          tonnes: formatNumber(stream.quantityTonnesPerYear),
          enterprise: stream.enterpriseName,
          category: stream.categoryName,
        })}
      </p>
      <label className="field inline">
        {t('matching.radius')}{' '}
        <select value={radiusKm} onChange={(e) => onRadius(Number(e.target.value))}>
          {[50, 100, 200, 500, 1000].map((km) => (
            <option key={km} value={km}>
              {km}
            </option>
          ))}
        </select>
      </label>
      <div className="matching-layout">
        <section aria-label={t('matching.candidates')}>
          {candidates.length === 0 && <p>{t('matching.none', { radius: radiusKm })}</p>}
          <ol className="candidate-list">
            {candidates.map((c, index) => (
              <CandidateCard
                key={c.matchToken}
                rank={index + 1}
                candidate={c}
                selected={selected === c.matchToken}
                savedStatus={openStatus(c)}
                onSelect={() => onSelect(c.matchToken)}
                onSave={onSave && (() => onSave(c))}
              />
            ))}
          </ol>
        </section>
        <MatchMap lines={lines} points={points} label={t('matching.mapLabel')} />
      </div>
    </>
  )
}

function mapData({ stream, candidates }: StreamMatches, selected: string | undefined) {
  const lines: MatchLines = {
    type: 'FeatureCollection',
    features: candidates.map((c, index) => ({
      type: 'Feature',
      geometry: c.line,
      properties: { rank: index + 1, selected: c.matchToken === selected },
    })),
  }
  const points: MatchPoints = {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        geometry: stream.location,
        properties: { role: 'supplier', label: stream.enterpriseName },
      },
      ...candidates.map((c) => ({
        type: 'Feature' as const,
        geometry: c.receiver.location,
        properties: { role: 'receiver' as const, label: c.receiver.name },
      })),
    ],
  }
  return { lines, points }
}
