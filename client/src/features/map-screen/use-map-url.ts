import { useCallback, useMemo, useRef } from 'react'
import { useLocation, useSearchParams } from 'react-router-dom'
import { type MapUrlState, parseMapUrl, writeMapUrl } from './map-url-state.js'

type Update = (change: Partial<MapUrlState>, options?: { replace?: boolean }) => void

/**
 * The map's state lives in the URL. Parsed objects keep their identity while their content is
 * unchanged, so a camera move does not look like a filter change to the map's effects.
 */
export function useMapUrl(): [MapUrlState, Update] {
  const [params, setParams] = useSearchParams()
  const { pathname } = useLocation()
  const previous = useRef<MapUrlState>(undefined)
  const state = useMemo(() => {
    const next = parseMapUrl(params)
    const last = previous.current
    const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)
    const stable: MapUrlState = last
      ? {
          ...next,
          camera: same(last.camera, next.camera) ? last.camera : next.camera,
          filters: same(last.filters, next.filters) ? last.filters : next.filters,
          display: same(last.display, next.display) ? last.display : next.display,
        }
      : next
    previous.current = stable
    return stable
  }, [params])

  const update = useCallback<Update>(
    (change, options) => {
      // The map can still report a camera move after the user has left for another screen (the
      // route changes before the map is removed); writing it would navigate back to the map.
      if (window.location.pathname !== pathname) return
      // From the address bar, not react-router's `current`: that is the last render's, so a camera
      // move written just after a layer switch would put the old switch back (a lost update).
      const current = new URLSearchParams(window.location.search)
      const next = writeMapUrl({ ...parseMapUrl(current), ...change })
      if (next.toString() !== current.toString()) setParams(next, options)
    },
    [setParams, pathname],
  )
  return [state, update]
}
