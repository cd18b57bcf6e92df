import { type RegionLevel, regionLevels } from '@contract/regions.js'
import type { FieldErrors } from '../../components/field-error.js'
import { SelectField } from '../../components/fields.js'
import { t } from '../../i18n/index.js'

/** The level a region is drawn or imported at (country, admin1 …), for both forms of the editor. */
export function RegionLevelField(props: {
  value: RegionLevel
  onChange: (level: RegionLevel) => void
  errors: FieldErrors
  path: string
}) {
  return (
    <SelectField
      label={t('regionEditor.level')}
      options={regionLevels}
      optionLabel={(level) => t(`regionLevel.${level}`)}
      {...props}
    />
  )
}
