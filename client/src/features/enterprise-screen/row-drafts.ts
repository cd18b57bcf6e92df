import type { ZodType } from 'zod'
import { type FieldErrors, fieldErrorsOf, fieldErrorsOfIssues } from '../../components/field-error.js'

/**
 * An enterprise's rows of one kind as the form edits them (waste streams, resource needs,
 * permits): the same rules for each kind, written once.
 */
export type RowKind = 'streams' | 'needs' | 'permits'

export type RowDraft = {
  /** Stable React key and error-path segment, also for rows not saved yet. */
  key: string
  id?: number
  version?: number
}

/** The rows on screen, the saved ones taken off it, and what was last saved of each (to send only a change). */
export type RowSet<D extends RowDraft> = {
  rows: D[]
  removed: D[]
  saved: ReadonlyMap<number, string>
}

let nextKey = 0
/** A key for a row not saved yet: `new-need-3`. */
export const newRowKey = (kind: string) => `new-${kind}-${++nextKey}`

/** The rows as loaded, each remembered as saved. */
export function rowSetOf<D extends RowDraft>(rows: D[], body: (row: D) => unknown): RowSet<D> {
  return {
    rows,
    removed: [],
    saved: new Map(
      rows.flatMap((row) => (row.id === undefined ? [] : [[row.id, JSON.stringify(body(row))]])),
    ),
  }
}

export const editRow = <D extends RowDraft>(set: RowSet<D>, key: string, change: Partial<D>): RowSet<D> => ({
  ...set,
  rows: set.rows.map((row) => (row.key === key ? { ...row, ...change } : row)),
})

export const addRow = <D extends RowDraft>(set: RowSet<D>, row: D): RowSet<D> => ({
  ...set,
  rows: [...set.rows, row],
})

/** A saved row goes on the list to delete on save; a new one just goes. */
export function removeRow<D extends RowDraft>(set: RowSet<D>, key: string): RowSet<D> {
  const gone = set.rows.find((row) => row.key === key)
  return {
    ...set,
    rows: set.rows.filter((row) => row.key !== key),
    removed: gone?.id === undefined ? set.removed : [...set.removed, gone],
  }
}

/** Where a row's field error shows: `<kind>.<row key>.<field>`. */
export const rowPath = (kind: RowKind, key: string, field: string) => `${kind}.${key}.${field}`

/** A server path `body.<field>.*` lands beside that field of the row, anything else on the row. */
export function placeRowPath(kind: RowKind, key: string, path: string): string {
  const field = path.split('.')[1]
  return rowPath(kind, key, path.startsWith('body.') && field ? field : 'row')
}

/**
 * A typed figure as the API takes it: empty is null, a number is a number, and anything else is
 * sent as the text it is, so the contract answers "must be a number" next to the field.
 */
export function figure(value: string): number | null {
  const trimmed = value.trim().replace(',', '.')
  if (trimmed === '') return null
  const n = Number(trimmed)
  return (Number.isFinite(n) ? n : trimmed) as number
}

/** A loaded figure as the form shows it: absent is empty. */
export const numberText = (value: number | null | undefined) => (value == null ? '' : String(value))

/** Checks each row with the contract the server applies, placing each issue beside its field. */
export function rowIssues<D extends RowDraft>(
  kind: RowKind,
  rows: readonly D[],
  schema: ZodType,
  body: (row: D) => unknown,
): FieldErrors {
  const errors: FieldErrors = {}
  for (const row of rows) {
    const issues = schema.safeParse(body(row)).error?.issues ?? []
    Object.assign(
      errors,
      fieldErrorsOfIssues(issues, (path) => placeRowPath(kind, row.key, path)),
    )
  }
  return errors
}

/** The endpoints of one kind of row, for one enterprise (api/endpoints.ts, `rowsOf`). */
export type RowEndpoints<B> = {
  create: (body: B) => Promise<{ id: number; version: number }>
  update: (id: number, body: B & { version: number }) => Promise<{ version: number }>
  remove: (id: number) => Promise<unknown>
}

export type SavedRows<D extends RowDraft> = { set: RowSet<D>; errors: FieldErrors; failure: unknown }

/**
 * Saves one kind of row: removed rows are deleted, new ones created, changed ones sent with their
 * version (a 409 comes back as the failure, so the stale-version message and Reload show). A
 * refused row keeps its draft and its messages, and saving again sends only what is still unsaved.
 */
export async function saveRows<D extends RowDraft, B>(
  kind: RowKind,
  set: RowSet<D>,
  body: (row: D) => B,
  endpoints: RowEndpoints<B>,
): Promise<SavedRows<D>> {
  const errors: FieldErrors = {}
  let failure: unknown
  const refused = (row: D, error: unknown) => {
    Object.assign(
      errors,
      fieldErrorsOf(error, (path) => placeRowPath(kind, row.key, path)),
    )
    failure ??= error
  }
  const saved = new Map(set.saved)
  for (const row of set.removed) {
    if (row.id === undefined) continue
    try {
      await endpoints.remove(row.id)
      saved.delete(row.id)
    } catch (error) {
      refused(row, error)
    }
  }
  const rows: D[] = []
  for (const row of set.rows) {
    const sent = body(row)
    const text = JSON.stringify(sent)
    try {
      if (row.id === undefined) {
        const created = await endpoints.create(sent)
        saved.set(created.id, text)
        rows.push({ ...row, id: created.id, version: created.version })
      } else if (saved.get(row.id) !== text && row.version !== undefined) {
        const changed = await endpoints.update(row.id, { ...sent, version: row.version })
        saved.set(row.id, text)
        rows.push({ ...row, version: changed.version })
      } else {
        rows.push(row)
      }
    } catch (error) {
      refused(row, error)
      rows.push(row)
    }
  }
  return { set: { rows, removed: [], saved }, errors, failure }
}
