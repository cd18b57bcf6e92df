import type { FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { apiErrorSchema } from '../contract/errors.js'
import { surveyFiltersSchema } from '../contract/survey-filters.js'
import {
  enterpriseItemParamsSchema,
  enterpriseScopeParamsSchema,
  surveyListPaging,
} from '../contract/waste-streams.js'
import type { Database } from '../db/database.js'
import {
  type ChildRowBase,
  type ChildTable,
  type ChildWriter,
  createChild,
  deleteChild,
  type EnterpriseChild,
  listChildrenOf,
  listSurveyChildren,
  updateChild,
} from '../domain/enterprise-child.js'

/** Who writes, as the child writes need it: whether the viewer sees single enterprises. */
export const writerOf = (request: FastifyRequest): ChildWriter => ({
  seesSingleEnterprises: request.disclosure.seesSmallCells,
})

/**
 * The routes of a child nested under an enterprise, the same for waste streams, resource needs
 * and permits: `GET /<kind>` (the survey list) and `/enterprises/:enterpriseId/<kind>[/:id]`.
 */
export type ChildRoutesDefinition<
  T extends ChildTable,
  Row extends ChildRowBase,
  Api extends { version: number },
  Input,
> = {
  child: EnterpriseChild<T, Row, Api, Input>
  /** The path segment: `waste-streams`. */
  path: string
  tag: string
  schemas: {
    input: z.ZodType<Input>
    update: z.ZodType<Input & { version: number }>
    item: z.ZodType<Api>
    list: z.ZodType<{ items: Api[] }>
    page: z.ZodType<{ total: number; items: (Api & { enterpriseName: string })[] }>
  }
  summaries: { survey: string; list: string; create: string; update: string; remove: string }
}

export const enterpriseChildRoutes =
  <T extends ChildTable, Row extends ChildRowBase, Api extends { version: number }, Input>(
    { child, path, tag, schemas, summaries }: ChildRoutesDefinition<T, Row, Api, Input>,
    { db }: Database,
  ): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = [tag]
    const nested = `/enterprises/:enterpriseId/${path}`
    // The type provider cannot resolve a schema of a type parameter: the bodies and the answer
    // are seen as unknown here, and the handlers say what the schemas made them.
    const wide: { input: z.ZodType; update: z.ZodType; item: z.ZodType } = schemas

    app.get(
      `/${path}`,
      {
        schema: {
          tags,
          summary: summaries.survey,
          querystring: surveyFiltersSchema.extend(surveyListPaging),
          response: { 200: schemas.page, 400: apiErrorSchema },
        },
      },
      (request) => listSurveyChildren(db, child, request.query),
    )

    app.get(
      nested,
      {
        schema: {
          tags,
          summary: summaries.list,
          params: enterpriseScopeParamsSchema,
          response: { 200: schemas.list, 400: apiErrorSchema, 404: apiErrorSchema },
        },
      },
      async (request) => ({ items: await listChildrenOf(db, child, request.params.enterpriseId) }),
    )

    app.post(
      nested,
      {
        schema: {
          tags,
          summary: summaries.create,
          params: enterpriseScopeParamsSchema,
          body: wide.input,
          response: { 201: wide.item, 400: apiErrorSchema, 404: apiErrorSchema },
        },
      },
      async (request, reply) => {
        const created = await createChild(
          db,
          child,
          request.params.enterpriseId,
          request.body as Input,
          writerOf(request),
        )
        return reply.code(201).send(created)
      },
    )

    app.put(
      `${nested}/:id`,
      {
        schema: {
          tags,
          summary: summaries.update,
          params: enterpriseItemParamsSchema,
          body: wide.update,
          response: { 200: wide.item, 400: apiErrorSchema, 404: apiErrorSchema, 409: apiErrorSchema },
        },
      },
      async (request, reply) => {
        const { enterpriseId, id } = request.params
        const change = request.body as Input & { version: number }
        return reply.send(await updateChild(db, child, enterpriseId, id, change, writerOf(request)))
      },
    )

    app.delete(
      `${nested}/:id`,
      {
        schema: {
          tags,
          summary: summaries.remove,
          params: enterpriseItemParamsSchema,
          response: { 204: z.null().describe('Deleted'), 400: apiErrorSchema, 404: apiErrorSchema },
        },
      },
      async (request, reply) => {
        await deleteChild(db, child, request.params.enterpriseId, request.params.id)
        return reply.code(204).send(null)
      },
    )
  }
