import type { Role, Session } from '@contract/accounts.js'
import { describe, expect, it } from 'vitest'
import { t } from '../../i18n/index.js'
import { capabilitiesOf, navEntries } from './capabilities.js'

const sessionOf = (role: Role, enterpriseId: number | null = null): Session => ({
  signedIn: true,
  user: { id: 1, email: `${role}@example.org`, displayName: null, role, enterpriseId, regionIds: [] },
  csrfToken: 'token',
})
const publicSession: Session = { signedIn: false, user: null, csrfToken: null }
const nav = (session: Session) => navEntries(capabilitiesOf(session)).map((entry) => t(entry.label))

describe('capabilitiesOf', () => {
  it('gives the public no enterprise data and no writes', () => {
    const can = capabilitiesOf(publicSession)
    const granted = Object.entries(can).filter(([, value]) => value === true)
    expect(granted).toEqual([])
    expect(can.viewer).toBe('public')
  })

  it('lets an official read everything and change nothing', () => {
    const can = capabilitiesOf(sessionOf('official'))
    expect([can.listEnterprises, can.readEnterprise, can.seeSingleEnterprises]).toEqual([true, true, true])
    expect([can.createEnterprise, can.editEnterprise, can.deleteEnterprise, can.editStreamsAndNeeds]).toEqual(
      [false, false, false, false],
    )
    expect([can.editPermits, can.importSurveys, can.editRegions, can.manageUsers]).toEqual([
      false,
      false,
      false,
      false,
    ])
  })

  it('lets an enterprise user edit its own record and streams, not permits, the register or the map’s single sites', () => {
    const can = capabilitiesOf(sessionOf('enterprise', 42))
    expect(can.ownEnterpriseId).toBe(42)
    expect([can.readEnterprise, can.editEnterprise, can.editStreamsAndNeeds]).toEqual([true, true, true])
    expect([can.listEnterprises, can.editPermits, can.deleteEnterprise, can.seeSingleEnterprises]).toEqual([
      false,
      false,
      false,
      false,
    ])
  })

  it('keeps regions and users for the admin', () => {
    expect(capabilitiesOf(sessionOf('analyst')).editRegions).toBe(false)
    expect(capabilitiesOf(sessionOf('analyst')).importSurveys).toBe(true)
    expect(capabilitiesOf(sessionOf('admin')).editRegions).toBe(true)
    expect(capabilitiesOf(sessionOf('admin')).manageUsers).toBe(true)
  })
})

describe('navEntries', () => {
  it('lists only the screens each viewer can use', () => {
    expect(nav(publicSession)).toEqual(['Waste map', 'Dashboard', 'Catalogues'])
    expect(nav(sessionOf('enterprise', 7))).toEqual(['Waste map', 'Dashboard', 'My enterprise', 'Catalogues'])
    expect(navEntries(capabilitiesOf(sessionOf('enterprise', 7)))[2]?.to).toBe('/enterprises/7')
    expect(nav(sessionOf('official'))).toEqual(['Waste map', 'Dashboard', 'Enterprises', 'Catalogues'])
    expect(nav(sessionOf('analyst'))).toEqual([
      'Waste map',
      'Dashboard',
      'Enterprises',
      'Import',
      'Catalogues',
    ])
    expect(nav(sessionOf('admin'))).toEqual([
      'Waste map',
      'Dashboard',
      'Enterprises',
      'Regions',
      'Import',
      'Users',
      'Catalogues',
    ])
  })
})
