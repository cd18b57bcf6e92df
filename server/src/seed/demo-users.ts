import type { Kysely } from 'kysely'
import type { Role } from '../contract/accounts.js'
import type { DB } from '../db/schema.js'
import { hashPassword } from '../features/accounts/password.js'

const SEED_NAME = 'demo:users'

/**
 * One account per role for trying Loopmap out — only with the demo data, marked is_demo, and
 * printed at seeding (and in the README). Never on a database without the demo.
 */
export const demoUsers: { email: string; password: string; role: Role; displayName: string }[] = [
  {
    email: 'admin@demo.loopmap.org',
    password: 'demo-admin-password',
    role: 'admin',
    displayName: 'Demo admin',
  },
  {
    email: 'analyst@demo.loopmap.org',
    password: 'demo-analyst-password',
    role: 'analyst',
    displayName: 'Demo analyst',
  },
  {
    email: 'official@demo.loopmap.org',
    password: 'demo-official-password',
    role: 'official',
    displayName: 'Demo official',
  },
  {
    email: 'enterprise@demo.loopmap.org',
    password: 'demo-enterprise-password',
    role: 'enterprise',
    displayName: 'Demo enterprise',
  },
]

export async function seedDemoUsers(
  db: Kysely<DB>,
  log: (message: string) => void = () => {},
): Promise<boolean> {
  const done = await db
    .selectFrom('seed_runs')
    .select('name')
    .where('name', '=', SEED_NAME)
    .executeTakeFirst()
  if (done) return false
  // the analyst works in the demo pilot region; the enterprise user is the demo enterprise with
  // the most tonnes offered as by-products, so "find buyers" has something to show
  const pilot = await db.selectFrom('regions').select('id').where('code', '=', 'AZ-DEMO').executeTakeFirst()
  const offering = await db
    .selectFrom('waste_streams as w')
    .innerJoin('enterprises as e', 'e.id', 'w.enterprise_id')
    .select(['e.id', 'e.name'])
    .where('e.is_demo', '=', true)
    .where('w.offered_as_byproduct', '=', true)
    .groupBy(['e.id', 'e.name'])
    .orderBy((eb) => eb.fn.sum('w.quantity_t_per_year'), 'desc')
    .orderBy('e.id')
    .executeTakeFirst()
  if (!pilot || !offering) throw new Error('the demo users need the demo data: seed it first')

  await db.transaction().execute(async (trx) => {
    for (const user of demoUsers) {
      const { id } = await trx
        .insertInto('users')
        .values({
          email: user.email,
          display_name: user.displayName,
          password_hash: await hashPassword(user.password),
          role: user.role,
          enterprise_id: user.role === 'enterprise' ? offering.id : null,
          is_demo: true,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      if (user.role === 'analyst')
        await trx.insertInto('user_regions').values({ user_id: id, region_id: pilot.id }).execute()
    }
    await trx.insertInto('seed_runs').values({ name: SEED_NAME, checksum: 'v1' }).execute()
  })
  log('Demo accounts (demo data only — change or disable them before real use):')
  for (const user of demoUsers) {
    const who = user.role === 'enterprise' ? ` for ${offering.name}` : ''
    log(`  ${user.role.padEnd(10)} ${user.email}  password: ${user.password}${who}`)
  }
  return true
}
