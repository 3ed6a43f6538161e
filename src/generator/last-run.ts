import { createStoredString, type StoredString } from '../app/safe-local-storage.ts'

/** The id of a workflow endpoint's last run in this browser, so a reload can show it again. */
export type LastRun = StoredString

export function createLastRun(
  endpointId: string,
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null,
): LastRun {
  return createStoredString(`chatskins:${endpointId}:last-run`, storage)
}
