import { FEATURES_OFF } from './fake-parameters.ts'

/**
 * `/parameters` of the demo's completion and workflow apps (docs/dify-wire.md#parameters): a short
 * form a text generator fills, one required field and one optional.
 */
export const GENERATOR_PARAMETERS = {
  ...FEATURES_OFF,
  opening_statement: '',
  suggested_questions: [],
  suggested_questions_after_answer: { enabled: false },
  text_to_speech: { enabled: true, voice: 'alloy', language: 'en-US', autoPlay: 'disabled' },
  user_input_form: [
    {
      'text-input': {
        variable: 'topic',
        label: 'Topic',
        required: true,
        max_length: 200,
        default: '',
      },
    },
    {
      select: {
        variable: 'tone',
        label: 'Tone',
        required: false,
        options: ['Friendly', 'Formal'],
        default: 'Friendly',
      },
    },
  ],
  file_upload: { enabled: false },
}
