import type { FastifyReply } from 'fastify'
import type { ZodType } from 'zod'
import { apiErrorSchema } from '../contract/errors.js'

/** The answers of a route that creates a row: 201 with it, 400 for a bad body, 409 for a conflict. */
export function createdResponses<T extends ZodType>(created: T) {
  return { 201: created, 400: apiErrorSchema, 409: apiErrorSchema }
}

/** Sends what a create answered with 201 Created. */
export async function replyCreated<T>(reply: FastifyReply, created: Promise<T>) {
  return reply.code(201).send(await created)
}
