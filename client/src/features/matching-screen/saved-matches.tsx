import type { MatchStatusName, SavedMatch } from '@contract/match-workflow.js'
import { t } from '../../i18n/index.js'

type SavedMatchesProps = {
  matches: SavedMatch[]
  /** Absent for a viewer who may read matches but not change them. */
  onMove: ((match: SavedMatch, status: MatchStatusName) => void) | undefined
}

const statusText = (status: MatchStatusName) => t(`matching.status.${status}`)

/** The stream's saved matches with their status, its date, and a button per allowed next status. */
export function SavedMatches({ matches, onMove }: SavedMatchesProps) {
  if (matches.length === 0) return <p className="muted">{t('matching.noSaved')}</p>
  return (
    <ul className="saved-matches">
      {matches.map((match) => (
        <li key={match.id} data-testid="saved-match">
          <strong>{match.receiverName}</strong> —{' '}
          <span data-testid="saved-match-status">{statusText(match.status)}</span>{' '}
          <span className="muted">
            {t('matching.history', { date: new Date(match.statusChangedAt).toLocaleDateString() })}
          </span>{' '}
          {onMove &&
            match.nextStatuses.map((status) => (
              <button
                key={status}
                type="button"
                className="button small"
                onClick={() => onMove(match, status)}
              >
                {t('matching.moveTo', { status: statusText(status) })}
              </button>
            ))}
        </li>
      ))}
    </ul>
  )
}
