type Json = Record<string, unknown>
const enabled = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && (value as Json).enabled === true

/**
 * Whether `GET /parameters` (docs/dify-wire.md#parameters) switches on anything of files or voice: file
 * upload (full or old image-only shape), speech to text, text to speech. Only then does the
 * client load the code behind them.
 */
export function wantsMedia(parameters: unknown): boolean {
  const params = (typeof parameters === 'object' && parameters !== null ? parameters : {}) as Json
  const upload = (typeof params.file_upload === 'object' && params.file_upload) || {}
  return (
    enabled(upload) ||
    enabled((upload as Json).image) ||
    enabled(params.speech_to_text) ||
    enabled(params.text_to_speech)
  )
}
