import type { HostileContent } from '../demo/hostile-content.ts'
import { FEATURES_OFF, FILE_UPLOAD_CONFIG } from '../demo/fake-parameters.ts'

/**
 * Script-injection payloads, each marked with a number so a test can tell which one ran. They
 * cover tags, event handlers, `javascript:` URLs, attribute and tag break-outs, template syntax,
 * CSS, mutation XSS and Unicode look-alikes and direction overrides.
 */
export const XSS_PAYLOADS: readonly string[] = [
  '<script>alert("xss-1")</script>',
  '<img src=x onerror=alert("xss-2")>',
  '<svg onload=alert("xss-3")>',
  '"><script>alert("xss-4")</script>',
  "'><img src=x onerror=alert('xss-5')>",
  '<a href="javascript:alert(\'xss-6\')">click</a>',
  '<iframe srcdoc="<script>parent.alert(\'xss-7\')</script>"></iframe>',
  '${alert("xss-8")}`${alert(8)}`',
  '{{constructor.constructor("alert(\'xss-9\')")()}}',
  '<div style="background:url(javascript:alert(\'xss-10\'))">x</div>',
  '<p style="width:expression(alert(\'xss-11\'))">x</p>',
  '\u202e<img src=x onerror=alert("xss-12")>\u202c',
  '\uff1cscript\uff1ealert("xss-13")\uff1c/script\uff1e',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert("xss-14")>',
  '<details open ontoggle=alert("xss-15")>',
  '<object data="javascript:alert(\'xss-16\')"></object>',
  '<base href="javascript:alert(\'xss-17\')//">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(\'xss-18\')">',
  '<form action="javascript:alert(\'xss-19\')"><button>go</button></form>',
  '</textarea></title></style><script>alert("xss-20")</script>',
  '<!--<img src="--><img src=x onerror=alert("xss-21")//">',
  '<svg><a xlink:href="javascript:alert(\'xss-22\')"><text y="20">svg</text></a></svg>',
]

/** Markdown that tries to smuggle a script past the renderer: links, images, references, HTML. */
export const XSS_MARKDOWN = [
  '# Answer <img src=x onerror=alert("md-1")>',
  '',
  "[plain js link](javascript:alert('md-2')) [mixed case](JaVaScRiPt:alert('md-3'))",
  "[entity](&#106;avascript:alert('md-4')) [zero width](java\u200bscript:alert('md-5'))",
  "[tab](java\tscript:alert('md-6')) [data](data:text/html;base64,PHNjcmlwdD5hbGVydCgnbWQtNycpPC9zY3JpcHQ+)",
  '',
  `![image](x" onerror="alert('md-8')) ![js image](javascript:alert('md-9'))`,
  '',
  "<javascript:alert('md-10')> [by reference][evil]",
  '',
  "[evil]: javascript:alert('md-11')",
  '',
  '> quoted <iframe src="javascript:alert(\'md-12\')"></iframe>',
  '',
  '- item <svg/onload=alert("md-13")>',
  '- `<script>alert("md-14")</script>` stays code',
  '',
  '| a | b |',
  '|---|---|',
  '| <img src=x onerror=alert("md-15")> | [x](javascript:alert("md-16")) |',
  '',
  '```html',
  '<script>alert("md-17")</script>',
  '```',
  '',
  ...XSS_PAYLOADS.map((payload) => `${payload}\n`),
].join('\n')

const payload = (index: number) => XSS_PAYLOADS[index % XSS_PAYLOADS.length]!

export const HOSTILE_CONTENT: HostileContent = {
  answer: XSS_MARKDOWN,
  conversationName: payload(1),
  suggestedAfterAnswer: [payload(2), payload(5), payload(12)],
  nodeTitles: { start: payload(0), llm: payload(1), answer: payload(14) },
  tool: {
    name: 'evil_tool',
    label: payload(3),
    thought: payload(4),
    input: JSON.stringify({ evil_tool: { query: payload(5) } }),
    observation: JSON.stringify({ evil_tool: payload(6) }),
  },
  fileName: payload(20),
  citations: () =>
    [0, 1].map((index) => ({
      position: index + 1,
      dataset_id: crypto.randomUUID(),
      dataset_name: payload(7),
      document_id: crypto.randomUUID(),
      document_name: payload(index === 0 ? 2 : 13),
      data_source_type: 'upload_file',
      segment_id: crypto.randomUUID(),
      retriever_from: 'api',
      score: 0.9,
      hit_count: 1,
      word_count: 12,
      segment_position: 1,
      index_node_hash: crypto.randomUUID().replace(/-/g, ''),
      content: payload(index === 0 ? 9 : 10),
    })),
}

/** `/parameters` of the hostile apps: the corpus in the greeting, questions and input form. */
export const XSS_PARAMETERS = {
  ...FEATURES_OFF,
  opening_statement: payload(0) + payload(11),
  suggested_questions: [payload(1), payload(8)],
  suggested_questions_after_answer: { enabled: true },
  user_input_form: [
    {
      'text-input': {
        variable: 'nick',
        label: payload(3),
        type: 'text-input',
        required: false,
        max_length: 200,
        default: '',
        options: [],
      },
    },
    {
      select: {
        variable: 'pick',
        label: payload(15),
        type: 'select',
        required: false,
        options: [payload(4), payload(6)],
        default: '',
      },
    },
    { paragraph: { variable: 'bio', label: payload(19), type: 'paragraph', required: false } },
  ],
  file_upload: {
    enabled: true,
    allowed_file_types: ['image', 'document'],
    allowed_file_extensions: ['.PNG', '.TXT'],
    allowed_file_upload_methods: ['local_file'],
    number_limits: 3,
    fileUploadConfig: FILE_UPLOAD_CONFIG,
  },
}
