import type { RefObject } from 'preact'
import { useEffect, useRef } from 'preact/hooks'

export interface WhenVisibleOptions {
  /** Only while armed; arming again while the element is still in view calls again. */
  armed: boolean
  /** The scrolling ancestor the element must come into view in. */
  root: string
}

/** Start a little before the element is in view, so the next page is often there in time. */
const AHEAD = '240px 0px'

/**
 * Calls `onVisible` when the element scrolls near the view of its scrolling ancestor: infinite
 * paging. Because a new observer reports where the element is right away, a page too short to
 * push the element out of view is followed by the next one.
 */
export function useWhenVisible(
  ref: RefObject<Element | null>,
  onVisible: () => void,
  { armed, root }: WhenVisibleOptions,
): void {
  const callback = useRef(onVisible)
  callback.current = onVisible
  useEffect(() => {
    const element = ref.current
    if (!armed || !element || typeof IntersectionObserver === 'undefined') return
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) callback.current()
      },
      { root: element.closest(root), rootMargin: AHEAD },
    )
    observer.observe(element)
    return () => observer.disconnect()
  }, [armed])
}
