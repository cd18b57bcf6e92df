import { useId } from 'react'

export type SelectOption = { value: string; label: string; title?: string }

type SelectFieldProps = {
  label: string
  value: string
  options: readonly SelectOption[]
  onChange: (value: string) => void
}

/** A labelled select of the side panel; '' is the "any" option. */
export function SelectField({ label, value, options, onChange }: SelectFieldProps) {
  const id = useId()
  // a value from the URL that is not among the options is still shown, not silently dropped
  const known = options.some((option) => option.value === value)
  return (
    <div className="panel-field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        {options.map((option) => (
          <option key={option.value} value={option.value} title={option.title}>
            {option.label}
          </option>
        ))}
        {!known && <option value={value}>{value}</option>}
      </select>
    </div>
  )
}
