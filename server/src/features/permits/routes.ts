import {
  permitInputSchema,
  permitListSchema,
  permitPageSchema,
  permitSchema,
  permitUpdateSchema,
} from '../../contract/permits.js'
import type { Database } from '../../db/database.js'
import { permitChild } from '../../domain/permit/child.js'
import { enterpriseChildRoutes } from '../enterprise-child-routes.js'

export const permitRoutes = (database: Database) =>
  enterpriseChildRoutes(
    {
      child: permitChild,
      path: 'permits',
      tag: 'permits',
      schemas: {
        input: permitInputSchema,
        update: permitUpdateSchema,
        item: permitSchema,
        list: permitListSchema,
        page: permitPageSchema,
      },
      summaries: {
        survey: 'Permits of the enterprises the survey filters select, paged',
        list: "An enterprise's treatment permits (operation, accepted EWC codes, capacity)",
        create: 'Record a treatment permit (R/D operation, accepted EWC codes or prefixes, capacity)',
        update: 'Replace a permit; a stale version is refused with 409',
        remove: 'Delete a permit',
      },
    },
    database,
  )
