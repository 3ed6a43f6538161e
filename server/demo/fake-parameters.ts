/**
 * `/parameters` of the full-featured fake apps (docs/dify-wire.md#parameters): every feature on, a
 * `user_input_form` with every input type (including `json_object` and `external_data_tool`,
 * which a client must skip) and the full `file_upload` shape.
 */

const SYSTEM_PARAMETERS = {
  image_file_size_limit: 10,
  video_file_size_limit: 100,
  audio_file_size_limit: 50,
  file_size_limit: 15,
  workflow_file_upload_limit: 10,
}

/** The features a plain app has switched off (retriever resources stay on, as Dify's default). */
export const FEATURES_OFF = {
  speech_to_text: { enabled: false },
  text_to_speech: { enabled: false, voice: 'alloy', language: 'en-US', autoPlay: 'disabled' },
  retriever_resource: { enabled: true },
  annotation_reply: { enabled: false },
  more_like_this: { enabled: false },
  sensitive_word_avoidance: { enabled: false, type: '', configs: [] },
  system_parameters: SYSTEM_PARAMETERS,
}

/** `file_upload.fileUploadConfig`: Dify's upload limits in MB, and how many files at once. */
export const FILE_UPLOAD_CONFIG = {
  file_size_limit: 15,
  batch_count_limit: 5,
  image_file_size_limit: 10,
  video_file_size_limit: 100,
  audio_file_size_limit: 50,
  workflow_file_upload_limit: 10,
}

/** The sample form of docs/dify-wire.md#parameters, one field of each type. */
export const FULL_INPUT_FORM = [
  {
    'text-input': {
      variable: 'name',
      label: 'Your name',
      type: 'text-input',
      required: true,
      max_length: 48,
      default: '',
      options: [],
    },
  },
  {
    paragraph: {
      variable: 'bio',
      label: 'About you',
      type: 'paragraph',
      required: false,
      max_length: 1000,
    },
  },
  {
    select: {
      variable: 'lang',
      label: 'Language',
      type: 'select',
      required: true,
      options: ['en', 'fr'],
      default: 'en',
    },
  },
  { number: { variable: 'age', label: 'Age', type: 'number', required: false } },
  {
    checkbox: { variable: 'vip', label: 'VIP', type: 'checkbox', required: false, default: false },
  },
  {
    file: {
      variable: 'doc',
      label: 'Document',
      type: 'file',
      required: false,
      allowed_file_types: ['document'],
      allowed_file_extensions: ['.pdf'],
      allowed_file_upload_methods: ['local_file', 'remote_url'],
    },
  },
  {
    'file-list': {
      variable: 'imgs',
      label: 'Images',
      type: 'file-list',
      required: false,
      max_length: 5,
      allowed_file_types: ['image'],
      allowed_file_extensions: [],
      allowed_file_upload_methods: ['local_file'],
    },
  },
  {
    file: {
      variable: 'ref',
      label: 'Reference',
      type: 'file',
      required: false,
      allowed_file_types: ['document'],
      allowed_file_extensions: [],
      allowed_file_upload_methods: ['remote_url'],
    },
  },
  { json_object: { variable: 'cfg', label: 'Config', type: 'json_object', required: false } },
  {
    external_data_tool: { variable: 'ext', label: 'Ext', type: 'api', enabled: true, config: {} },
  },
]

export const FULL_PARAMETERS = {
  opening_statement:
    "Hello {{name}}! I'm the full-featured fake: citations, files, voice input and read-aloud.",
  suggested_questions: ['What can you do?', 'Show me a chart [[file]]', 'Cite your sources'],
  suggested_questions_after_answer: { enabled: true },
  speech_to_text: { enabled: true },
  text_to_speech: { enabled: true, voice: 'alloy', language: 'en-US', autoPlay: 'disabled' },
  retriever_resource: { enabled: true },
  annotation_reply: { enabled: false },
  more_like_this: { enabled: false },
  sensitive_word_avoidance: { enabled: false, type: '', configs: [] },
  user_input_form: FULL_INPUT_FORM,
  file_upload: {
    enabled: true,
    allowed_file_types: ['image', 'document'],
    allowed_file_extensions: [
      '.JPG',
      '.JPEG',
      '.PNG',
      '.GIF',
      '.WEBP',
      '.SVG',
      '.PDF',
      '.TXT',
      '.MD',
    ],
    allowed_file_upload_methods: ['local_file', 'remote_url'],
    number_limits: 3,
    fileUploadConfig: FILE_UPLOAD_CONFIG,
    image: {
      enabled: true,
      number_limits: 3,
      detail: 'high',
      transfer_methods: ['local_file', 'remote_url'],
    },
  },
  system_parameters: SYSTEM_PARAMETERS,
}

/** Like FULL_PARAMETERS, with answers read aloud as they stream (`tts_message` events). */
export const TTS_PARAMETERS = {
  ...FULL_PARAMETERS,
  text_to_speech: { enabled: true, voice: 'alloy', language: 'en-US', autoPlay: 'enabled' },
}
