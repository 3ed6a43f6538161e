import { useEffect, useState } from 'preact/hooks'

/**
 * A hook for UI most chats never show (Agent steps, the inputs form…): its module is fetched the
 * first time a component wants it, then shared. Until then the hook gives undefined and the
 * component renders without it; a failed fetch is tried again next time.
 */
export function lazyModule<T>(load: () => Promise<T>): (wanted: boolean) => T | undefined {
  let loaded: T | undefined
  let pending: Promise<T> | undefined
  const get = () =>
    (pending ??= load().then(
      (module) => (loaded = module),
      (error: unknown) => {
        pending = undefined
        throw error
      },
    ))
  return (wanted) => {
    const [module, setModule] = useState(loaded)
    useEffect(() => {
      if (wanted && !module) get().then(setModule, () => {})
    }, [wanted])
    return module ?? loaded
  }
}
