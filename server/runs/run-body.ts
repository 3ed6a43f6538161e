import { HttpError } from '../errors.ts'
import { validateTalkBody, type TalkLimits } from '../routes/talk-body.ts'

export type RunLimits = Pick<TalkLimits, 'maxFiles'>

export interface RunBody {
  inputs: Record<string, unknown>
  files: Array<Record<string, unknown>>
}

/**
 * The browser's `POST /:id/run` body: `{inputs, files?}`, checked as `/talk` checks them
 * (talk-body.ts); a generator has no query or conversation. The browser never supplies `user`.
 */
export function validateRunBody(body: Record<string, unknown>, limits: RunLimits): RunBody {
  if (body.inputs === undefined) throw new HttpError(400, 'invalid_inputs', 'inputs is required')
  const checked = validateTalkBody(
    { inputs: body.inputs, files: body.files, query: '-' },
    { ...limits, maxQueryChars: 1 },
  )
  return { inputs: checked.inputs, files: checked.files }
}
