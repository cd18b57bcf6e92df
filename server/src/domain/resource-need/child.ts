import type { ResourceNeed, ResourceNeedInput } from '../../contract/resource-needs.js'
import type { EnterpriseChild } from '../enterprise-child.js'
import { checkEwcCodesKnown } from '../ewc/known-codes.js'
import { toResourceNeed, toResourceNeedColumns, toResourceNeedListItem } from './mapper.js'
import { type ResourceNeedRow, selectResourceNeeds, surveyResourceNeeds } from './queries.js'

/** Resource needs as children of their enterprise (domain/enterprise-child.ts). */
export const resourceNeedChild: EnterpriseChild<
  'resource_needs',
  ResourceNeedRow,
  ResourceNeed,
  ResourceNeedInput
> = {
  table: 'resource_needs',
  alias: 'n',
  entity: 'resource_need',
  label: 'Resource need',
  select: selectResourceNeeds,
  surveyQuery: surveyResourceNeeds,
  toApi: toResourceNeed,
  toListItem: toResourceNeedListItem,
  toColumns: toResourceNeedColumns,
  check: (db, input) => checkEwcCodesKnown(db, input.ewcCodes, 'ewcCodes'),
}
