import type { Enterprise } from '../../contract/enterprises.js'
import type { Db } from '../../db/database.js'
import { notFound } from '../../plugins/error-handler.js'
import { listChildRows } from '../enterprise-child.js'
import { permitChild } from '../permit/child.js'
import { resourceNeedChild } from '../resource-need/child.js'
import { wasteStreamChild } from '../waste-stream/child.js'
import { toEnterprise } from './mapper.js'
import { findEnterprise, lockEnterprise } from './queries.js'

/**
 * The enterprise as the API shows it, with its streams, needs and permits read by their own
 * selects; undefined when missing. `lock` first takes the enterprise's row lock.
 */
export async function readEnterprise(db: Db, id: number, lock = false): Promise<Enterprise | undefined> {
  if (lock && !(await lockEnterprise(db, id))) return undefined
  const enterprise = await findEnterprise(db, id)
  if (!enterprise) return undefined
  // one after another: on PGlite (one connection) parallel queries queue anyway
  const wasteStreams = await listChildRows(db, wasteStreamChild, id)
  const resourceNeeds = await listChildRows(db, resourceNeedChild, id)
  const permits = await listChildRows(db, permitChild, id)
  return toEnterprise({ enterprise, wasteStreams, resourceNeeds, permits })
}

/** As readEnterprise, 404 when missing. */
export async function getEnterprise(db: Db, id: number, lock = false): Promise<Enterprise> {
  const enterprise = await readEnterprise(db, id, lock)
  if (!enterprise) throw notFound(`Enterprise ${id}`)
  return enterprise
}
