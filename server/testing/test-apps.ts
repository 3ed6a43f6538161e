import { FAKE_APPS, type FakeApp } from '../demo/fake-apps.ts'
import { HOSTILE_CONTENT, XSS_PARAMETERS } from './xss-corpus.ts'

/**
 * The keys the test fake accepts: the demo bot's apps plus `app-xss-…` (Agent) and
 * `app-xss-flow-…` (Chatflow), which answer with the XSS corpus in every field a client shows.
 * Test-only: no production entry imports this file, so `dist/` never carries the corpus.
 */
export const TEST_APPS: Readonly<Record<string, FakeApp>> = {
  ...FAKE_APPS,
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
