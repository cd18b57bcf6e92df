import type { ReactNode } from 'react'
import { YearRange } from './dashboard-controls.js'
import type { DashboardQuery } from './dashboard-query.js'
import { DashboardTabs } from './dashboard-tabs.js'

type DashboardPageProps = {
  testId: string
  title: string
  query: DashboardQuery
  update: (change: Partial<DashboardQuery>) => void
  /** Controls before the year range (the region picker). */
  before?: ReactNode
  /** Controls after the year range (print, clear). */
  after?: ReactNode
  children: ReactNode
}

/** A dashboard screen's frame: the tabs, its title and the controls every screen has. */
export function DashboardPage({ testId, title, query, update, before, after, children }: DashboardPageProps) {
  return (
    <div className="page dashboard-page" data-testid={testId}>
      <DashboardTabs query={query} />
      <header className="dashboard-header">
        <h2>{title}</h2>
        <div className="dashboard-controls">
          {before}
          <YearRange query={query} update={update} />
          {after}
        </div>
      </header>
      {children}
    </div>
  )
}
