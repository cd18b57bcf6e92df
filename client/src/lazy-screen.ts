import { type ComponentType, lazy, type LazyExoticComponent } from 'react'

/** For each screen, the module that exports a component of that name. */
type Loaders<L> = { [Name in keyof L]: () => Promise<Record<Name, ComponentType<never>>> }

type Screens<L> = {
  [Name in keyof L]: L[Name] extends () => Promise<Record<Name, ComponentType<infer Props>>>
    ? LazyExoticComponent<ComponentType<Props>>
    : never
}

/**
 * Screens loaded on their first visit (React.lazy over each module's export of the same name):
 * each screen and what only it uses (maplibre-gl, terra-draw, Observable Plot) is a chunk of its
 * own, so the entry chunk holds the shell of the app only (issue 11).
 */
export function lazyScreens<L extends Loaders<L>>(loaders: L): Screens<L> {
  const screens = Object.entries<() => Promise<object>>(loaders).map(([name, load]) => [
    name,
    lazy(async () => {
      const module = (await load()) as Record<string, ComponentType>
      // the type of `loaders` holds that the module exports `name`
      return { default: module[name]! }
    }),
  ])
  return Object.fromEntries(screens) as Screens<L>
}
