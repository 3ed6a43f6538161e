import { FAKE_APPS, type FakeApp } from '../demo/fake-apps.ts'
import { FILE_UPLOAD_CONFIG } from '../demo/fake-parameters.ts'
import { GENERATOR_PARAMETERS } from '../demo/fake-run-parameters.ts'
import { HOSTILE_CONTENT, XSS_PARAMETERS } from './xss-corpus.ts'

/**
 * The keys the test fake accepts: the demo bot's apps plus `app-xss-…` (Agent) and
 * `app-xss-flow-…` (Chatflow), which answer with the XSS corpus in every field a client shows,
 * and `app-completion-media`: a text generator with vision (pictures sent with a run) that reads
 * its results aloud as they stream.
 * Test-only: no production entry imports this file, so `dist/` never carries the corpus.
 */
export const TEST_APPS: Readonly<Record<string, FakeApp>> = {
  ...FAKE_APPS,
  'app-completion-media': {
    mode: 'completion',
    name: 'Fake Vision Writer',
    parameters: {
      ...GENERATOR_PARAMETERS,
      text_to_speech: { enabled: true, voice: 'alloy', language: 'en-US', autoPlay: 'enabled' },
      file_upload: {
        enabled: true,
        allowed_file_types: ['image'],
        allowed_file_extensions: [],
        allowed_file_upload_methods: ['local_file', 'remote_url'],
        number_limits: 2,
        fileUploadConfig: FILE_UPLOAD_CONFIG,
        image: {
          enabled: true,
          number_limits: 2,
          detail: 'high',
          transfer_methods: ['local_file', 'remote_url'],
        },
      },
    },
  },
  'app-xss-k3y-never-in-a-browser': {
    mode: 'agent-chat',
    name: '<img src=x onerror=alert("app-name")>',
    parameters: XSS_PARAMETERS,
    hostile: HOSTILE_CONTENT,
  },
  'app-xss-flow-k3y-never-in-a-browser': {
    mode: 'advanced-chat',
    name: '<img src=x onerror=alert("app-name")>',
    parameters: XSS_PARAMETERS,
    hostile: HOSTILE_CONTENT,
  },
}
