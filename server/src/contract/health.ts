import { z } from 'zod'

export const healthSchema = z
  .object({
    status: z.literal('ok'),
    database: z
      .enum(['pglite', 'postgres'])
      .describe('pglite: the embedded database; postgres: a PostgreSQL server'),
    postgis: z.string().describe('PostGIS library version, e.g. "3.6.2"'),
  })
  .meta({ id: 'Health' })
export type Health = z.infer<typeof healthSchema>
