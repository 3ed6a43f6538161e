import type { Hono } from 'hono'
import { difyError } from './dify-errors.ts'
import type { FakeEnv } from './fake-env.ts'
import { readJson } from './fake-request.ts'
import type { SortBy } from './fake-store.ts'

const SORTS: readonly SortBy[] = ['created_at', '-created_at', 'updated_at', '-updated_at']

export interface HistoryRouteOptions {
  /** Delete by id whoever asks, and answer 204 regardless (Dify ~1.8 to early 2026, docs/dify-wire.md#delete-conversation). */
  buggyDelete: boolean
}

/** `/messages`, `/conversations` and their actions, scoped by `user` (docs/dify-wire.md#messages to #suggested). */
export function registerHistoryRoutes(app: Hono<FakeEnv>, options: HistoryRouteOptions): void {
  app.get('/messages', (c) => {
    const store = c.get('store')
    const limit = parseLimit(c.req.query('limit'))
    if (limit === null) return difyError(400, 'invalid_param', 'limit must be between 1 and 100')
    const conversationId = c.req.query('conversation_id')
    if (!conversationId) return difyError(400, 'invalid_param', 'conversation_id is required')
    const conversation = store.findConversation(
      conversationId,
      c.req.query('user') ?? 'DEFAULT-USER',
    )
    if (!conversation) return difyError(404, 'not_found', 'Conversation Not Exists.')
    const firstId = c.req.query('first_id')
    let end = conversation.messages.length
    if (firstId) {
      end = conversation.messages.findIndex((message) => message.id === firstId)
      if (end < 0) return difyError(404, 'not_found', 'First Message Not Exists.')
    }
    const start = Math.max(0, end - limit)
    return c.json({ limit, has_more: start > 0, data: conversation.messages.slice(start, end) })
  })

  app.get('/conversations', (c) => {
    const store = c.get('store')
    const limit = parseLimit(c.req.query('limit'))
    if (limit === null) return difyError(400, 'invalid_param', 'limit must be between 1 and 100')
    const sortBy = (c.req.query('sort_by') ?? '-updated_at') as SortBy
    if (!SORTS.includes(sortBy)) return difyError(400, 'invalid_param', 'sort_by is invalid')
    const all = store.listConversations(c.req.query('user') ?? 'DEFAULT-USER', sortBy)
    const lastId = c.req.query('last_id')
    let start = 0
    if (lastId) {
      start = all.findIndex((conversation) => conversation.id === lastId) + 1
      if (start === 0) return difyError(404, 'not_found', 'Last Conversation Not Exists.')
    }
    const page = all.slice(start, start + limit)
    return c.json({
      limit,
      has_more: start + limit < all.length,
      data: page.map(({ messages: _messages, user: _user, ...conversation }) => conversation),
    })
  })

  app.delete('/conversations/:id', async (c) => {
    const body = await readJson(c)
    if (!body)
      return difyError(
        400,
        'bad_request',
        'Invalid JSON payload received or JSON payload is empty.',
      )
    const store = c.get('store')
    if (options.buggyDelete) {
      store.deleteConversation(c.req.param('id'))
      return new Response(null, { status: 204 })
    }
    const conversation = store.findConversation(
      c.req.param('id'),
      String(body.user ?? 'DEFAULT-USER'),
    )
    if (!conversation) return difyError(404, 'not_found', 'Conversation Not Exists.')
    store.deleteConversation(conversation.id)
    return new Response(null, { status: 204 })
  })

  app.post('/conversations/:id/name', async (c) => {
    const body = (await readJson(c)) ?? {}
    const store = c.get('store')
    const conversation = store.findConversation(
      c.req.param('id'),
      String(body.user ?? 'DEFAULT-USER'),
    )
    if (!conversation) return difyError(404, 'not_found', 'Conversation Not Exists.')
    if (body.auto_generate === true) {
      const first = conversation.messages[0]
      if (!first) return difyError(400, 'invalid_param', '')
      conversation.name = Array.from(first.query).slice(0, 40).join('')
    } else {
      if (typeof body.name !== 'string' || body.name.trim() === '') {
        return difyError(400, 'invalid_param', 'name is required when auto_generate is false')
      }
      conversation.name = body.name
    }
    conversation.updated_at = store.now()
    const { messages: _messages, user: _user, ...rest } = conversation
    return c.json(rest)
  })

  app.post('/messages/:id/feedbacks', async (c) => {
    const body = (await readJson(c)) ?? {}
    if (typeof body.user !== 'string' || !body.user) {
      return difyError(400, 'invalid_param', 'Arg user must be provided.')
    }
    const message = c.get('store').findMessage(c.req.param('id'), body.user)
    if (!message) return difyError(404, 'not_found', 'Message Not Exists.')
    if (body.rating === null) {
      if (!message.feedback) {
        return difyError(400, 'invalid_param', 'rating cannot be None when feedback not exists')
      }
      message.feedback = null
    } else if (body.rating === 'like' || body.rating === 'dislike') {
      message.feedback = { rating: body.rating }
    } else {
      return difyError(400, 'invalid_param', 'rating must be like, dislike or null')
    }
    return c.json({ result: 'success' })
  })

  app.get('/messages/:id/suggested', (c) => {
    const user = c.req.query('user')
    if (!user) return difyError(400, 'invalid_param', 'Arg user must be provided.')
    const settings = c.get('app').parameters.suggested_questions_after_answer as {
      enabled?: boolean
    }
    if (!settings?.enabled) return difyError(400, 'bad_request', 'Suggested Questions Is Disabled.')
    const message = c.get('store').findMessage(c.req.param('id'), user)
    if (!message) return difyError(404, 'not_found', 'Message Not Exists.')
    return c.json({
      result: 'success',
      data: c.get('app').hostile?.suggestedAfterAnswer ?? [
        'Tell me more',
        'Can you give an example?',
        'What else can you do?',
      ],
    })
  })
}

function parseLimit(raw: string | undefined): number | null {
  if (raw === undefined) return 20
  const limit = Number(raw)
  return Number.isInteger(limit) && limit >= 1 && limit <= 100 ? limit : null
}
