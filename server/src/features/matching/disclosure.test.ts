import type { FastifyInstance, InjectOptions } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp } from '../../../test/build-app.js'
import { type Credentials, newUser, signIn, withSession } from '../../../test/accounts.js'
import { testDatabase } from '../../../test/database.js'
import { newEnterprise, newRegion, newWasteStream } from '../../../test/factories.js'
import { newPermit, newResourceNeed } from '../../../test/factories-enterprises.js'
import { enterpriseAt, fixtureFactors, haversineKm, matchingArea } from '../../../test/factories-matching.js'
import type { Role } from '../../contract/accounts.js'
import type { ApiError } from '../../contract/errors.js'
import type { SavedMatch } from '../../contract/match-workflow.js'
import type { StreamMatches } from '../../contract/matching.js'

// Issue 13: what a viewer who may not see single enterprises (an enterprise user) gets of the
// other side of a match, that probing ids tells it nothing, and that analysts act on matches
// inside their regions only. Each test has its own square (radius 50 km keeps the others out).
let app: FastifyInstance
beforeAll(async () => {
  app = await buildTestApp({ as: 'public' })
})
afterAll(() => app.close())

const db = async () => (await testDatabase()).db
const NEED_TEXT = 'secret kiln recipe: 30 % ash in the raw mix'
const PERMIT_NUMBER = 'PRM-SECRET-7781'

async function sessionOf(role: Role, options: { enterpriseId?: number; regionIds?: number[] } = {}) {
  return signIn(app, (await newUser(await db(), role, options)).email)
}
async function call<T>(who: Credentials, options: InjectOptions) {
  const response = await app.inject(withSession(who, options))
  return { status: response.statusCode, body: response.json<T>(), raw: response.body }
}

/** The centre of the 0.05° cell a position lies in, as the policy in docs/matching.md states it. */
const cellCentre = (value: number) => Math.round(value / 0.05) * 0.05

/** A supplier and three receivers (need, permit, sector use) off the 0.05° grid, within 50 km. */
async function market() {
  const area = matchingArea()
  const supplier = await enterpriseAt(await db(), area.origin, '35.11', 'Supplier power station')
  const stream = await newWasteStream(await db(), supplier.id, {
    ewc_code: '100102',
    quantity: 1000,
    route_code: 'D1',
  })
  const at = (km: number, north: number) => ({ lon: area.east(km).lon, lat: area.origin.lat + north })
  const places = { need: at(13.37, 0.0113), permit: at(21.9, -0.0171), sector: at(31.3, 0.0212) }
  const needHolder = await enterpriseAt(await db(), places.need, '46.90', 'Hidden Need Holder')
  const need = await newResourceNeed(await db(), needHolder.id, {
    ewc_codes: ['100102'],
    quantity_t_per_year: 5000,
    description: NEED_TEXT,
  })
  const permitHolder = await enterpriseAt(await db(), places.permit, '46.90', 'Hidden Permit Holder')
  const permit = await newPermit(await db(), permitHolder.id, {
    accepted_ewc: ['100102'],
    permit_number: PERMIT_NUMBER,
  })
  const sectorUser = await enterpriseAt(await db(), places.sector, '23.51', 'Hidden Cement Works')
  const receivers = [
    { id: needHolder.id, at: places.need },
    { id: permitHolder.id, at: places.permit },
    { id: sectorUser.id, at: places.sector },
  ]
  return { area, supplier, stream, need, permit, receivers }
}

/** Every number in a JSON value, and every value of a key that names an id. */
function numbersIn(value: unknown, found: number[] = []): number[] {
  if (typeof value === 'number') found.push(value)
  else if (Array.isArray(value)) for (const item of value) numbersIn(item, found)
  else if (value && typeof value === 'object') for (const item of Object.values(value)) numbersIn(item, found)
  return found
}
function idsIn(value: unknown, found: number[] = []): number[] {
  if (Array.isArray(value)) for (const item of value) idsIn(item, found)
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (/id$/i.test(key) && typeof item === 'number') found.push(item)
      idsIn(item, found)
    }
  }
  return found
}

