import type { FakeApp } from './fake-apps.ts'
import type { FakeFiles } from './fake-files.ts'
import type { FakeStore } from './fake-store.ts'

/** What the fake's middleware puts on every request's context for its route modules. */
export type FakeEnv = { Variables: { app: FakeApp; store: FakeStore; files: FakeFiles } }
