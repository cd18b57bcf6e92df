import {
  type EwcSearchQuery,
  ewcPageSchema,
  type NaceSearchQuery,
  nacePageSchema,
} from '@contract/catalog.js'
import { enterpriseCollectionSchema } from '@contract/enterprises.js'
import { healthSchema } from '@contract/health.js'
import { regionCollectionSchema } from '@contract/regions.js'
import { getJson } from './client.js'

/** The API as the client uses it: one function per endpoint, typed by the server's contract. */
export const api = {
  health: () => getJson(healthSchema, 'health'),
  regions: () => getJson(regionCollectionSchema, 'regions'),
  enterprises: (query: { regionId?: number } = {}) =>
    getJson(enterpriseCollectionSchema, 'enterprises', query),
  searchEwc: (query: EwcSearchQuery) => getJson(ewcPageSchema, 'catalog/ewc', query),
  searchNace: (query: NaceSearchQuery) => getJson(nacePageSchema, 'catalog/nace', query),
}
