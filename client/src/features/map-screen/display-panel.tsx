import { regionLevels } from '@contract/regions.js'
import { t } from '../../i18n/index.js'
import {
  type ChoroplethMeasure,
  choroplethMeasures,
  colourDimensions,
  type LayerToggle,
  layerToggles,
  type MapDisplay,
} from '../../map/map-display.js'
import { SelectField } from './select-field.js'

type DisplayPanelProps = {
  display: MapDisplay
  /** Region levels present, most detailed first; the level picker shows when there is a choice. */
  levels: readonly string[]
  /** Single circles to colour; clusters (the public's map) have one colour. */
  colourEnterprises: boolean
  onChange: (display: MapDisplay) => void
}

/** How the map draws the data: the circles' colouring, the choropleth's measure and level, the layers. */
export function DisplayPanel({ display, levels, colourEnterprises, onChange }: DisplayPanelProps) {
  const level = display.regionLevel ?? levels[0] ?? ''
  return (
    <section className="panel-section" aria-labelledby="map-display-title">
      <header className="panel-heading">
        <h3 id="map-display-title">{t('map.display')}</h3>
      </header>
      {colourEnterprises && (
        <SelectField
          label={t('map.display.colourBy')}
          value={display.colourBy}
          options={colourDimensions.map((dimension) => ({
            value: dimension,
            label: t(`map.colourBy.${dimension}`),
          }))}
          onChange={(value) => {
            const colourBy = colourDimensions.find((dimension) => dimension === value)
            if (colourBy) onChange({ ...display, colourBy })
          }}
        />
      )}
      <SelectField
        label={t('map.display.measure')}
        value={display.measure ?? 'none'}
        options={[
          ...choroplethMeasures.map((measure) => ({ value: measure, label: t(`map.measure.${measure}`) })),
          { value: 'none', label: t('map.measure.none') },
        ]}
        onChange={(value) => {
          const measure: ChoroplethMeasure | null = choroplethMeasures.find((m) => m === value) ?? null
          onChange({ ...display, measure })
        }}
      />
      {levels.length > 1 && (
        <SelectField
          label={t('map.display.level')}
          value={level}
          options={levels.map((value) => ({ value, label: levelLabel(value) }))}
          onChange={(value) => onChange({ ...display, regionLevel: value })}
        />
      )}
      <fieldset className="layer-toggles">
        <legend>{t('map.display.layers')}</legend>
        {layerToggles.map((layer: LayerToggle) => (
          <label key={layer} className="checkbox">
            <input
              type="checkbox"
              checked={display.layers[layer]}
              onChange={(event) =>
                onChange({ ...display, layers: { ...display.layers, [layer]: event.target.checked } })
              }
            />
            {t(`map.layer.${layer}`)}
          </label>
        ))}
      </fieldset>
    </section>
  )
}

function levelLabel(level: string): string {
  const known = regionLevels.find((candidate) => candidate === level)
  return known ? t(`regionLevel.${known}`) : level
}
