import type { WasteStream } from '@contract/waste-streams.js'
import { describe, expect, it } from 'vitest'
import {
  emptyEnterprise,
  emptyStream,
  placeEnterprisePath,
  draftOfStream,
  placeStreamPath,
  streamBody,
  validateDraft,
} from './enterprise-draft.js'

const site = { ...emptyEnterprise(), name: 'Works', longitude: '49.6', latitude: '40.6' }
const cement = { code: '23.51', display: '23.51', description: 'Manufacture of cement' }
const flyAsh = { code: '100102', display: '10 01 02', description: 'coal fly ash' }

describe('validateDraft', () => {
  it('names every missing field of an empty form by the path the server would use', () => {
    const errors = validateDraft(emptyEnterprise(), [])
    expect(Object.keys(errors).sort()).toEqual(['body.location', 'body.naceCode', 'body.name'])
  })

  it('asks for the density of a volume, on that stream row, and never guesses it', () => {
    const stream = {
      ...emptyStream(),
      ewc: flyAsh,
      quantity: '3',
      unit: 'm3' as const,
      basis: 'measured' as const,
    }
    const errors = validateDraft({ ...site, nace: cement }, [stream])
    expect(Object.keys(errors)).toEqual([`streams.${stream.key}.densityTPerM3`])
  })

  it('reports a quantity typed as words as not a number', () => {
    const stream = { ...emptyStream(), ewc: flyAsh, quantity: 'lots', basis: 'measured' as const }
    const errors = validateDraft({ ...site, nace: cement }, [stream])
    expect(errors[`streams.${stream.key}.quantity`]).toEqual(['must be a number'])
  })
})

describe('streamBody', () => {
  it('drops a density left over from a volume once the unit is tonnes', () => {
    const body = streamBody({ ...emptyStream(), ewc: flyAsh, quantity: '1,5', densityTPerM3: '0.9' })
    expect(body.densityTPerM3).toBeNull()
    expect(body.quantity).toBe(1.5)
  })

  it('sends back the stored fields the form has no field for, so saving does not clear them', () => {
    const stored: WasteStream = {
      id: 7,
      enterpriseId: 3,
      ewcCode: '100102',
      ewcDescription: 'coal fly ash',
      hazardous: false,
      description: 'Fly ash',
      streamRef: 'KILN-1',
      physicalState: 'powder',
      quantity: 40,
      unit: 't',
      period: 'year',
      densityTPerM3: null,
      batchesPerYear: null,
      quantityTonnesPerYear: 40,
      frequency: 'continuous',
      basis: 'measured',
      routeCode: 'R5',
      routeSite: 'off_site',
      receiverName: 'Cement plant',
      receiverEnterpriseId: 9,
      costPerYear: 1200,
      costCurrency: 'AZN',
      surveyYear: 2024,
      offeredAsByproduct: true,
      version: 2,
      updatedAt: '2026-01-01T00:00:00.000Z',
    }
    const body = streamBody({ ...draftOfStream(stored), quantity: '45' })
    expect(body).toMatchObject({
      quantity: 45,
      streamRef: 'KILN-1',
      offeredAsByproduct: true,
      receiverName: 'Cement plant',
      receiverEnterpriseId: 9,
      costPerYear: 1200,
      costCurrency: 'AZN',
      physicalState: 'powder',
      frequency: 'continuous',
      routeSite: 'off_site',
    })
  })
})

describe('error placement', () => {
  it('puts coordinate errors beside the location and stream errors on their row', () => {
    expect(placeEnterprisePath('body.location.coordinates.1')).toBe('body.location')
    expect(placeStreamPath('new-3', 'body.quantity')).toBe('streams.new-3.quantity')
    expect(placeStreamPath('new-3', 'params.id')).toBe('streams.new-3.row')
  })
})
