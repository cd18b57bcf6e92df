import { formatEwcCode } from '@contract/codes.js'
import { useEffect, useRef, useState } from 'react'
import { api } from '../../api/endpoints.js'
import { type CodeOption, CodePicker } from '../../components/code-picker.js'
import { t } from '../../i18n/index.js'
import type { CatalogTitles } from './catalog-titles.js'
import { SelectField } from './select-field.js'

type EwcFilterProps = {
  /** The filter as digits: a chapter (10), sub-chapter (1001) or entry (100102). */
  value: string | undefined
  titles: CatalogTitles
  onChange: (ewc: string | undefined) => void
}

/**
 * The List of Waste filter in two steps: a chapter from a list, then (optionally) a sub-chapter
 * or entry found by code or words within it. Both write the one `ewc` filter.
 */
export function EwcFilter({ value, titles, onChange }: EwcFilterProps) {
  const chapter = value?.slice(0, 2) ?? ''
  const code = value !== undefined && value.length > 2 ? value : undefined
  const [picked, setPicked] = useState<CodeOption | null>(null)
  // The picker keeps typed text when its value goes; a code cleared from outside (the chapter
  // changed, "clear the filters", back button) must empty it, so the picker is started afresh.
  const [pickerKey, setPickerKey] = useState(0)
  const changedByPicker = useRef(false)
  useEffect(() => {
    if (code === undefined && !changedByPicker.current) setPickerKey((key) => key + 1)
    changedByPicker.current = false
  }, [code])

  // A code that came with the URL is shown with its title, looked up once.
  useEffect(() => {
    if (code === undefined || picked?.code === code) return
    let current = true
    api.ewcEntry(code).then(
      (entry) => current && setPicked(toOption(entry)),
      () => current && setPicked({ code, display: formatEwcCode(code), description: '' }),
    )
    return () => {
      current = false
    }
  }, [code, picked?.code])

  const search = async (query: string): Promise<CodeOption[]> => {
    const page = await api.searchEwc({ q: query, chapter: chapter || undefined, limit: 20 })
    return page.items.filter((entry) => entry.level !== 'chapter').map(toOption)
  }

  return (
    <>
      <SelectField
        label={t('map.filter.ewcChapter')}
        value={chapter}
        options={[
          { value: '', label: t('map.filter.anyChapter') },
          ...[...titles.ewcChapters].map(([code, title]) => ({ value: code, label: `${code} ${title}` })),
        ]}
        onChange={(next) => {
          setPicked(null)
          onChange(next || undefined)
        }}
      />
      <CodePicker
        key={pickerKey}
        label={t('map.filter.ewcCode')}
        value={code === undefined ? null : picked}
        search={search}
        onChange={(option) => {
          changedByPicker.current = true
          setPicked(option)
          onChange(option ? option.code : chapter || undefined)
        }}
      />
    </>
  )
}

function toOption(entry: {
  code: string
  display: string
  description: string
  hazardous: boolean
}): CodeOption {
  return {
    code: entry.code,
    display: entry.display,
    description: entry.description,
    hazardous: entry.hazardous,
  }
}