describe('matches as an enterprise user', () => {
  it('has no exact receiver coordinate, distance, id or need text anywhere, and the lines end on the grid', async () => {
    const { area, supplier, stream, receivers } = await market()
    const own = await sessionOf('enterprise', { enterpriseId: supplier.id })
    const { status, body, raw } = await call<StreamMatches>(own, {
      method: 'GET',
      url: `/api/waste-streams/${stream.id}/matches?radiusKm=50`,
    })
    expect(status, raw).toBe(200)
    expect(body.candidates.map((c) => c.source).sort()).toEqual(['need', 'permit', 'sector'])

    const numbers = numbersIn(body)
    const detour = fixtureFactors().value('detour_factor')
    for (const receiver of receivers) {
      for (const coordinate of [receiver.at.lon, receiver.at.lat]) {
        expect(numbers.filter((n) => Math.abs(n - coordinate) < 1e-4)).toEqual([])
      }
      // the true distance appears nowhere, unless the cell centre happens to lie as far away
      // (then the figure below is the cell's, computed to its centre, and tells nothing more)
      const exactKm = haversineKm(area.origin, receiver.at)
      const cellKm = haversineKm(area.origin, {
        lon: cellCentre(receiver.at.lon),
        lat: cellCentre(receiver.at.lat),
      })
      const tenth = (km: number) => Math.round(km * 10) / 10
      // the figures the cell itself gives, and the viewer's own ids (an id of 22 once sat within
      // 0.05 of a 22 km distance), are not the true distance however close they come
      const allowed = [cellKm, tenth(cellKm), cellKm * detour, tenth(cellKm * detour), stream.id, supplier.id]
      for (const km of [exactKm, exactKm * detour]) {
        const leaks = numbers.filter(
          (n) => Math.abs(n - km) < 0.05 && !allowed.some((a) => Math.abs(n - a) < 1e-6),
        )
        expect(leaks).toEqual([])
      }
    }
    // the only ids are the viewer's own: its stream and its enterprise
    expect(new Set(idsIn(body))).toEqual(new Set([stream.id, supplier.id]))
    expect(body.candidates.flatMap((c) => [c.resourceNeedId, c.permitId])).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
    ])
    expect(raw).not.toContain(NEED_TEXT)
    expect(raw).not.toContain(PERMIT_NUMBER)
    expect(raw).not.toContain('Hidden')

    // each receiver stands at its cell's centre, the line ends there, and the distance is to it
    const cells = receivers.map((r) => [cellCentre(r.at.lon), cellCentre(r.at.lat)] as const)
    for (const candidate of body.candidates) {
      expect(candidate.receiver.enterpriseId).toBeNull()
      const [lon, lat] = candidate.receiver.location.coordinates
      const cell = cells.find(([x, y]) => Math.abs(x - lon) < 1e-9 && Math.abs(y - lat) < 1e-9)
      expect(cell, `${lon},${lat} is a cell centre`).toBeDefined()
      expect(candidate.line.coordinates.at(-1)).toEqual(candidate.receiver.location.coordinates)
      const cellKm = haversineKm(area.origin, { lon, lat })
      expect(candidate.distanceKm).toBeCloseTo(Math.round(cellKm * detour * 10) / 10, 6)
      expect(candidate.matchToken).toMatch(/^[\w-]{40,}$/)
    }
  })

  it('proposes a match by its token, and the answer names no receiver; staff see who it is', async () => {
    const { supplier, stream, receivers, need } = await market()
    const own = await sessionOf('enterprise', { enterpriseId: supplier.id })
    const found = await call<StreamMatches>(own, {
      method: 'GET',
      url: `/api/waste-streams/${stream.id}/matches?radiusKm=50`,
    })
    const byNeed = found.body.candidates.find((c) => c.source === 'need')
    if (!byNeed) throw new Error('no need candidate')
    const saved = await call<SavedMatch>(own, {
      method: 'POST',
      url: '/api/matches',
      payload: { wasteStreamId: stream.id, matchToken: byNeed.matchToken },
    })
    expect(saved.status, saved.raw).toBe(201)
    expect(saved.body.status).toBe('proposed')
    expect(saved.body.receiverEnterpriseId).toBeNull()
    expect(saved.raw).not.toContain('Hidden')
    expect(saved.raw).not.toContain(NEED_TEXT)
    expect(new Set(idsIn(saved.body))).toEqual(new Set([saved.body.id, stream.id, supplier.id]))

    const staff = await sessionOf('official')
    const stored = await call<SavedMatch>(staff, { method: 'GET', url: `/api/matches/${saved.body.id}` })
    expect(stored.body.receiverEnterpriseId).toBe(receivers[0]?.id)
    expect(stored.body.resourceNeedId).toBe(need.id)

    // the token is bound to its stream: another stream of the same enterprise does not take it
    const other = await newWasteStream(await db(), supplier.id, { ewc_code: '100101', quantity: 10 })
    const moved = await call<ApiError>(own, {
      method: 'POST',
      url: '/api/matches',
      payload: { wasteStreamId: other.id, matchToken: byNeed.matchToken },
    })
    expect(moved.status).toBe(400)
    expect(moved.body.error.details?.map((d) => d.path)).toEqual(['body.matchToken'])
  })
})

