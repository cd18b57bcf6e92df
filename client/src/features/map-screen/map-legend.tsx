import type { CSSProperties } from 'react'
import { t } from '../../i18n/index.js'
import { swatchColumnWidth } from './export-layout.js'
import type { LegendSection, LegendSwatch } from './legend-model.js'
import { surveyYearLine } from './legend-model.js'
import { shownSurveyYear, useSurveyYears } from './survey-year.js'
import { useMapUrl } from './use-map-url.js'

/**
 * The legend over the map's corner: which survey year the map shows (issue 12: every tonnage is
 * one year's), and what each colour, size and symbol means, units stated.
 */
export function MapLegend({ sections }: { sections: readonly LegendSection[] }) {
  const [{ filters }] = useMapUrl()
  const years = useSurveyYears(filters)
  const year = shownSurveyYear(filters, years.status === 'ready' ? years.data : undefined)
  const yearLine = year === undefined ? undefined : surveyYearLine(filters, year)
  if (sections.length === 0 && yearLine === undefined) return null
  return (
    <details className="map-legend" open data-testid="legend">
      <summary>{t('map.legend.title')}</summary>
      {yearLine !== undefined && (
        <p className="legend-year" data-testid="legend-year">
          {yearLine}
        </p>
      )}
      {sections.map((section) => (
        <div
          key={section.title}
          className={section.layout === 'row' ? 'legend-section legend-row' : 'legend-section'}
          style={{ '--swatch-width': `${swatchColumnWidth(section)}px` } as CSSProperties}
        >
          <h3>{section.title}</h3>
          <ul>
            {section.items.map((item) => (
              <li key={item.label} title={item.label}>
                <Swatch swatch={item.swatch} />
                <span>{item.label}</span>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </details>
  )
}

function Swatch({ swatch }: { swatch: LegendSwatch }) {
  switch (swatch.shape) {
    case 'circle': {
      const size = swatch.radius * 2
      return (
        <span className="swatch-box" aria-hidden="true">
          <span className="swatch-circle" style={{ width: size, height: size, background: swatch.colour }} />
        </span>
      )
    }
    case 'square':
      return (
        <span className="swatch-box" aria-hidden="true">
          <span className="swatch-square" style={{ background: swatch.colour, borderColor: swatch.rim }} />
        </span>
      )
    case 'fill':
      return <span className="swatch-fill" aria-hidden="true" style={{ background: swatch.colour }} />
    case 'ramp':
      return (
        <span
          className="swatch-ramp"
          aria-hidden="true"
          style={{ background: `linear-gradient(to right, ${swatch.colours.join(', ')})` }}
        />
      )
  }
}
