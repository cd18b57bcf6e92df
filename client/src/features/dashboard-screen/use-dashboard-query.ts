import { useMemo } from 'react'
import { useSearchParams } from 'react-router-dom'
import { type DashboardQuery, readDashboardQuery, writeDashboardQuery } from './dashboard-query.js'

/** The dashboard's query, kept in the URL so a view can be bookmarked, shared and printed again. */
export function useDashboardQuery(): [DashboardQuery, (change: Partial<DashboardQuery>) => void] {
  const [params, setParams] = useSearchParams()
  const query = useMemo(() => readDashboardQuery(params), [params])
  const update = (change: Partial<DashboardQuery>) => setParams(writeDashboardQuery({ ...query, ...change }))
  return [query, update]
}
