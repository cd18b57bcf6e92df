/**
 * A seeded pseudo-random source (mulberry32: 32-bit state, fast, good enough for synthetic data,
 * not for anything secret) with the few distributions the generator needs. Same seed, same
 * sequence, on every machine: only 32-bit integer arithmetic and Math.log/sqrt/cos are used.
 */
export type Random = {
  /** Uniform in [0, 1). */
  next: () => number
  uniform: (min: number, max: number) => number
  /** Integer in [min, max], both included. */
  int: (min: number, max: number) => number
  chance: (probability: number) => boolean
  normal: () => number
  /** exp(N(log(median), sigma²)): right-skewed, like reported waste quantities. */
  logNormal: (median: number, sigma: number) => number
  poisson: (mean: number) => number
  pick: <T>(items: readonly T[]) => T
  /** One item, with probability proportional to its weight. */
  weighted: <T>(items: Weighted<T>) => T
  /** `count` distinct items (or all of them when there are fewer), in random order. */
  sample: <T>(items: readonly T[], count: number) => T[]
}

export function createRandom(seed: number): Random {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const normal = () => {
    // Box–Muller; 1 - next() keeps the logarithm's argument above zero
    const u = 1 - next()
    const v = next()
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
  }
  const random: Random = {
    next,
    uniform: (min, max) => min + (max - min) * next(),
    int: (min, max) => min + Math.floor((max - min + 1) * next()),
    chance: (probability) => next() < probability,
    normal,
    logNormal: (median, sigma) => median * Math.exp(sigma * normal()),
    poisson(mean) {
      // Knuth's method: fine for the small means used here (a few streams per enterprise)
      const limit = Math.exp(-mean)
      let k = 0
      let p = next()
      while (p > limit) {
        k += 1
        p *= next()
      }
      return k
    },
    pick(items) {
      const item = items[Math.floor(items.length * next())]
      if (item === undefined) throw new Error('pick from an empty list')
      return item
    },
    weighted(items) {
      const total = items.reduce((sum, [, weight]) => sum + weight, 0)
      let target = next() * total
      for (const [item, weight] of items) {
        target -= weight
        if (target < 0) return item
      }
      const last = items[items.length - 1]
      if (last === undefined) throw new Error('weighted pick from an empty list')
      return last[0]
    },
    sample(items, count) {
      const copy = [...items]
      // partial Fisher–Yates: only the first `count` places are shuffled
      const n = Math.min(count, copy.length)
      for (let i = 0; i < n; i += 1) {
        const j = i + Math.floor((copy.length - i) * next())
        const a = copy[i] as (typeof copy)[number]
        copy[i] = copy[j] as (typeof copy)[number]
        copy[j] = a
      }
      return copy.slice(0, n)
    },
  }
  return random
}

export type Weighted<T> = readonly (readonly [T, number])[]

/** A weighted list written compactly: `weights('R4:0.9 D1:0.1')` is `[['R4', 0.9], ['D1', 0.1]]`. */
export function weights(spec: string): Weighted<string> {
  return spec.split(' ').map((entry) => {
    const [item, weight] = entry.split(':')
    if (!item || !(Number(weight) > 0)) throw new Error(`bad weighted entry "${entry}"`)
    return [item, Number(weight)] as const
  })
}
