import { SUPPORTED_LOCALES, type Locale } from '../../contract/locales.ts'
import type { EndpointRuntime } from '../app-env.ts'
import type { EndpointConfig } from '../config/types.ts'
import { escapeHtml } from '../../contract/escape-html.ts'
import { jsonForScript } from '../page/json-for-script.ts'
import { configSnippet } from './config-snippet.ts'
import {
  GALLERY_LABELS,
  LOCALE_NAMES,
  galleryLabel,
  type GalleryLabelKey,
} from './gallery-labels.ts'
import { previewUrl, type PreviewChoice } from './preview-choice.ts'

export const FRAMES = ['phone', 'desktop'] as const
export type Frame = (typeof FRAMES)[number]

/** What the gallery shows: the switches' positions and the language of its own words. */
export interface GalleryView extends PreviewChoice {
  frame: Frame
  /** The gallery's words: the chosen locale, else the visitor's language. */
  words: Locale
}

/**
 * `GET /`: a card per listed endpoint with a live preview (its page in preview mode, in a lazy
 * frame), a link, its config and embed snippets; switches for the previews' scheme, locale and
 * frame. The only script is the same-origin `gallery.js`; every string from config or a pack is
 * escaped, and the labels of all five locales travel as inert JSON for it.
 */
export function renderGallery(
  endpoints: readonly EndpointRuntime[],
  origin: string,
  view: GalleryView,
): string {
  const label = (key: GalleryLabelKey, name?: string) =>
    escapeHtml(galleryLabel(view.words, key, name))
  /** A label gallery.js rewrites when the language changes. */
  const labelled = (key: GalleryLabelKey) => `data-label="${key}">${label(key)}`
  const radio = (name: string, value: string, checked: boolean) =>
    `<label><input type="radio" name="${name}" value="${value}"${checked ? ' checked' : ''}> <span ${labelled(value as GalleryLabelKey)}</span></label>`
  const localeOptions = SUPPORTED_LOCALES.map(
    (locale) =>
      `<option value="${locale}" lang="${locale}"${view.locale === locale ? ' selected' : ''}>${escapeHtml(LOCALE_NAMES[locale])}</option>`,
  ).join('')
  const cards = endpoints.map((endpoint) => renderCard(endpoint, origin, view, label)).join('\n')
  return `<!doctype html>
<html lang="${view.words}" data-scheme="${view.scheme}" data-frame="${view.frame}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>chatskins</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="/static/gallery.css">
  <script src="/static/gallery.js" defer></script>
</head>
<body>
  <main>
    <h1>chatskins</h1>
    <p class="lead" ${labelled('lead')}</p>
    <form class="switches" method="get" action="/" aria-labelledby="switches-title">
      <h2 id="switches-title" class="visually-hidden" ${labelled('options')}</h2>
      <fieldset>
        <legend ${labelled('scheme')}</legend>
        ${radio('scheme', 'light', view.scheme === 'light')}
        ${radio('scheme', 'dark', view.scheme === 'dark')}
      </fieldset>
      <label class="switch-locale">
        <span ${labelled('locale')}</span>
        <select name="locale"><option value="" ${labelled('ownLocale')}</option>${localeOptions}</select>
      </label>
      <fieldset>
        <legend ${labelled('frame')}</legend>
        ${radio('frame', 'phone', view.frame === 'phone')}
        ${radio('frame', 'desktop', view.frame === 'desktop')}
      </fieldset>
      <button type="submit" class="switches-apply" ${labelled('apply')}</button>
    </form>
    <ul class="cards">
${cards}
    </ul>
  </main>
  <script type="application/json" id="gallery-labels">${jsonForScript(GALLERY_LABELS)}</script>
</body>
</html>`
}

function renderCard(
  { config, pack }: EndpointRuntime,
  origin: string,
  view: GalleryView,
  label: (key: GalleryLabelKey, name?: string) => string,
): string {
  const { manifest } = pack
  const name = escapeHtml(config.botName)
  return `<li class="card" data-endpoint="${escapeHtml(config.id)}">
        <div class="card-preview" inert>
          <iframe data-src="${escapeHtml(previewUrl(config.id, view))}" tabindex="-1"
            title="${label('previewOf', config.botName)}" data-label="previewOf" data-label-attr="title" data-name="${name}"></iframe>
        </div>
        <a class="card-link" href="/${escapeHtml(encodeURIComponent(config.id))}/">
          <span class="card-title">${name}</span>
          <span class="card-theme">${escapeHtml(manifest.name)}</span>
          <span class="card-description">${escapeHtml(manifest.description)}</span>
        </a>
        <details class="card-config">
          <summary data-label="config">${label('config')}</summary>
          <pre><code>${escapeHtml(configSnippet(config))}</code></pre>
          <p data-label="configNote">${label('configNote')}</p>
          <button type="button" data-copy data-label="copyConfig">${label('copyConfig')}</button>
        </details>
        ${embedSnippet(config, origin, label)}
      </li>`
}

/** The `<script>` tag that puts this endpoint's chat on another site (docs/embed.md). */
function embedSnippet(
  config: EndpointConfig,
  origin: string,
  label: (key: GalleryLabelKey, name?: string) => string,
): string {
  const snippet = `<script src="${origin}/embed.js" data-endpoint="${config.id}" async></script>`
  const origins = config.embedOrigins.join(', ')
  const where = origins
    ? `<p data-label="embedAllowed" data-name="${escapeHtml(origins)}">${label('embedAllowed', origins)}</p>`
    : `<p data-label="embedFirst">${label('embedFirst')}</p>`
  return `<details class="card-embed">
          <summary data-label="embed">${label('embed')}</summary>
          <pre><code>${escapeHtml(snippet)}</code></pre>
          ${where}
          <button type="button" data-copy data-label="copyEmbed">${label('copyEmbed')}</button>
        </details>`
}