describe('no probing of ids by an enterprise user', () => {
  it('answers an existing other enterprise and a missing id alike, and a foreign stream as a missing one', async () => {
    const { supplier, stream, receivers } = await market()
    const own = await sessionOf('enterprise', { enterpriseId: supplier.id })
    const propose = (payload: Record<string, unknown>) =>
      call<ApiError>(own, { method: 'POST', url: '/api/matches', payload })
    const existing = await propose({ wasteStreamId: stream.id, receiverEnterpriseId: receivers[0]?.id })
    const missing = await propose({ wasteStreamId: stream.id, receiverEnterpriseId: 2_000_000_000 })
    expect(existing.status).toBe(400)
    expect(existing.raw.replace(String(receivers[0]?.id), '#')).toBe(missing.raw.replace('2000000000', '#'))
    expect(existing.raw).not.toContain(String(receivers[0]?.id))

    const theirs = await newWasteStream(await db(), receivers[1]?.id as number, {
      ewc_code: '100102',
      quantity: 5,
    })
    const token = 'A'.repeat(60)
    const foreign = await propose({ wasteStreamId: theirs.id, matchToken: token })
    const absent = await propose({ wasteStreamId: 2_000_000_000, matchToken: token })
    expect(foreign.status).toBe(400)
    expect(foreign.raw.replace(String(theirs.id), '#')).toBe(absent.raw.replace('2000000000', '#'))
  })

  it('says "another enterprise" for a national id in use, to the enterprise; staff are told which', async () => {
    const area = matchingArea()
    const nationalId = `NAT-${process.pid}-${Date.now()}`
    const holder = await newEnterprise(await db(), area.origin, { national_id: nationalId })
    const mine = await newEnterprise(await db(), area.east(5))
    const change = async (who: Credentials) => {
      const current = await call<Record<string, unknown>>(who, {
        method: 'GET',
        url: `/api/enterprises/${mine.id}`,
      })
      const { name, naceCode, location, version } = current.body
      return call<ApiError>(who, {
        method: 'PUT',
        url: `/api/enterprises/${mine.id}`,
        payload: { name, naceCode, location, version, nationalId },
      })
    }
    const asOwner = await change(await sessionOf('enterprise', { enterpriseId: mine.id }))
    expect(asOwner.status, asOwner.raw).toBe(409)
    expect(asOwner.body.error.details).toEqual([
      { path: 'body.nationalId', message: 'already used by another enterprise' },
    ])
    expect(asOwner.raw).not.toContain(`enterprise ${holder.id}`)
    const asAdmin = await change(await sessionOf('admin'))
    expect(asAdmin.body.error.details).toEqual([
      { path: 'body.nationalId', message: `already used by enterprise ${holder.id}` },
    ])
  })
})

describe("analysts' match actions", () => {
  it('are refused with 403 for a supplier outside the regions assigned to them, allowed inside', async () => {
    const { area, stream, receivers } = await market()
    const around = {
      west: area.origin.lon - 0.1,
      south: area.origin.lat - 0.1,
      east: area.origin.lon + 0.6,
      north: area.origin.lat + 0.1,
    }
    const home = await newRegion(await db(), around)
    const elsewhere = await newRegion(await db(), {
      west: around.west,
      south: around.south + 1,
      east: around.east,
      north: around.north + 1,
    })
    const outsider = await sessionOf('analyst', { regionIds: [elsewhere.id] })
    const insider = await sessionOf('analyst', { regionIds: [home.id] })
    const payload = { wasteStreamId: stream.id, receiverEnterpriseId: receivers[0]?.id }

    const refused = await call<ApiError>(outsider, { method: 'POST', url: '/api/matches', payload })
    expect(refused.status, refused.raw).toBe(403)
    expect(refused.body.error.message).toMatch(/outside the regions assigned/)
    const saved = await call<SavedMatch>(insider, { method: 'POST', url: '/api/matches', payload })
    expect(saved.status, saved.raw).toBe(201)

    const move = (who: Credentials, version: number) =>
      call<SavedMatch>(who, {
        method: 'PUT',
        url: `/api/matches/${saved.body.id}`,
        payload: { version, status: 'contacted' },
      })
    expect((await move(outsider, saved.body.version)).status).toBe(403)
    const moved = await move(insider, saved.body.version)
    expect(moved.status, moved.raw).toBe(200)
    expect(moved.body.status).toBe('contacted')
  })
})
