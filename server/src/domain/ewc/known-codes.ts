import { formatEwcCode } from '../../contract/codes.js'
import { HttpError } from '../../plugins/error-handler.js'
import type { Db } from '../../db/database.js'

/**
 * Every named code (entry, sub-chapter or chapter) must be in the List of Waste; each miss is
 * named as `body.<field>.<index>` in one 400.
 */
export async function checkEwcCodesKnown(db: Db, codes: string[], field: string): Promise<void> {
  if (codes.length === 0) return
  const rows = await db.selectFrom('ewc_codes').select('code').where('code', 'in', codes).execute()
  const known = new Set(rows.map((row) => row.code))
  const details = codes.flatMap((code, index) =>
    known.has(code)
      ? []
      : [
          {
            path: `body.${field}.${index}`,
            message: `${formatEwcCode(code)} is not in the European List of Waste`,
          },
        ],
  )
  if (details.length > 0) {
    throw new HttpError(
      400,
      'VALIDATION_FAILED',
      `Invalid body: ${details.map((d) => `${d.path}: ${d.message}`).join('; ')}`,
      details,
    )
  }
}
