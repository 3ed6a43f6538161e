import { describe, expect, it } from 'vitest'
import { toBrowserEvent } from './browser-event.ts'

const envelope = {
  conversation_id: 'c0d2',
  message_id: '5ad4',
  created_at: 1718000000,
  task_id: '9a1e',
}

describe('toBrowserEvent: chat events', () => {
  it('keeps a message delta and its envelope, dropping the rest', () => {
    const event = {
      event: 'message',
      ...envelope,
      id: '5ad4',
      answer: '안녕 😀',
      from_variable_selector: ['llm', 'text'],
      extra: 'x',
    }
    expect(toBrowserEvent(event)).toEqual({
      event: 'message',
      ...envelope,
      id: '5ad4',
      answer: '안녕 😀',
    })
  })

  it('keeps agent messages, thoughts and files with the fields the UI shows', () => {
    expect(
      toBrowserEvent({ event: 'agent_message', ...envelope, id: '5ad4', answer: 'Hi' }),
    ).toEqual({ event: 'agent_message', ...envelope, id: '5ad4', answer: 'Hi' })
    const thought = {
      event: 'agent_thought',
      ...envelope,
      id: 'th-1',
      position: 1,
      thought: 'Let me check.',
      observation: '{"weather": "sunny"}',
      tool: 'weather',
      tool_input: '{"weather": {"city": "Paris"}}',
      tool_labels: { weather: { en_US: 'Weather' } },
      message_files: ['f-1'],
      created_at: 1718000000,
    }
    expect(toBrowserEvent(thought)).toEqual(thought)
    const file = {
      event: 'message_file',
      ...envelope,
      id: 'f-1',
      type: 'image',
      belongs_to: 'assistant',
      url: 'https://files.example/f-1.png?sign=x',
    }
    expect(toBrowserEvent(file)).toEqual(file)
  })

  it('keeps message_replace and TTS audio', () => {
    expect(
      toBrowserEvent({ event: 'message_replace', ...envelope, answer: 'Moderated.', reason: 'x' }),
    ).toEqual({ event: 'message_replace', ...envelope, answer: 'Moderated.' })
    expect(toBrowserEvent({ event: 'tts_message', ...envelope, audio: 'SUQz' })).toEqual({
      event: 'tts_message',
      ...envelope,
      audio: 'SUQz',
    })
    expect(toBrowserEvent({ event: 'tts_message_end', ...envelope, audio: '' })).toEqual({
      event: 'tts_message_end',
      ...envelope,
      audio: '',
    })
  })

  it('keeps only trimmed citations in message_end metadata, never usage', () => {
    const event = {
      event: 'message_end',
      ...envelope,
      id: '5ad4',
      files: null,
      metadata: {
        usage: { total_tokens: 40, total_price: '0.0000101', currency: 'USD' },
        annotation_reply: { id: 'a', account: { id: 'acc', name: 'Admin' } },
        retriever_resources: [
          {
            position: 1,
            dataset_id: 'ds-secret',
            dataset_name: 'Handbook',
            document_id: 'doc-secret',
            document_name: 'Vacation policy',
            segment_id: 'seg-1',
            score: 0.98,
            hit_count: 3,
            index_node_hash: 'hash',
            content: 'Employees get 25 days.',
          },
          'not a citation',
        ],
      },
    }
    expect(toBrowserEvent(event)).toEqual({
      event: 'message_end',
      ...envelope,
      id: '5ad4',
      files: null,
      metadata: {
        retriever_resources: [
          {
            position: 1,
            dataset_name: 'Handbook',
            document_name: 'Vacation policy',
            segment_id: 'seg-1',
            score: 0.98,
            content: 'Employees get 25 days.',
          },
        ],
      },
    })
  })

  it('sends empty metadata when message_end carries only usage', () => {
    const event = { event: 'message_end', ...envelope, id: '5ad4', metadata: { usage: {} } }
    expect(toBrowserEvent(event)).toEqual({
      event: 'message_end',
      ...envelope,
      id: '5ad4',
      metadata: {},
    })
  })
})

