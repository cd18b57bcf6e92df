import { useEffect, useState } from 'react'

export type ApiState<T> =
  { status: 'loading' } | { status: 'ready'; data: T } | { status: 'failed'; message: string }

/**
 * Runs `load` whenever `key` changes (callers build the key from what `load` reads) and keeps
 * only the latest answer: an older, slower answer never overwrites a newer one.
 */
export function useApi<T>(load: () => Promise<T>, key = ''): ApiState<T> {
  const [state, setState] = useState<ApiState<T>>({ status: 'loading' })
  // `key` stands for what `load` reads
  useEffect(() => {
    let current = true
    setState({ status: 'loading' })
    load().then(
      (data) => current && setState({ status: 'ready', data }),
      (error: unknown) =>
        current &&
        setState({ status: 'failed', message: error instanceof Error ? error.message : String(error) }),
    )
    return () => {
      current = false
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- see the comment above the effect
  }, [key])
  return state
}
