import { parseArgs } from 'node:util'
import { newUserSchema } from '../server/src/contract/accounts.js'
import { loadConfig, loadDotEnv } from '../server/src/config.js'
import { openDatabase } from '../server/src/db/database.js'
import { randomPassword } from '../server/src/features/accounts/password.js'
import { createUser } from '../server/src/features/accounts/service.js'
import { prepareDatabase } from '../server/src/seed/index.js'

// `npm run user:create -- --role admin --email you@example.org [--name "…"] [--enterprise-id N]
//   [--region-id N …] [--password …]` — the first admin comes from here. Without --password a
// random one is made and printed once: there is never a default password.
const { values } = parseArgs({
  options: {
    role: { type: 'string' },
    email: { type: 'string' },
    name: { type: 'string' },
    password: { type: 'string' },
    'enterprise-id': { type: 'string' },
    'region-id': { type: 'string', multiple: true },
  },
})
const password = values.password ?? randomPassword()
const input = newUserSchema.safeParse({
  email: values.email,
  password,
  role: values.role,
  displayName: values.name ?? null,
  enterpriseId: values['enterprise-id'] === undefined ? null : Number(values['enterprise-id']),
  regionIds: (values['region-id'] ?? []).map(Number),
})
if (!input.success) {
  for (const issue of input.error.issues)
    console.error(`--${issue.path.join('.') || 'input'}: ${issue.message}`)
  console.error(
    'usage: npm run user:create -- --role admin|analyst|official|enterprise --email E [--password P]',
  )
  process.exit(2)
}

loadDotEnv()
const config = loadConfig()
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
try {
  await prepareDatabase(database, { demo: false })
  const user = await createUser(database.db, input.data)
  console.log(`Created ${user.role} ${user.email} (id ${user.id}).`)
  if (values.password === undefined)
    console.log(`Password (shown once, change it after signing in): ${password}`)
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  process.exitCode = 1
} finally {
  await database.close()
}
