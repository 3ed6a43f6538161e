import { checkStderrLog, STDERR_LOG_VARIABLE } from '../server/testing/stderr-log.ts'

/** Playwright's global teardown: the run fails when a stack trace reached the web server's stderr. */
export default function checkWebServerStderr(): void {
  const path = process.env[STDERR_LOG_VARIABLE]
  const problem = path ? checkStderrLog(path) : null
  if (problem) throw new Error(problem)
}
