import type { ReactNode } from 'react'

/** A column heading: its text, or its content with `number` to right-align a figures column. */
export type Column = ReactNode | { label: ReactNode; number: true }

const isNumberColumn = (column: Column): column is { label: ReactNode; number: true } =>
  typeof column === 'object' && column !== null && 'number' in column

/** A figures column, right-aligned like its cells (`td.number`). */
export const numberColumn = (label: ReactNode): Column => ({ label, number: true })

/** A data table's head row: one `th scope="col"` a column, figures right-aligned. */
export function TableHead({ columns }: { columns: readonly Column[] }) {
  return (
    <thead>
      <tr>
        {columns.map((column, index) =>
          isNumberColumn(column) ? (
            // columns are positional
            <th scope="col" className="number" key={index}>
              {column.label}
            </th>
          ) : (
            // columns are positional
            <th scope="col" key={index}>
              {column}
            </th>
          ),
        )}
      </tr>
    </thead>
  )
}