describe('toBrowserEvent: workflow steps', () => {
  const nodeData = {
    id: 'ne-2',
    node_id: 'llm',
    node_type: 'llm',
    title: 'LLM',
    index: 2,
    predecessor_node_id: 'start',
    inputs: { 'sys.user_id': 'chatskins:pink:visitor', 'sys.query': 'secret question' },
    process_data: { prompts: ['system prompt'] },
    outputs: { text: 'x'.repeat(10_000) },
    status: 'succeeded',
    error: null,
    elapsed_time: 1.5,
    execution_metadata: { total_tokens: 40, total_price: '0.00001' },
    created_at: 1718000000,
    finished_at: 1718000002,
    files: [],
  }

  it('trims node_finished to the step fields', () => {
    const event = { event: 'node_finished', ...envelope, workflow_run_id: 'fb47', data: nodeData }
    expect(toBrowserEvent(event)).toEqual({
      event: 'node_finished',
      ...envelope,
      workflow_run_id: 'fb47',
      data: {
        id: 'ne-2',
        node_id: 'llm',
        node_type: 'llm',
        title: 'LLM',
        index: 2,
        status: 'succeeded',
        error: null,
        elapsed_time: 1.5,
      },
    })
  })

  it('never lets node or workflow inputs, outputs or process data through', () => {
    for (const type of ['node_started', 'node_finished', 'workflow_started', 'workflow_finished']) {
      const relayed = JSON.stringify(toBrowserEvent({ event: type, ...envelope, data: nodeData }))
      expect(relayed).not.toMatch(/inputs|outputs|process_data|sys\.|secret|execution_metadata/)
    }
  })

  it('keeps a failed step with its error', () => {
    const event = {
      event: 'workflow_finished',
      ...envelope,
      workflow_run_id: 'fb47',
      data: {
        id: 'fb47',
        status: 'failed',
        error: 'Code node error',
        outputs: {},
        total_tokens: 9,
      },
    }
    expect(toBrowserEvent(event)).toEqual({
      event: 'workflow_finished',
      ...envelope,
      workflow_run_id: 'fb47',
      data: { id: 'fb47', status: 'failed', error: 'Code node error' },
    })
  })
})

describe('toBrowserEvent: errors and unknown events', () => {
  it('passes an error event through', () => {
    const { task_id: _taskId, ...withoutTask } = envelope
    const event = {
      event: 'error',
      ...withoutTask,
      code: 'internal_server_error',
      status: 500,
      message: 'Internal Server Error, please contact support.',
    }
    expect(toBrowserEvent(event)).toEqual(event)
  })

  it('turns any object with status >= 400 into an error event', () => {
    expect(
      toBrowserEvent({ event: 'message', ...envelope, status: 500, code: 'boom', message: 'Bad' }),
    ).toEqual({ event: 'error', ...envelope, code: 'boom', status: 500, message: 'Bad' })
    expect(
      toBrowserEvent({ code: 'invalid_param', status: 400, message: 'query is required' }),
    ).toEqual({ event: 'error', code: 'invalid_param', status: 400, message: 'query is required' })
  })

  it('does not treat status below 400 as an error', () => {
    expect(
      toBrowserEvent({ event: 'message', ...envelope, id: 'm', answer: 'a', status: 200 }),
    ).toEqual({
      event: 'message',
      ...envelope,
      id: 'm',
      answer: 'a',
    })
  })

  it.each([
    ['ping'],
    ['text_chunk'],
    ['iteration_started'],
    ['loop_next'],
    ['agent_log'],
    ['reasoning_chunk'],
    ['human_input_required'],
    ['workflow_paused'],
    ['toString'],
    ['__proto__'],
  ])('drops the event type %s', (type) => {
    expect(toBrowserEvent({ event: type, ...envelope, data: { text: 'x' } })).toBeNull()
  })

  it('drops an object without an event type or error status', () => {
    expect(toBrowserEvent({ answer: 'orphan' })).toBeNull()
    expect(toBrowserEvent({ event: 42 })).toBeNull()
  })
})
