import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'

/** Repository root: data, fixtures, migrations and the built client are found relative to it. */
export const repoRoot = path.resolve(import.meta.dirname, '../..')

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes')

/**
 * LOOPMAP_TRUST_PROXY: `false` (default: the client is whoever connects), `true` (trust every
 * proxy: only when the server is reachable through the proxy alone) or a comma-separated list
 * of proxy addresses/CIDRs (`127.0.0.1,10.0.0.0/8`), as Fastify's trustProxy takes them.
 */
export type TrustProxy = boolean | string[]
const trustProxyFromEnv = z
  .string()
  .trim()
  .regex(
    /^(true|false|yes|no|[0-9a-fA-F.:/]+(\s*,\s*[0-9a-fA-F.:/]+)*)$/,
    'must be true, false or a comma-separated list of proxy addresses (CIDR allowed)',
  )
  .transform((value): TrustProxy => {
    if (value === 'true' || value === 'yes') return true
    if (value === 'false' || value === 'no') return false
    return value.split(',').map((address) => address.trim())
  })

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  DATABASE_READ_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  LOOPMAP_DATA_DIR: z.string().min(1).default('data/pglite'),
  LOOPMAP_SEED_DEMO: booleanFromEnv.default(true),
  LOOPMAP_CLIENT_DIR: z.string().min(1).default('client/dist'),
  LOOPMAP_BASEMAP_STYLE: z
    .url({ protocol: /^https?$/, message: 'must be an http(s) URL of a MapLibre style.json' })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  LOOPMAP_DISCLOSURE_MIN_ENTERPRISES: z.coerce.number().int().min(1).max(100).default(3),
  LOOPMAP_SIGN_IN_ATTEMPTS: z.coerce.number().int().min(1).max(10_000).default(10),
  LOOPMAP_SIGN_IN_ATTEMPTS_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(50),
  LOOPMAP_TRUST_PROXY: trustProxyFromEnv.default(false),
  LOOPMAP_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
})

export type Config = Readonly<{
  port: number
  host: string
  /** Set: a real PostgreSQL + PostGIS. Unset: the embedded PGlite + PostGIS under `dataDir`. */
  databaseUrl: string | undefined
  /** A streaming replica of databaseUrl for read-only requests (db/read-replica.ts). */
  databaseReadUrl: string | undefined
  dataDir: string
  seedDemo: boolean
  clientDir: string
  /** A remote MapLibre style for the basemap; unset: the bundled offline Natural Earth basemap. */
  basemapStyleUrl: string | undefined
  /** Disclosure control: the public never sees a figure built from fewer enterprises than this. */
  disclosureMinEnterprises: number
  /** Failed sign-ins allowed per account in 15 minutes (successful ones are not counted). */
  signInAttempts: number
  /** Failed sign-ins allowed per client address in 15 minutes. */
  signInAttemptsPerAddress: number
  /** Fastify's trustProxy: whose X-Forwarded-For/-Proto to believe (default: nobody's). */
  trustProxy: TrustProxy
  /** PostgreSQL stops a request's statement after this long (0: never); see db/database.ts. */
  statementTimeoutMs: number
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL']
}>

export class ConfigError extends Error {}

/**
 * Reads `<repo>/.env` into `process.env` when the file exists (for the entry points: server,
 * seed, migrate). Variables already set in the environment win over the file.
 */
export function loadDotEnv(file = path.join(repoRoot, '.env')): void {
  if (fs.existsSync(file)) process.loadEnvFile(file)
}

/** Parses the environment once. This is the only place that reads `process.env`. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env)
  if (!parsed.success) {
    const reasons = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)
    throw new ConfigError(`Invalid configuration:\n  ${reasons.join('\n  ')}`)
  }
  const e = parsed.data
  if (e.DATABASE_READ_URL && !e.DATABASE_URL) {
    throw new ConfigError(
      'Invalid configuration:\n  DATABASE_READ_URL: a read replica needs its primary in DATABASE_URL',
    )
  }
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    databaseReadUrl: e.DATABASE_READ_URL,
    dataDir: path.resolve(repoRoot, e.LOOPMAP_DATA_DIR),
    seedDemo: e.LOOPMAP_SEED_DEMO,
    clientDir: path.resolve(repoRoot, e.LOOPMAP_CLIENT_DIR),
    basemapStyleUrl: e.LOOPMAP_BASEMAP_STYLE,
    disclosureMinEnterprises: e.LOOPMAP_DISCLOSURE_MIN_ENTERPRISES,
    signInAttempts: e.LOOPMAP_SIGN_IN_ATTEMPTS,
    signInAttemptsPerAddress: e.LOOPMAP_SIGN_IN_ATTEMPTS_PER_ADDRESS,
    trustProxy: e.LOOPMAP_TRUST_PROXY,
    statementTimeoutMs: e.LOOPMAP_STATEMENT_TIMEOUT_MS,
    logLevel: e.LOG_LEVEL,
  })
}
