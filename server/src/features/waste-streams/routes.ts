import {
  wasteStreamInputSchema,
  wasteStreamListSchema,
  wasteStreamPageSchema,
  wasteStreamSchema,
  wasteStreamUpdateSchema,
} from '../../contract/waste-streams.js'
import type { Database } from '../../db/database.js'
import { wasteStreamChild } from '../../domain/waste-stream/child.js'
import { enterpriseChildRoutes } from '../enterprise-child-routes.js'

export const wasteStreamRoutes = (database: Database) =>
  enterpriseChildRoutes(
    {
      child: wasteStreamChild,
      path: 'waste-streams',
      tag: 'waste streams',
      schemas: {
        input: wasteStreamInputSchema,
        update: wasteStreamUpdateSchema,
        item: wasteStreamSchema,
        list: wasteStreamListSchema,
        page: wasteStreamPageSchema,
      },
      summaries: {
        survey: 'Waste streams of every enterprise, under the survey filters, paged',
        list: "An enterprise's waste streams",
        create: 'Record a waste stream; the quantity is normalised to tonnes per year',
        update: 'Replace a waste stream; a stale version is refused with 409',
        remove: 'Delete a waste stream',
      },
    },
    database,
  )
