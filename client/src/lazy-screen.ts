import { type ComponentType, lazy } from 'react'

/**
 * A screen loaded on its first visit (React.lazy over a module's named export): each screen and
 * what only it uses (maplibre-gl, terra-draw, Observable Plot) is a chunk of its own, so the entry
 * chunk holds the shell of the app only (issue 11).
 */
export function lazyScreen<Name extends string, Props extends object>(
  load: () => Promise<Record<Name, ComponentType<Props>>>,
  name: Name,
) {
  return lazy(async () => ({ default: (await load())[name] }))
}
