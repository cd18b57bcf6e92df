import { type InputHTMLAttributes, type ReactNode, useId } from 'react'
import { type CodeOption, CodePicker } from './code-picker.js'
import { describedBy, FieldError, type FieldErrors } from './field-error.js'

/**
 * Labelled form fields, one markup for every form: a `.field` box with its label, the control
 * and the message for the error path it answers to (`body.name`, `streams.<key>.quantity`).
 * The control is tied to its message by aria-describedby, so a screen reader reads both.
 */
type FieldBase = {
  label: string
  /** The form's messages, by path; with `path`, the one for this field shows under it. */
  errors?: FieldErrors
  path?: string
  /** Added to `field`: `wide` in a row editor. */
  className?: string
  /** Several controls share one message (longitude and latitude): it shows once, below them. */
  errorBelowGroup?: boolean
}

/** What a control needs from its field: its id (for the label) and its error description. */
export type ControlProps = { id: string; 'aria-invalid'?: boolean; 'aria-describedby'?: string }

const noErrors: FieldErrors = {}
const boxClass = (className: string | undefined) => (className ? `field ${className}` : 'field')

/** A labelled field around any control (a textarea, a file input); the others below build on it. */
export function Field({
  label,
  errors = noErrors,
  path,
  className,
  errorBelowGroup = false,
  children,
}: FieldBase & { children: (control: ControlProps) => ReactNode }) {
  const id = useId()
  return (
    <div className={boxClass(className)}>
      <label htmlFor={id}>{label}</label>
      {children({ id, ...(path === undefined ? {} : describedBy(errors, path)) })}
      {path !== undefined && !errorBelowGroup && <FieldError errors={errors} path={path} />}
    </div>
  )
}

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange' | 'className'>

/** A text input; the value is the text as typed. */
export function TextField({
  label,
  errors,
  path,
  className,
  errorBelowGroup,
  value,
  onChange,
  ...input
}: FieldBase & InputProps & { value: string; onChange: (value: string) => void }) {
  return (
    <Field {...{ label, errors, path, className, errorBelowGroup }}>
      {(control) => (
        <input {...input} {...control} value={value} onChange={(e) => onChange(e.target.value)} />
      )}
    </Field>
  )
}

/**
 * A figure, typed as text so a half-typed number is kept and the contract names what is wrong
 * with it; `inputMode` brings up the number keyboard (`numeric` for whole numbers).
 */
export function NumberField({
  inputMode = 'decimal',
  ...props
}: Parameters<typeof TextField>[0] & { inputMode?: 'decimal' | 'numeric' }) {
  return <TextField {...props} inputMode={inputMode} />
}

type SelectFieldProps<T extends string, O extends T> = FieldBase & {
  value: T
  /** Each shown by `optionLabel`; an empty choice is `empty`, grouped ones come as `children`. */
  options?: readonly O[]
  optionLabel?: (value: O) => string
  /** The label of the first, empty choice ("Unknown", "Choose…") where none is allowed. */
  empty?: string
  onChange: (value: T) => void
  children?: ReactNode
}

/** A select of known values: `onChange` gets one of the values it offers. */
export function SelectField<T extends string, O extends T = T>({
  value,
  options = [],
  optionLabel = String,
  empty,
  onChange,
  children,
  ...field
}: SelectFieldProps<T, O>) {
  return (
    <Field {...field}>
      {(control) => (
        // the select offers only `options`, `children` and the empty choice, so its value is a T
        <select {...control} value={value} onChange={(e) => onChange(e.target.value as T)}>
          {empty !== undefined && <option value="">{empty}</option>}
          {options.map((option) => (
            <option key={option} value={option}>
              {optionLabel(option)}
            </option>
          ))}
          {children}
        </select>
      )}
    </Field>
  )
}

type CheckboxProps = { label: string; checked: boolean; onChange: (checked: boolean) => void }

/** A checkbox inside its label, for a choice or a filter (`.checkbox`). */
export function Checkbox({
  label,
  checked,
  onChange,
  className = 'checkbox',
}: CheckboxProps & { className?: string }) {
  return (
    <label className={className || undefined}>
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} /> {label}
    </label>
  )
}

/** A checkbox among a form's fields, with the message for its path. */
export function CheckboxField({
  errors = noErrors,
  path,
  ...checkbox
}: CheckboxProps & { errors?: FieldErrors; path: string }) {
  return (
    <div className="field checkbox-field">
      <Checkbox {...checkbox} className="" />
      <FieldError errors={errors} path={path} />
    </div>
  )
}

/** A catalogue code picked by search (components/code-picker.tsx), with what goes with it as children. */
export function CodePickerField({
  errors = noErrors,
  path,
  className,
  children,
  ...picker
}: {
  label: string
  name: string
  value: CodeOption | null
  onChange: (option: CodeOption | null) => void
  search: (query: string) => Promise<CodeOption[]>
  errors?: FieldErrors
  path: string
  className?: string
  children?: ReactNode
}) {
  return (
    <div className={boxClass(className)}>
      <CodePicker {...picker} inputProps={describedBy(errors, path)} />
      {children}
      <FieldError errors={errors} path={path} />
    </div>
  )
}

/** A file chosen from disk; `children` show under it (a message about what was read). */
export function FileField({
  label,
  accept,
  onChange,
  children,
}: {
  label: string
  accept: string
  onChange: (file: File | undefined) => void
  children?: ReactNode
}) {
  return (
    <Field label={label}>
      {(control) => (
        <>
          <input {...control} type="file" accept={accept} onChange={(e) => onChange(e.target.files?.[0])} />
          {children}
        </>
      )}
    </Field>
  )
}

/**
 * The `errors` and `path` props of a form's fields, whose paths share a shape:
 * `const at = errorsAt(errors, (field) => \`body.${field}\`)`, then `<TextField {...at('name')} … />`.
 */
export const errorsAt =
  (errors: FieldErrors, pathOf: (field: string) => string) =>
  (field: string): { errors: FieldErrors; path: string } => ({ errors, path: pathOf(field) })
