import type { ReactNode } from 'react'

type ChartCardProps = {
  title: string
  /** Downloads or controls beside the title; hidden in print. */
  actions?: ReactNode
  /** A line under the chart: what it leaves out, how to read it. */
  note?: ReactNode
  wide?: boolean
  testId?: string
  children: ReactNode
}

/** One panel of the dashboard: a titled chart or table. */
export function ChartCard({ title, actions, note, wide = false, testId, children }: ChartCardProps) {
  return (
    <section
      className={`dashboard-card${wide ? ' dashboard-card-wide' : ''}`}
      aria-label={title}
      data-testid={testId}
    >
      <header>
        <h3>{title}</h3>
        {actions && <div className="dashboard-actions">{actions}</div>}
      </header>
      {children}
      {note && <p className="dashboard-note">{note}</p>}
    </section>
  )
}
