import type { MatchStatusName } from '@contract/match-workflow.js'
import type { MatchCandidate } from '@contract/matching.js'
import { formatNumber, t } from '../../i18n/index.js'

type CandidateCardProps = {
  rank: number
  candidate: MatchCandidate
  selected: boolean
  savedStatus: MatchStatusName | undefined
  onSelect: () => void
  /** Absent for a viewer who may not save matches. */
  onSave: (() => void) | undefined
}

const fixed2 = (value: number) => value.toFixed(2)
const tonnesCo2 = (kg: number) => formatNumber(kg / 1000)

/** One ranked receiver: who, why (reasons), the score parts and the figures; save it as a match. */
export function CandidateCard({
  rank,
  candidate,
  selected,
  savedStatus,
  onSelect,
  onSave,
}: CandidateCardProps) {
  const parts = candidate.scoreParts
  return (
    <li className={`candidate-card${selected ? ' selected' : ''}`} data-testid="candidate">
      <button
        type="button"
        className="link-button candidate-title"
        onClick={onSelect}
        aria-pressed={selected}
      >
        {rank}. {candidate.receiver.name} <span className="muted">({candidate.receiver.naceCode})</span>
      </button>
      <p>
        <strong>{t('matching.score', { score: fixed2(candidate.score) })}</strong> ·{' '}
        {t(`matching.source.${candidate.source}`)} ·{' '}
        <span className="muted">
          {t('matching.scoreParts', {
            material: fixed2(parts.materialFit),
            distance: fixed2(parts.distanceFactor),
            quantity: fixed2(parts.quantityFit),
          })}
        </span>
      </p>
      <p data-testid="candidate-figures">
        {t('matching.figures', {
          km: formatNumber(candidate.distanceKm),
          tonnes: formatNumber(candidate.quantityTonnesPerYear),
          cost: formatNumber(candidate.transportCost),
          currency: candidate.currency,
          transportCo2: tonnesCo2(candidate.transportCo2Kg),
          avoided: tonnesCo2(candidate.co2AvoidedKg),
          landfill: formatNumber(candidate.landfillDivertedT),
        })}
      </p>
      <ul className="reasons">
        {candidate.reasons.map((reason) => (
          <li key={reason}>{reason}</li>
        ))}
      </ul>
      {savedStatus ? (
        <p className="saved">{t('matching.saved', { status: t(`matching.status.${savedStatus}`) })}</p>
      ) : (
        onSave && (
          <button type="button" className="button" onClick={onSave}>
            {t('matching.save')}
          </button>
        )
      )}
    </li>
  )
}
