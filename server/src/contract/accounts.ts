import { z } from 'zod'
import { versionSchema } from './common.js'

/** Signed-in roles; a visitor without a session is the public. */
export const roles = ['admin', 'analyst', 'official', 'enterprise'] as const
export const roleSchema = z.enum(roles).describe('admin, analyst, official or enterprise')
export type Role = z.infer<typeof roleSchema>
/** A signed-in user's role, or `public` without a session: what access and disclosure go by. */
export type ViewerRole = Role | 'public'

/** Who a request is from. */
export type Viewer =
  | { kind: 'public' }
  | { kind: 'user'; userId: number; role: Role; enterpriseId: number | null; regionIds: number[] }

/** Header that carries the session's CSRF token with every cookie-authenticated write. */
export const CSRF_HEADER = 'x-csrf-token'

const password = z
  .string()
  .min(12, 'must be at least 12 characters')
  .max(200, 'must be at most 200 characters')

export const signInSchema = z
  .object({
    email: z.string().trim().toLowerCase().email('must be an e-mail address').max(200),
    password: z.string().min(1, 'must not be empty').max(200),
  })
  .meta({ id: 'SignIn' })

/** Who an account is: shared by the session's user and the admin's view of an account. */
const accountFields = {
  id: z.number().int(),
  email: z.string(),
  displayName: z.string().nullable(),
  role: roleSchema,
  enterpriseId: z.number().int().nullable(),
}

export const sessionSchema = z
  .object({
    signedIn: z.boolean(),
    user: z
      .object({
        ...accountFields,
        regionIds: z.array(z.number().int()).describe('Where an analyst may edit'),
      })
      .nullable(),
    csrfToken: z.string().nullable().describe(`Send it back in the ${CSRF_HEADER} header with every write`),
  })
  .meta({ id: 'Session' })
export type Session = z.infer<typeof sessionSchema>

export const userSchema = z
  .object({
    ...accountFields,
    regionIds: z.array(z.number().int()),
    disabled: z.boolean(),
    isDemo: z.boolean(),
    version: z.number().int(),
  })
  .meta({ id: 'User' })
export type User = z.infer<typeof userSchema>

const userFields = {
  displayName: z.string().trim().max(200).nullable().optional(),
  role: roleSchema,
  enterpriseId: z
    .number()
    .int()
    .positive()
    .nullable()
    .optional()
    .describe('Required for the enterprise role'),
  regionIds: z.array(z.number().int().positive()).max(200).default([]).describe('For analysts'),
}

function enterpriseRoleNeedsEnterprise(
  value: { role: Role; enterpriseId?: number | null | undefined },
  ctx: z.RefinementCtx,
) {
  if ((value.role === 'enterprise') !== (value.enterpriseId != null)) {
    ctx.addIssue({
      code: 'custom',
      path: ['enterpriseId'],
      message: 'an enterprise user needs an enterpriseId, and only an enterprise user has one',
    })
  }
}

export const newUserSchema = z
  .object({ email: signInSchema.shape.email, password, ...userFields })
  .superRefine(enterpriseRoleNeedsEnterprise)
  .meta({ id: 'NewUser' })
export type NewUser = z.infer<typeof newUserSchema>

export const userChangeSchema = z
  .object({
    ...userFields,
    disabled: z.boolean().default(false),
    password: password.optional().describe('A new password (an admin resetting it)'),
    version: versionSchema,
  })
  .superRefine(enterpriseRoleNeedsEnterprise)
  .meta({ id: 'UserChange' })
export type UserChange = z.infer<typeof userChangeSchema>
