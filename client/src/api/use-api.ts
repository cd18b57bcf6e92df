import { useEffect, useState, useSyncExternalStore } from 'react'
import { sessionStore } from './session-store.js'

export type ApiState<T> =
  { status: 'loading' } | { status: 'ready'; data: T } | { status: 'failed'; message: string }

const signInCount = () => sessionStore.get().signIns

/**
 * Runs `load` whenever `key` changes (callers build the key from what `load` reads) and keeps
 * only the latest answer: an older, slower answer never overwrites a newer one. A failed load
 * runs again after the next sign-in (it was most likely refused for want of a session).
 */
export function useApi<T>(load: () => Promise<T>, key = ''): ApiState<T> {
  const [state, setState] = useState<ApiState<T>>({ status: 'loading' })
  const signIns = useSyncExternalStore(sessionStore.subscribe, signInCount)
  const [seenSignIns, setSeenSignIns] = useState(signIns)
  const [retries, setRetries] = useState(0)
  // adjusting state while rendering, as React recommends for "when a value changes"
  if (signIns !== seenSignIns) {
    setSeenSignIns(signIns)
    if (state.status === 'failed') setRetries((n) => n + 1)
  }
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
  }, [key, retries])
  return state
}
