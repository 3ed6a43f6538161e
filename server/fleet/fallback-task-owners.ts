import type { TaskOwners } from '../runs/task-owners.ts'
import type { SharedStoreOutage } from './shared-store-outage.ts'

export interface FallbackTaskOwnersOptions {
  /** The fleet's owners (Redis). */
  shared: TaskOwners
  /** This process's own claims, kept whether Redis answers or not. */
  local: TaskOwners
  outage: SharedStoreOutage
}

/**
 * The fleet's owners, with this instance's own claims behind them: every claim is also kept
 * locally, so a run started while Redis was away can still be stopped through the instance that
 * relayed it, before and after Redis is back. An owner Redis can't tell is looked up locally;
 * unknown means refused, so an outage never lets anyone stop a task that is not theirs.
 */
export function createFallbackTaskOwners(options: FallbackTaskOwnersOptions): TaskOwners {
  const { shared, local, outage } = options
  return {
    async claim(id, user) {
      await local.claim(id, user)
      await outage.run(
        () => shared.claim(id, user),
        async () => {},
      )
    },
    async ownerOf(id) {
      const owner = await outage.run(
        () => shared.ownerOf(id),
        async () => undefined,
      )
      return owner ?? local.ownerOf(id)
    },
  }
}
