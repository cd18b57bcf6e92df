import { describe, expect, it } from 'vitest'
import { ApiRequestError } from '../../api/client.js'
import { enterpriseFormReducer, formStateOf } from './enterprise-draft.js'
import { emptyNeed, type NeedDraft, needBody } from './needs-permits-draft.js'
import { type RowEndpoints, rowSetOf, saveRows } from './row-drafts.js'

type Body = ReturnType<typeof needBody>

/** Endpoints over an in-memory table, recording each call; a body whose category is "refuse" gets a 400. */
function memoryEndpoints() {
  const calls: string[] = []
  let lastId = 10
  const refuse = (body: Body) => {
    if (body.materialCategory === 'refuse') {
      throw new ApiRequestError(400, {
        code: 'VALIDATION_FAILED',
        message: 'Invalid',
        details: [{ path: 'body.materialCategory', message: 'refused' }],
      })
    }
  }
  const endpoints: RowEndpoints<Body> = {
    create: async (body) => {
      refuse(body)
      calls.push('create')
      return { id: ++lastId, version: 1 }
    },
    update: async (id, body) => {
      refuse(body)
      calls.push(`update ${id} v${body.version}`)
      return { version: body.version + 1 }
    },
    remove: async (id) => {
      calls.push(`remove ${id}`)
    },
  }
  return { calls, endpoints }
}

const savedNeed = (id: number, materialCategory: string): NeedDraft => ({
  ...emptyNeed(),
  key: `saved-${id}`,
  id,
  version: 3,
  materialCategory,
})

describe('saveRows', () => {
  it('deletes removed rows, creates new ones and sends only the changed ones, with their version', async () => {
    const { calls, endpoints } = memoryEndpoints()
    const slag = savedNeed(1, 'slag')
    const ash = savedNeed(2, 'ash')
    const set = {
      ...rowSetOf([slag, ash], needBody),
      rows: [
        { ...slag, materialCategory: 'crushed slag' },
        { ...emptyNeed(), materialCategory: 'glass' },
      ],
      removed: [ash],
    }
    const result = await saveRows('needs', set, needBody, endpoints)
    expect(calls).toEqual(['remove 2', 'update 1 v3', 'create'])
    expect(result.failure).toBeUndefined()
    expect(result.set.rows.map((row) => [row.id, row.version])).toEqual([
      [1, 4],
      [11, 1],
    ])

    // Saved again unchanged: nothing is sent.
    calls.length = 0
    await saveRows('needs', result.set, needBody, endpoints)
    expect(calls).toEqual([])
  })

  it('keeps a refused row with its message beside the field, and still saves the others', async () => {
    const { calls, endpoints } = memoryEndpoints()
    const refused = { ...emptyNeed(), materialCategory: 'refuse' }
    const set = rowSetOf([refused, { ...emptyNeed(), materialCategory: 'glass' }], needBody)
    const result = await saveRows('needs', set, needBody, endpoints)
    expect(calls).toEqual(['create'])
    expect(result.failure).toBeInstanceOf(ApiRequestError)
    expect(result.errors).toEqual({ [`needs.${refused.key}.materialCategory`]: ['refused'] })
    expect(result.set.rows[0]).toEqual(refused)
  })
})

describe('enterpriseFormReducer', () => {
  it('queues a saved row for deletion when it is removed, and simply drops a new one', () => {
    let state = formStateOf(undefined)
    state = enterpriseFormReducer(state, { type: 'addRow', kind: 'needs' })
    const added = state.rows.needs.rows[0] as NeedDraft
    state = enterpriseFormReducer(state, { type: 'removeRow', kind: 'needs', key: added.key })
    expect(state.rows.needs).toMatchObject({ rows: [], removed: [] })

    state = { ...state, rows: { ...state.rows, needs: rowSetOf([savedNeed(5, 'ash')], needBody) } }
    state = enterpriseFormReducer(state, { type: 'removeRow', kind: 'needs', key: 'saved-5' })
    expect(state.rows.needs.removed.map((row) => row.id)).toEqual([5])
  })

  it('clears the message of the field edited, under its contract name, and no other', () => {
    let state = formStateOf(undefined)
    state = enterpriseFormReducer(state, { type: 'addRow', kind: 'needs' })
    const key = (state.rows.needs.rows[0] as NeedDraft).key
    const errors = {
      [`needs.${key}.quantityTonnesPerYear`]: ['must be a number'],
      [`needs.${key}.maxDistanceKm`]: ['must be a number'],
      'body.location': ['click the map'],
    }
    state = enterpriseFormReducer(state, { type: 'errors', errors })
    state = enterpriseFormReducer(state, { type: 'editRow', kind: 'needs', key, change: { quantity: '5' } })
    state = enterpriseFormReducer(state, { type: 'edit', change: { latitude: '40.5' } })
    expect(Object.keys(state.errors)).toEqual([`needs.${key}.maxDistanceKm`])
  })
})
