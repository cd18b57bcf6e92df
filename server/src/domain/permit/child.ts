import type { Permit, PermitInput } from '../../contract/permits.js'
import type { EnterpriseChild } from '../enterprise-child.js'
import { checkEwcCodesKnown } from '../ewc/known-codes.js'
import { toPermit, toPermitColumns, toPermitListItem } from './mapper.js'
import { type PermitRow, selectPermits, surveyPermits } from './queries.js'

/** Treatment permits as children of their enterprise (domain/enterprise-child.ts). */
export const permitChild: EnterpriseChild<'permits', PermitRow, Permit, PermitInput> = {
  table: 'permits',
  alias: 'p',
  entity: 'permit',
  label: 'Permit',
  select: selectPermits,
  surveyQuery: surveyPermits,
  toApi: toPermit,
  toListItem: toPermitListItem,
  toColumns: toPermitColumns,
  check: (db, input) => checkEwcCodesKnown(db, input.acceptedEwc, 'acceptedEwc'),
}
