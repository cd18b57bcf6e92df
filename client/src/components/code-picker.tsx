import { type KeyboardEvent, useEffect, useId, useState } from 'react'
import { t } from '../i18n/index.js'
import { useDebounced } from './use-debounced.js'

export type CodeOption = {
  /** The code as the API takes it: `100102`, `23.51`. */
  code: string
  /** The code as people read it: `10 01 02*`, `23.51`. */
  display: string
  description: string
  hazardous?: boolean
}

type CodePickerProps = {
  label: string
  value: CodeOption | null
  onChange: (option: CodeOption | null) => void
  /** Looks up options for what was typed: a code in any spelling or words. */
  search: (query: string) => Promise<CodeOption[]>
  /** aria-invalid / aria-describedby from the form, so a field error is read with the picker. */
  inputProps?: { 'aria-invalid'?: boolean; 'aria-describedby'?: string }
  name?: string
}

const label = (option: CodeOption) => `${option.display} — ${option.description}`

/**
 * A search-as-you-type picker for catalogue codes, following the ARIA combobox pattern: type a
 * code or words, move with ↑/↓, take with Enter, leave with Escape. Only a picked entry counts,
 * so a half-typed code never reaches the server as if it were chosen.
 */
export function CodePicker({
  label: fieldLabel,
  value,
  onChange,
  search,
  inputProps,
  name,
}: CodePickerProps) {
  const id = useId()
  const listId = `${id}-list`
  const [text, setText] = useState(value ? label(value) : '')
  const [open, setOpen] = useState(false)
  const [options, setOptions] = useState<CodeOption[]>([])
  const [active, setActive] = useState(-1)
  const [searching, setSearching] = useState(false)
  const query = useDebounced(text, 200)

  // A value set from outside (the record loaded) shows as its label; clearing it while typing
  // keeps what was typed.
  // the code identifies the value
  useEffect(() => {
    if (value) setText(label(value))
    // eslint-disable-next-line react-hooks/exhaustive-deps -- see the comment above the effect
  }, [value?.code])

  // `search` is a fresh closure each render; the query drives it
  useEffect(() => {
    if (!open || query.trim() === '' || (value && query === label(value))) return
    let current = true
    setSearching(true)
    search(query.trim()).then(
      (found) => {
        if (!current) return
        setOptions(found)
        setActive(found.length > 0 ? 0 : -1)
        setSearching(false)
      },
      () => current && setSearching(false),
    )
    return () => {
      current = false
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- see the comment above the effect
  }, [query, open])

  const pick = (option: CodeOption) => {
    onChange(option)
    setText(label(option))
    setOpen(false)
    setOptions([])
  }

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault()
      setOpen(true)
      setActive((i) => Math.min(i + 1, options.length - 1))
    } else if (event.key === 'ArrowUp') {
      event.preventDefault()
      setActive((i) => Math.max(i - 1, 0))
    } else if (event.key === 'Enter' && open && options[active]) {
      event.preventDefault()
      pick(options[active])
    } else if (event.key === 'Escape') {
      setOpen(false)
    }
  }

  const expanded = open && text.trim() !== '' && !(value && text === label(value))
  return (
    <div className="code-picker">
      <label htmlFor={id}>{fieldLabel}</label>
      <input
        id={id}
        name={name}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? `${listId}-${active}` : undefined}
        placeholder={t('picker.placeholder')}
        value={text}
        onChange={(event) => {
          setText(event.target.value)
          setOpen(true)
          if (value) onChange(null)
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
        {...inputProps}
      />
      {/* The ARIA 1.2 combobox pattern: focus stays in the input, aria-activedescendant points at the option. */}
      {/* biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: listbox of the combobox pattern */}
      <ul id={listId} role="listbox" aria-label={fieldLabel} className="code-options" hidden={!expanded}>
        {searching && options.length === 0 && <li className="muted">{t('map.loading')}</li>}
        {!searching && options.length === 0 && <li className="muted">{t('picker.none')}</li>}
        {options.map((option, index) => (
          // biome-ignore lint/a11y/useFocusableInteractive: options are reached through aria-activedescendant
          <li
            key={option.code}
            id={`${listId}-${index}`}
            // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: option of the combobox pattern
            role="option"
            aria-selected={index === active}
            // mousedown, not click: the input's blur would close the list before a click lands.
            onMouseDown={(event) => {
              event.preventDefault()
              pick(option)
            }}
          >
            <span className="code">{option.display}</span> {option.description}
          </li>
        ))}
      </ul>
    </div>
  )
}
