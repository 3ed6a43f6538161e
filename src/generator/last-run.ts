import { safeLocalStorage } from '../app/safe-local-storage.ts'

/** The id of a workflow endpoint's last run in this browser, so a reload can show it again. */
export interface LastRun {
  read(): string | null
  write(runId: string | null): void
}

export function createLastRun(
  endpointId: string,
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null = safeLocalStorage(),
): LastRun {
  const key = `chatskins:${endpointId}:last-run`
  return {
    read() {
      try {
        return storage?.getItem(key) ?? null
      } catch {
        return null
      }
    },
    write(runId) {
      try {
        if (runId) storage?.setItem(key, runId)
        else storage?.removeItem(key)
      } catch {
        // Blocked or full storage: the run just won't come back after a reload.
      }
    },
  }
}
