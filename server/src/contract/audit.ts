import { z } from 'zod'

/** What the audit log records changes of (the server's recordAudit takes the same names). */
export const auditEntities = [
  'region',
  'enterprise',
  'waste_stream',
  'resource_need',
  'permit',
  'import',
  'match',
  'user',
] as const
export type AuditEntityName = (typeof auditEntities)[number]

export const auditActions = ['create', 'update', 'delete'] as const

export const auditQuerySchema = z.object({
  entity: z
    .enum(auditEntities, { message: `must be one of ${auditEntities.join(', ')}` })
    .optional()
    .describe('Only changes of this kind of record'),
  entityId: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(100)
    .optional()
    .describe('Only changes of this record (its id), usually together with entity'),
  limit: z.coerce.number().int().min(1).max(1000).default(100).describe('Page size, 1–1000'),
  offset: z.coerce.number().int().min(0).default(0),
})
export type AuditQuery = z.infer<typeof auditQuerySchema>

export const auditEntrySchema = z
  .object({
    id: z.number().int(),
    at: z.iso.datetime().describe('When the change was committed'),
    userId: z.number().int().nullable().describe('Who made it; null until accounts exist'),
    entity: z.string().describe('Kind of record: enterprise, region, waste_stream …'),
    entityId: z.string(),
    action: z.enum(auditActions),
    before: z.unknown().describe('The record as the API showed it before the change; null for a create'),
    after: z.unknown().describe('The record as the API showed it after the change; null for a delete'),
  })
  .describe('One change, as recorded in the same transaction that made it')
  .meta({ id: 'AuditEntry' })
export type AuditEntry = z.infer<typeof auditEntrySchema>

export const auditPageSchema = z
  .object({
    total: z.number().int().describe('Matching entries before paging'),
    items: z.array(auditEntrySchema).describe('Newest first'),
  })
  .meta({ id: 'AuditPage' })
export type AuditPage = z.infer<typeof auditPageSchema>
