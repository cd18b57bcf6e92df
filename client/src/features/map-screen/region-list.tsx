import type { RegionCollection } from '@contract/regions.js'
import { t } from '../../i18n/index.js'

type RegionListProps = {
  regions: RegionCollection
  selectedId: number | undefined
  onSelect: (id: number | undefined) => void
}

/** Regions as a list of toggle buttons: choosing one limits the map's enterprises to it. */
export function RegionList({ regions, selectedId, onSelect }: RegionListProps) {
  if (regions.features.length === 0) return <p>{t('map.noRegions')}</p>
  return (
    <ul className="region-list">
      {regions.features.map(({ properties: region }) => (
        <li key={region.id}>
          <button
            type="button"
            aria-pressed={region.id === selectedId}
            onClick={() => onSelect(region.id === selectedId ? undefined : region.id)}
          >
            <span>{region.name}</span>
            <small>{t('map.enterprises', { count: region.enterpriseCount })}</small>
          </button>
        </li>
      ))}
    </ul>
  )
}
