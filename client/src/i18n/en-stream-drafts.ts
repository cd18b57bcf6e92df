/** Strings of the carry-forward drafts on the enterprise screen (issue 12). */
export const enStreamDrafts = {
  'drafts.title': 'Carry-forward drafts',
  'drafts.note':
    'Drafts are not counted in any total, map, dashboard or export until you confirm them. Confirm each one as it is or with the new figures, or discard it.',
  'drafts.carry': 'Carry forward from {from} to {to}',
  'drafts.carrying': 'Carrying forward…',
  'drafts.created': '{count} drafts for {year}.',
  'drafts.nothingNew': 'Nothing new to carry forward: {year} already has these streams or drafts of them.',
  'drafts.none': 'No drafts.',
  'drafts.legend': '{code} · {description} → {year}',
  'drafts.noDescription': 'no description',
  'drafts.carriedFigures': 'Carried from the previous year: {quantity} {unit} per {period} = {tonnes} t/year',
  'drafts.route': 'route {route}',
  'drafts.quantity': 'Quantity in {year}',
  'drafts.notANumber': 'must be a number',
  'drafts.confirm': 'Confirm',
  'drafts.confirming': 'Confirming…',
  'drafts.discard': 'Discard',
  'drafts.discarded': 'Draft discarded.',
} as const
