import type { RegionCollection } from '@contract/regions.js'
import { sizeClasses } from '@contract/survey-filters.js'
import { type TileQuery, tileQuerySchema } from '@contract/tiles.js'
import { useEffect, useId, useState } from 'react'
import { useDebounced } from '../../components/use-debounced.js'
import { t } from '../../i18n/index.js'
import type { CatalogTitles } from './catalog-titles.js'
import { EwcFilter } from './ewc-filter.js'
import { SelectField } from './select-field.js'

type FilterPanelProps = {
  filters: TileQuery
  /** The free-text search finds enterprises by name: only for those who see single enterprises. */
  searchByName: boolean
  regions: RegionCollection | undefined
  titles: CatalogTitles
  onChange: (filters: TileQuery) => void
}

const routeCodes = [
  ...Array.from({ length: 13 }, (_, i) => `R${i + 1}`),
  ...Array.from({ length: 15 }, (_, i) => `D${i + 1}`),
]
const thisYear = new Date().getFullYear()
const surveyYears = Array.from({ length: 12 }, (_, i) => String(thisYear - i))

/** The survey filters; every change goes to the URL, and from there to the tile URLs. */
export function FilterPanel({ filters, searchByName, regions, titles, onChange }: FilterPanelProps) {
  const set = <K extends keyof TileQuery>(name: K, value: TileQuery[K] | undefined) => {
    const next = { ...filters }
    if (value === undefined) delete next[name]
    else next[name] = value
    onChange(next)
  }
  const booleanValue = (value: boolean | undefined) => (value === undefined ? '' : String(value))
  const parse = <K extends keyof TileQuery>(name: K, raw: string): TileQuery[K] | undefined => {
    const parsed = tileQuerySchema.shape[name].safeParse(raw)
    return raw !== '' && parsed.success ? (parsed.data as TileQuery[K]) : undefined
  }
  const active = Object.keys(filters).length

  return (
    <section className="panel-section" aria-labelledby="map-filters-title">
      <header className="panel-heading">
        <h3 id="map-filters-title">
          {t('map.filters')}
          {active > 0 && <span className="pill">{t('map.filtersOn', { count: active })}</span>}
        </h3>
        {active > 0 && (
          <button type="button" className="link-button" onClick={() => onChange({})}>
            {t('map.filter.clear')}
          </button>
        )}
      </header>
      {searchByName && <TextFilter value={filters.q} onChange={(q) => set('q', q)} />}
      <SelectField
        label={t('map.filter.region')}
        value={filters.regionId === undefined ? '' : String(filters.regionId)}
        options={[
          { value: '', label: t('map.filter.allRegions') },
          ...(regions?.features ?? []).map(({ properties: r }) => ({
            value: String(r.id),
            label: `${r.name} · ${t(`regionLevel.${r.level}`)}`,
          })),
        ]}
        onChange={(value) => set('regionId', parse('regionId', value))}
      />
      <EwcFilter value={filters.ewc} titles={titles} onChange={(ewc) => set('ewc', ewc)} />
      <SelectField
        label={t('map.filter.hazardous')}
        value={booleanValue(filters.hazardous)}
        options={[
          { value: '', label: t('map.filter.any') },
          { value: 'true', label: t('map.filter.hazardousOnly') },
          { value: 'false', label: t('map.filter.nonHazardousOnly') },
        ]}
        onChange={(value) => set('hazardous', parse('hazardous', value))}
      />
      <SelectField
        label={t('map.filter.nace')}
        value={filters.nace ?? ''}
        options={[
          { value: '', label: t('map.filter.anyNace') },
          ...[...titles.naceSections].flatMap(([section, title]) => [
            { value: section, label: `${section} ${title}` },
            ...titles.naceDivisions
              .filter((division) => division.section === section)
              .map((division) => ({
                value: division.code,
                label: `\u00a0\u00a0\u00a0${division.code} ${division.title}`,
              })),
          ]),
        ]}
        onChange={(value) => set('nace', parse('nace', value))}
      />
      <SelectField
        label={t('map.filter.sizeClass')}
        value={filters.sizeClass ?? ''}
        options={[
          { value: '', label: t('map.filter.anySize') },
          ...sizeClasses.map((size) => ({ value: size, label: t(`size.${size}`) })),
        ]}
        onChange={(value) => set('sizeClass', parse('sizeClass', value))}
      />
      <SelectField
        label={t('map.filter.surveyYear')}
        value={filters.surveyYear === undefined ? '' : String(filters.surveyYear)}
        options={[
          { value: '', label: t('map.filter.anyYear') },
          ...surveyYears.map((year) => ({ value: year, label: year })),
        ]}
        onChange={(value) => set('surveyYear', parse('surveyYear', value))}
      />
      <SelectField
        label={t('map.filter.route')}
        value={filters.route ?? ''}
        options={[
          { value: '', label: t('map.filter.anyRoute') },
          { value: 'R', label: t('map.filter.routeR') },
          { value: 'D', label: t('map.filter.routeD') },
          { value: 'unknown', label: t('map.filter.routeUnknown') },
          ...routeCodes.map((code) => ({ value: code, label: code })),
        ]}
        onChange={(value) => set('route', parse('route', value))}
      />
      <SelectField
        label={t('map.filter.byproduct')}
        value={booleanValue(filters.byproduct)}
        options={[
          { value: '', label: t('map.filter.any') },
          { value: 'true', label: t('map.filter.byproductOffered') },
          { value: 'false', label: t('map.filter.byproductNotOffered') },
        ]}
        onChange={(value) => set('byproduct', parse('byproduct', value))}
      />
    </section>
  )
}

/** Free text, sent once typing pauses so each keystroke does not refetch every tile. */
function TextFilter({
  value,
  onChange,
}: {
  value: string | undefined
  onChange: (q: string | undefined) => void
}) {
  const id = useId()
  const [text, setText] = useState(value ?? '')
  const settled = useDebounced(text, 400)
  // the URL changed from elsewhere (cleared, back button): show it
  useEffect(() => setText(value ?? ''), [value])
  useEffect(() => {
    const q = settled.trim() || undefined
    if (q !== value) onChange(q)
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a settled edit is sent
  }, [settled])
  return (
    <div className="panel-field">
      <label htmlFor={id}>{t('map.filter.text')}</label>
      <input id={id} type="search" value={text} onChange={(event) => setText(event.target.value)} />
    </div>
  )
}
