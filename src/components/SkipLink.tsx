import type { ComponentChildren } from 'preact'

export interface SkipLinkProps {
  target: string
  children: ComponentChildren
}

/** First on the page and hidden until a keyboard user reaches it: then it shows in the corner. */
export function SkipLink(props: SkipLinkProps) {
  return (
    <a
      href={`#${props.target}`}
      data-part="skip-link"
      class="absolute not-focus:sr-only focus:top-(--cs-space-2) focus:left-(--cs-space-2) focus:z-10 focus:px-(--cs-space-3) focus:py-(--cs-space-2)"
    >
      {props.children}
    </a>
  )
}
