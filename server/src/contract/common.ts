import { z } from 'zod'

/** Shared pieces of the API contract. */

export const booleanQuery = z
  .enum(['true', 'false'], { message: 'must be true or false' })
  .transform((value) => value === 'true')

export const idParamsSchema = z.object({
  // ids are PostgreSQL integers: a larger number is a bad request, not a database error
  id: z.coerce
    .number()
    .int()
    .positive('must be a positive integer id')
    .max(2_147_483_647, 'is not an id: too large'),
})

/** R1–R13 recovery and D1–D15 disposal operations (Directive 2008/98/EC, Annexes I and II). */
export const routeCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^(R([1-9]|1[0-3])|D([1-9]|1[0-5]))$/, 'must be a recovery (R1–R13) or disposal (D1–D15) operation')
  .describe('Waste management operation, R1–R13 or D1–D15')

/** Optimistic concurrency: every update names the version it was based on; a stale one gets 409. */
export const versionSchema = z
  .number()
  .int()
  .positive()
  .describe('The version this change is based on, as last read; a stale version is refused with 409')

// NUL is the point of the pattern, not a slip
// eslint-disable-next-line no-control-regex
const badCodePoints = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

/**
 * Text no field may hold: NUL (U+0000, which PostgreSQL's text and jsonb cannot store) and lone
 * UTF-16 surrogates (JSON's "\ud800" escapes: not a Unicode character, not encodable as UTF-8).
 * Returns the reason, or undefined for good text.
 */
export function badCodePoint(text: string): string | undefined {
  badCodePoints.lastIndex = 0
  const found = badCodePoints.exec(text)
  if (!found) return undefined
  const code = found[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')
  const where = `at character ${found.index + 1}`
  return code === '0000'
    ? `contains U+0000 (NUL) ${where}, which text may not hold`
    : `contains a lone surrogate U+${code} ${where}, which is not a Unicode character`
}

/** The text with every bad code point replaced by U+FFFD, safe to quote back in a report. */
export function withoutBadCodePoints(text: string): string {
  return text.replace(badCodePoints, '\ufffd')
}

/**
 * The first string in a parsed request part (body, query, params) that holds a bad code point,
 * with its path (`body.properties.name`): the one check every text field and property name of
 * every route goes through before its schema (registered in app.ts), so no contract can forget it.
 */
export function findBadText(value: unknown, path: string): { path: string; message: string } | undefined {
  // paths are built only for the one found: a 10 MB boundary file has a million positions
  type Item = { value: unknown; key: string; parent: Item | undefined }
  const pathOf = (item: Item): string => (item.parent ? `${pathOf(item.parent)}.${item.key}` : item.key)
  const stack: Item[] = []
  const push = (child: unknown, key: string, parent: Item | undefined) => {
    if (typeof child === 'string' || (child !== null && typeof child === 'object')) {
      stack.push({ value: child, key, parent })
    }
  }
  push(value, path, undefined)
  while (stack.length > 0) {
    const item = stack.pop() as Item
    if (typeof item.value === 'string') {
      const reason = badCodePoint(item.value)
      if (reason) return { path: pathOf(item), message: reason }
    } else if (Array.isArray(item.value)) {
      const array = item.value as unknown[]
      for (let i = array.length - 1; i >= 0; i--) push(array[i], String(i), item)
    } else {
      // plain objects only (a query string parses into one whose prototype has none), not a stream
      const prototype = Object.getPrototypeOf(item.value) as object | null
      const plain =
        prototype === null || prototype === Object.prototype || Object.getPrototypeOf(prototype) === null
      if (!plain) continue
      const entries = Object.entries(item.value as Record<string, unknown>)
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i] as [string, unknown]
        const reason = badCodePoint(key)
        if (reason) {
          return { path: `${pathOf(item)}.${withoutBadCodePoints(key)}`, message: `the name ${reason}` }
        }
        push(child, key, item)
      }
    }
  }
  return undefined
}

/** A refinement for any z.string(): refuses NUL and lone surrogates with the reason. */
export function goodText(schema: z.ZodString) {
  return schema.superRefine((value, context) => {
    const reason = badCodePoint(value)
    if (reason) context.addIssue({ code: 'custom', message: reason })
  })
}

/** Free text fields: trimmed, bounded, empty means null, no NUL or lone surrogate. */
export function optionalText(max: number) {
  return goodText(z.string())
    .trim()
    .max(max, `must be at most ${max} characters`)
    .transform((value) => (value === '' ? null : value))
    .nullable()
    .optional()
}

export const surveyYearSchema = z
  .number()
  .int('must be a whole year')
  .min(1990, 'must be 1990 or later')
  .max(2100, 'must be 2100 or earlier')

// OpenAPI component names: fastify-type-provider-zod names the input variant of a schema
// `<id>Input`, so request schemas are named New<Thing> / <Thing>Change to never collide.
