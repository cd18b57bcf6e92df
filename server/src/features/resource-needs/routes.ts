import {
  resourceNeedInputSchema,
  resourceNeedListSchema,
  resourceNeedPageSchema,
  resourceNeedSchema,
  resourceNeedUpdateSchema,
} from '../../contract/resource-needs.js'
import type { Database } from '../../db/database.js'
import { resourceNeedChild } from '../../domain/resource-need/child.js'
import { enterpriseChildRoutes } from '../enterprise-child-routes.js'

export const resourceNeedRoutes = (database: Database) =>
  enterpriseChildRoutes(
    {
      child: resourceNeedChild,
      path: 'resource-needs',
      tag: 'resource needs',
      schemas: {
        input: resourceNeedInputSchema,
        update: resourceNeedUpdateSchema,
        item: resourceNeedSchema,
        list: resourceNeedListSchema,
        page: resourceNeedPageSchema,
      },
      summaries: {
        survey: 'Resource needs of the enterprises the survey filters select, paged',
        list: "An enterprise's resource needs (what it can take)",
        create: 'Record a resource need',
        update: 'Replace a resource need; a stale version is refused with 409',
        remove: 'Delete a resource need',
      },
    },
    database,
  )
