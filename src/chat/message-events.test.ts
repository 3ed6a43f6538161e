import { describe, expect, it } from 'vitest'
import type { DifyStreamEvent } from '../../contract/dify-wire.ts'
import { createMessage } from './chat-message.ts'
import { applyHistoryExtras, applyMessageEvent, isSafeImageUrl } from './message-events.ts'

const bot = () => createMessage('bot', '', 'pending', 0)
const apply = (events: DifyStreamEvent[]) => {
  const message = bot()
  for (const event of events) applyMessageEvent(message, event)
  return message
}

const thought = (id: string, position: number, fields: Record<string, unknown> = {}) =>
  ({
    event: 'agent_thought',
    id,
    position,
    thought: '',
    observation: '',
    tool: '',
    tool_input: '',
    tool_labels: {},
    ...fields,
  }) as DifyStreamEvent

const node = (event: 'node_started' | 'node_finished', index: number, status?: string) =>
  ({
    event,
    workflow_run_id: 'run',
    data: {
      id: `ne-${index}`,
      node_id: `n${index}`,
      node_type: 'llm',
      title: `Node ${index}`,
      index,
      status,
    },
  }) as DifyStreamEvent

const workflowFinished = (status: string) =>
  ({ event: 'workflow_finished', data: { id: 'run', status } }) as DifyStreamEvent
const messageEnd = { event: 'message_end', id: 'm1', metadata: {} } as DifyStreamEvent

describe('applyMessageEvent: agent thoughts', () => {
  it('upserts a thought by id as Dify re-emits it, keeping position order and its labels', () => {
    const message = apply([
      thought('th-2', 2, { thought: 'second' }),
      thought('th-1', 1),
      thought('th-1', 1, {
        thought: 'Let me check.',
        tool: 'weather',
        tool_input: '{"weather": {"city": "Paris"}}',
        tool_labels: { weather: { en_US: 'Weather' } },
      }),
      thought('th-1', 1, { thought: 'Let me check.', tool: 'weather', observation: 'Sunny' }),
    ])
    const thoughts = message.thoughts.value
    expect(thoughts.map(({ id }) => id)).toEqual(['th-1', 'th-2'])
    expect(thoughts[0]).toMatchObject({
      thought: 'Let me check.',
      tool: 'weather',
      toolLabels: { weather: { en_US: 'Weather' } },
      observation: 'Sunny',
    })
  })

  it('takes the message id from the answer, not from a thought', () => {
    const message = apply([
      thought('th-1', 1),
      { event: 'agent_message', id: 'm1', answer: 'Hi' },
      { event: 'message_end', id: 'm1' },
    ])
    expect(message.difyId.value).toBe('m1')
  })
})

describe('applyMessageEvent: Chatflow steps', () => {
  const steps = [
    { event: 'workflow_started', data: { id: 'run' } } as DifyStreamEvent,
    node('node_started', 1),
    node('node_finished', 1, 'succeeded'),
    node('node_started', 2),
    node('node_finished', 2, 'succeeded'),
  ]

  it('lists nodes in order with their status, in either end order', () => {
    for (const ending of [
      [workflowFinished('succeeded'), messageEnd],
      [messageEnd, workflowFinished('succeeded')],
    ]) {
      const message = apply([...steps, ...ending])
      expect(message.workflow.value).toBe('succeeded')
      expect(message.difyId.value).toBe('m1')
      expect(message.steps.value.map(({ title, status }) => `${title}:${status}`)).toEqual([
        'Node 1:succeeded',
        'Node 2:succeeded',
      ])
    }
  })

  it('shows a running node, and a failed one with its error', () => {
    const running = apply([node('node_started', 1)])
    expect(running.steps.value[0]?.status).toBe('running')
    expect(running.workflow.value).toBeUndefined()
    const failed = apply([
      node('node_started', 1),
      {
        event: 'node_finished',
        data: { id: 'ne-1', status: 'exception', error: 'Code node error' },
      } as DifyStreamEvent,
    ])
    expect(failed.steps.value[0]).toMatchObject({
      title: 'Node 1',
      status: 'failed',
      error: 'Code node error',
    })
  })

  it('stops nodes a stopped run left running, and never reopens a finished node', () => {
    const message = apply([
      node('node_started', 2),
      node('node_finished', 1, 'succeeded'),
      node('node_started', 1),
      workflowFinished('stopped'),
    ])
    expect(message.steps.value.map(({ index, status }) => `${index}:${status}`)).toEqual([
      '1:succeeded',
      '2:stopped',
    ])
    expect(message.workflow.value).toBe('stopped')
  })
})

