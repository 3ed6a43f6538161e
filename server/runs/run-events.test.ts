import { describe, expect, it } from 'vitest'
import { toRunBrowserEvent } from './run-events.ts'

const ORIGIN = 'https://dify.example'

describe('toRunBrowserEvent', () => {
  it('keeps a node what the progress list shows, its parent from either place Dify puts it', () => {
    const event = toRunBrowserEvent(
      {
        event: 'node_finished',
        task_id: 't',
        workflow_run_id: 'r',
        data: {
          id: 'n1',
          node_id: 'llm',
          node_type: 'llm',
          title: 'Write',
          index: 3,
          inputs: { 'sys.user_id': 'someone' },
          process_data: { prompt: 'secret' },
          outputs: { text: 'hidden' },
          status: 'succeeded',
          error: null,
          elapsed_time: 0.4,
          execution_metadata: { total_tokens: 12, iteration_id: 'it-1' },
        },
      },
      ORIGIN,
    )
    expect(event).toEqual({
      event: 'node_finished',
      task_id: 't',
      workflow_run_id: 'r',
      data: {
        id: 'n1',
        node_id: 'llm',
        node_type: 'llm',
        title: 'Write',
        index: 3,
        status: 'succeeded',
        error: null,
        elapsed_time: 0.4,
        iteration_id: 'it-1',
        total_tokens: 12,
      },
    })
  })

  it("keeps the run's outputs, trimming file objects to a link and resolving their URLs", () => {
    const file = {
      dify_model_identity: '__dify__file__',
      type: 'image',
      filename: 'a.png',
      mime_type: 'image/png',
      url: '/files/tools/a.png?sign=x',
      related_id: 'internal',
      tenant_id: 'tenant',
    }
    const event = toRunBrowserEvent(
      {
        event: 'workflow_finished',
        workflow_run_id: 'r',
        data: {
          id: 'r',
          status: 'succeeded',
          outputs: { text: 'hi', pics: [file], 'sys.files': [] },
          total_steps: '4',
          created_by: { user: 'someone' },
        },
      },
      ORIGIN,
    )
    expect(event?.data).toEqual({
      id: 'r',
      status: 'succeeded',
      total_steps: '4',
      outputs: {
        text: 'hi',
        pics: [
          {
            type: 'image',
            filename: 'a.png',
            mime_type: 'image/png',
            url: 'https://dify.example/files/tools/a.png?sign=x',
          },
        ],
      },
    })
  })

  it('drops unknown events and turns any status >= 400 into an error', () => {
    expect(toRunBrowserEvent({ event: 'agent_log', data: { secret: 1 } }, ORIGIN)).toBeNull()
    expect(
      toRunBrowserEvent({ event: 'text_chunk', status: 500, code: 'x', message: 'm' }, ORIGIN),
    ).toMatchObject({ event: 'error', status: 500 })
  })
})
