import type { RegionCollection } from '@contract/regions.js'
import { sizeClasses } from '@contract/survey-filters.js'
import { type TileQuery, tileQuerySchema } from '@contract/tiles.js'
import { useEffect, useId, useState } from 'react'
import { useDebounced } from '../../components/use-debounced.js'
import { t } from '../../i18n/index.js'
import type { CatalogTitles } from './catalog-titles.js'
import { EwcFilter } from './ewc-filter.js'
import { SelectField, type SelectOption } from './select-field.js'
import { shownSurveyYear, useSurveyYears } from './survey-year.js'

type FilterPanelProps = {
  filters: TileQuery
  /**
   * The free-text search finds enterprises by name, and "not reported for a year" names single
   * enterprises' gaps: both only for those who see single enterprises.
   */
  searchByName: boolean
  regions: RegionCollection | undefined
  titles: CatalogTitles
  onChange: (filters: TileQuery) => void
}

const routeCodes = [
  ...Array.from({ length: 13 }, (_, i) => `R${i + 1}`),
  ...Array.from({ length: 15 }, (_, i) => `D${i + 1}`),
]
/** Any, or one side of a yes-or-no filter. */
const either = (yes: string, no: string): SelectOption[] => [
  { value: '', label: t('map.filter.any') },
  { value: 'true', label: yes },
  { value: 'false', label: no },
]

/** The survey filters; every change goes to the URL, and from there to the tile URLs. */
export function FilterPanel({ filters, searchByName, regions, titles, onChange }: FilterPanelProps) {
  const set = <K extends keyof TileQuery>(name: K, value: TileQuery[K] | undefined) => {
    const next = { ...filters }
    if (value === undefined) delete next[name]
    else next[name] = value
    onChange(next)
  }
  const parse = <K extends keyof TileQuery>(name: K, raw: string): TileQuery[K] | undefined => {
    const parsed = tileQuerySchema.shape[name].safeParse(raw)
    return raw !== '' && parsed.success ? (parsed.data as TileQuery[K]) : undefined
  }
  /** One filter as a select: '' is none, any other option is parsed as the URL would be. */
  const select = (name: keyof TileQuery, label: string, options: readonly SelectOption[]) => (
    <SelectField
      label={label}
      value={filters[name] === undefined ? '' : String(filters[name])}
      options={options}
      onChange={(value) => set(name, parse(name, value))}
    />
  )
  const active = Object.keys(filters).length
  // issue 12: one survey year at a time, the latest with data unless one is chosen (no "any
  // year": that would add years together); "not reported for" is about the same year
  const yearsState = useSurveyYears(filters)
  const years = yearsState.status === 'ready' ? yearsState.data : undefined
  const shownYear = shownSurveyYear(filters, years)
  const chosenYear = filters.notReportedFor ?? filters.surveyYear
  const yearOptions: SelectOption[] = [
    {
      value: '',
      label:
        years?.latest != null
          ? t('map.filter.latestYear', { year: years.latest })
          : t('map.filter.latestYearLoading'),
    },
    ...[...new Set([...(years?.years ?? []), ...(chosenYear === undefined ? [] : [chosenYear])])]
      .sort((a, b) => b - a)
      .map((year) => ({ value: String(year), label: String(year) })),
  ]
  const setYear = (raw: string) => {
    const year = raw === '' ? undefined : Number(raw)
    const next = { ...filters }
    delete next.surveyYear
    if (filters.notReportedFor !== undefined)
      next.notReportedFor = year ?? years?.latest ?? filters.notReportedFor
    else if (year !== undefined) next.surveyYear = year
    onChange(next)
  }
  const setNotReported = (on: boolean) => {
    const next = { ...filters }
    delete next.surveyYear
    delete next.notReportedFor
    if (on && shownYear != null) next.notReportedFor = shownYear
    // back to the reporters of the same year; the latest stays implicit
    if (!on && filters.notReportedFor !== undefined && filters.notReportedFor !== years?.latest)
      next.surveyYear = filters.notReportedFor
    onChange(next)
  }

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
      {select('regionId', t('map.filter.region'), [
        { value: '', label: t('map.filter.allRegions') },
        ...(regions?.features ?? []).map(({ properties: r }) => ({
          value: String(r.id),
          label: `${r.name} · ${t(`regionLevel.${r.level}`)}`,
        })),
      ])}
      <EwcFilter value={filters.ewc} titles={titles} onChange={(ewc) => set('ewc', ewc)} />
      {select(
        'hazardous',
        t('map.filter.hazardous'),
        either(t('map.filter.hazardousOnly'), t('map.filter.nonHazardousOnly')),
      )}
      {select('nace', t('map.filter.nace'), [
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
      ])}
      {select('sizeClass', t('map.filter.sizeClass'), [
        { value: '', label: t('map.filter.anySize') },
        ...sizeClasses.map((size) => ({ value: size, label: t(`size.${size}`) })),
      ])}
      <SelectField
        label={t('map.filter.surveyYear')}
        value={chosenYear === undefined ? '' : String(chosenYear)}
        options={yearOptions}
        onChange={setYear}
      />
      {searchByName && (
        // not a .panel-field: its inputs are full width
        <label className="checkbox">
          <input
            type="checkbox"
            checked={filters.notReportedFor !== undefined}
            disabled={shownYear == null}
            onChange={(event) => setNotReported(event.target.checked)}
          />
          {shownYear == null
            ? t('map.filter.notReportedNoYear')
            : t('map.filter.notReported', { year: shownYear })}
        </label>
      )}
      {select('route', t('map.filter.route'), [
        { value: '', label: t('map.filter.anyRoute') },
        { value: 'R', label: t('map.filter.routeR') },
        { value: 'D', label: t('map.filter.routeD') },
        { value: 'unknown', label: t('map.filter.routeUnknown') },
        ...routeCodes.map((code) => ({ value: code, label: code })),
      ])}
      {select(
        'byproduct',
        t('map.filter.byproduct'),
        either(t('map.filter.byproductOffered'), t('map.filter.byproductNotOffered')),
      )}
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