describe('applyMessageEvent: citations and files', () => {
  it('reads citations from message_end in position order', () => {
    const message = apply([
      {
        event: 'message_end',
        id: 'm1',
        metadata: {
          retriever_resources: [
            { position: 2, dataset_name: 'Handbook', document_name: 'Leave', content: 'B' },
            { position: 1, document_name: 'Vacation policy', content: 'Employees get 25 days.' },
          ],
        },
      },
    ])
    expect(message.citations.value).toEqual([
      {
        position: 1,
        datasetName: '',
        documentName: 'Vacation policy',
        content: 'Employees get 25 days.',
      },
      { position: 2, datasetName: 'Handbook', documentName: 'Leave', content: 'B' },
    ])
  })

  it('keeps image files with a safe URL, once each', () => {
    const file = (id: string, url: string, type = 'image') =>
      ({ event: 'message_file', id, type, belongs_to: 'assistant', url }) as DifyStreamEvent
    const message = apply([
      file('f1', 'https://files.example/f1.png?sign=x'),
      file('f1', 'https://files.example/f1.png?sign=x'),
      file('f2', 'data:image/png;base64,iVBORw0KGgo='),
      file('f3', 'javascript:alert(1)'),
      file('f4', '/files/tools/f4.png'),
      file('f5', 'https://files.example/doc.pdf', 'document'),
    ])
    expect(message.files.value.map(({ id }) => id)).toEqual(['f1', 'f2'])
  })

  it('accepts http(s) and inline raster or SVG images only', () => {
    expect(isSafeImageUrl('http://dify.local/files/x.png')).toBe(true)
    expect(isSafeImageUrl('data:image/svg+xml;base64,PHN2Zz4=')).toBe(true)
    expect(isSafeImageUrl('data:text/html;base64,PHNjcmlwdD4=')).toBe(false)
    expect(isSafeImageUrl('blob:https://x/1')).toBe(false)
    expect(isSafeImageUrl('JAVASCRIPT:alert(1)')).toBe(false)
  })
})

describe('applyHistoryExtras', () => {
  it('restores the rating, steps, bot images and citations of an answer from /messages', () => {
    const message = bot()
    applyHistoryExtras(message, {
      feedback: { rating: 'dislike' },
      agent_thoughts: [
        { id: 'th-2', position: 2, thought: 'Done.', tool: '', tool_input: '', observation: '' },
        {
          id: 'th-1',
          position: 1,
          thought: 'Checking.',
          tool: 'weather',
          tool_labels: { weather: { en_US: 'Weather' } },
          tool_input: '{}',
          observation: 'Sunny',
        },
        'not a thought',
      ],
      message_files: [
        { id: 'u1', type: 'image', belongs_to: 'user', url: 'https://files.example/u1.png' },
        { id: 'a1', type: 'image', belongs_to: 'assistant', url: 'https://files.example/a1.png' },
        { id: 'a2', type: 'image', belongs_to: 'assistant', url: 'javascript:alert(1)' },
      ],
      retriever_resources: [{ position: 1, document_name: 'Handbook', content: 'Text' }],
    })
    expect(message.feedback.value).toBe('dislike')
    expect(message.thoughts.value.map(({ id, tool }) => `${id}:${tool}`)).toEqual([
      'th-1:weather',
      'th-2:',
    ])
    expect(message.files.value).toEqual([{ id: 'a1', url: 'https://files.example/a1.png' }])
    expect(message.citations.value).toHaveLength(1)
  })

  it('reads an unrated answer without extras as plain', () => {
    const message = bot()
    message.feedback.value = 'like'
    applyHistoryExtras(message, { feedback: null })
    expect(message.feedback.value).toBeNull()
    expect(message.thoughts.value).toEqual([])
  })
})
