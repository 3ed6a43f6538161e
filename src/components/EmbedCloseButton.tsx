import { tellHost } from '../embedded/tell-host.ts'
import { useT } from '../i18n/translate-context.ts'

/** In an embed panel: asks the host page to close it (the launcher then takes the focus back). */
export function EmbedCloseButton(props: { host: string }) {
  const t = useT()
  return (
    <button
      type="button"
      data-part="embed-close"
      class="icon-button"
      onClick={() => tellHost(props.host, { type: 'close' })}
    >
      <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path d="M6 6l12 12M18 6L6 18" />
      </svg>
      <span class="sr-only">{t('embed.close')}</span>
    </button>
  )
}
