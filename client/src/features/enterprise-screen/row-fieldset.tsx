import type { ReactNode } from 'react'
import { FieldError, type FieldErrors } from '../../components/field-error.js'

/** What each row editor (streams, needs, permits) takes from the form. */
export type RowsProps<D> = {
  rows: D[]
  errors: FieldErrors
  onChange: (key: string, change: Partial<D>) => void
  onRemove: (key: string) => void
}

/**
 * One row of a kind: a fieldset with its legend and fields, then the messages about the row as a
 * whole (`<kind>.<key>.row`), its links and the button that removes it.
 */
export function RowFieldset({
  testId,
  legend,
  errors,
  rowPath,
  removeLabel,
  onRemove,
  links,
  children,
}: {
  testId: string
  legend: ReactNode
  errors: FieldErrors
  rowPath: string
  removeLabel: string
  onRemove: () => void
  links?: ReactNode
  children: ReactNode
}) {
  return (
    <fieldset className="stream-row" data-testid={testId}>
      <legend>{legend}</legend>
      {children}
      <FieldError errors={errors} path={rowPath} />
      {links}
      <button type="button" className="link-button" onClick={onRemove}>
        {removeLabel}
      </button>
    </fieldset>
  )
}

/** A kind of row in the form: its heading, a note while there are none, the rows and "Add". */
export function RowSection({
  title,
  noneText,
  count,
  addLabel,
  onAdd,
  children,
}: {
  title: string
  noneText: string
  count: number
  /** Left out where the viewer may not add (the fieldset is locked). */
  addLabel: string | undefined
  onAdd: () => void
  children: ReactNode
}) {
  return (
    <>
      <h3>{title}</h3>
      {count === 0 && <p className="muted">{noneText}</p>}
      {children}
      {addLabel !== undefined && (
        <button type="button" onClick={onAdd}>
          {addLabel}
        </button>
      )}
    </>
  )
}
