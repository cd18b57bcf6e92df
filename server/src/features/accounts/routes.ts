import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { createdResponses, replyCreated } from '../created-route.js'
import { z } from 'zod'
import {
  newUserSchema,
  sessionSchema,
  signInSchema,
  userChangeSchema,
  userSchema,
} from '../../contract/accounts.js'
import { idParamsSchema } from '../../contract/common.js'
import { apiErrorSchema } from '../../contract/errors.js'
import type { Database } from '../../db/database.js'
import { deleteSession, SESSION_HOURS } from '../../domain/account/sessions.js'
import { SESSION_COOKIE } from '../../plugins/auth.js'
import { HttpError } from '../../plugins/error-handler.js'
import { changeUser, createUser, sessionOf, signIn, users } from './service.js'
import { type SignInLimits, SignInLockedOut, signInLimiter } from './sign-in-limits.js'

export const accountRoutes =
  ({ db }: Database, { signInLimits }: { signInLimits: SignInLimits }): FastifyPluginAsyncZod =>
  async (app) => {
    // failures are rows in the database: every instance sharing it enforces one limit (issue 14)
    const limiter = signInLimiter(db, signInLimits)
    app.get(
      '/session',
      {
        schema: {
          tags: ['accounts'],
          summary: 'Who is signed in, and the CSRF token for writes',
          response: { 200: sessionSchema },
        },
      },
      async (request) => sessionOf(db, request.viewer, request.csrfToken),
    )

    app.post(
      '/session',
      {
        // no CSRF token before there is a session; failed tries are limited (sign-in-limits.ts)
        config: { csrf: false },
        schema: {
          tags: ['accounts'],
          summary: 'Sign in with e-mail and password; sets the session cookie',
          body: signInSchema,
          response: { 200: sessionSchema, 400: apiErrorSchema, 401: apiErrorSchema, 429: apiErrorSchema },
        },
      },
      async (request, reply) => {
        // a new session id on every sign-in, and the old one ended (no session fixation)
        const { email, password } = request.body
        try {
          await limiter.check(email, request.ip)
        } catch (error) {
          if (error instanceof SignInLockedOut) reply.header('Retry-After', String(error.retryAfterSeconds))
          throw error
        }
        const previous = request.cookies[SESSION_COOKIE]
        if (previous) await deleteSession(db, previous)
        const signedIn = await signIn(db, email, password).catch(async (error: unknown) => {
          if (error instanceof HttpError && error.statusCode === 401) await limiter.failed(email, request.ip)
          throw error
        })
        await limiter.succeeded(email)
        const { user, token, csrfToken } = signedIn
        reply.setCookie(SESSION_COOKIE, token, {
          path: '/',
          httpOnly: true,
          sameSite: 'lax',
          secure: 'auto',
          maxAge: SESSION_HOURS * 3600,
        })
        return sessionOf(db, { kind: 'user', userId: user.id }, csrfToken)
      },
    )

    app.delete(
      '/session',
      { schema: { tags: ['accounts'], summary: 'Sign out', response: { 204: z.null() } } },
      async (request, reply) => {
        const token = request.cookies[SESSION_COOKIE]
        if (token) await deleteSession(db, token)
        reply.clearCookie(SESSION_COOKIE, { path: '/' })
        return reply.code(204).send(null)
      },
    )

    app.get(
      '/users',
      {
        schema: {
          tags: ['accounts'],
          summary: 'All accounts (admin)',
          response: { 200: z.array(userSchema) },
        },
      },
      async () => users(db),
    )

    app.post(
      '/users',
      {
        schema: {
          tags: ['accounts'],
          summary: 'Create an account (admin)',
          body: newUserSchema,
          response: createdResponses(userSchema),
        },
      },
      (request, reply) => replyCreated(reply, createUser(db, request.body)),
    )

    app.put(
      '/users/:id',
      {
        schema: {
          tags: ['accounts'],
          summary: 'Change role, regions or enterprise, disable, or reset the password (admin)',
          params: idParamsSchema,
          body: userChangeSchema,
          response: { 200: userSchema, 400: apiErrorSchema, 404: apiErrorSchema, 409: apiErrorSchema },
        },
      },
      async (request) => changeUser(db, request.params.id, request.body),
    )
  }
