import type { EndpointConfig } from '../config/types.ts'
import type { Context } from 'hono'
import type { AppEnv, EndpointRuntime } from '../app-env.ts'
import type { ChatskinsConfig } from '../config/types.ts'
import { HttpError } from '../errors.ts'
import { escapeHtml } from './escape-html.ts'

/**
 * `GET /`: a 404 when the gallery is off (`"gallery": false`, GALLERY=off); the one endpoint when
 * there is only one; else the gallery of the endpoints not marked `"listed": false`.
 */
export function galleryHandler(config: ChatskinsConfig, endpoints: readonly EndpointRuntime[]) {
  const listed = endpoints.filter((endpoint) => endpoint.config.listed !== false)
  return (c: Context<AppEnv>) => {
    if (!config.gallery) throw new HttpError(404, 'not_found', 'Nothing here.')
    const [only] = endpoints
    if (endpoints.length === 1 && listed.length === 1 && only) {
      return c.redirect(`/${encodeURIComponent(only.config.id)}/`, 302)
    }
    return c.html(renderGallery(listed, new URL(c.req.url).origin))
  }
}

/**
 * `GET /`: every endpoint with its theme's name, preview image, a link and its embed snippet for
 * other sites (`origin` is this server's, as the browser reached it). The only script is the
 * same-origin `gallery.js`, for the snippets' copy buttons.
 */
export function renderGallery(endpoints: readonly EndpointRuntime[], origin: string): string {
  const cards = endpoints
    .map(({ config, pack }) => {
      const { manifest } = pack
      const href = `/${encodeURIComponent(config.id)}/`
      const preview = `/themes/${encodeURIComponent(manifest.id)}/${manifest.preview}?v=${pack.version}`
      return `<li class="card">
        <a href="${escapeHtml(href)}">
          <img src="${escapeHtml(preview)}" alt="" width="320" height="200">
          <span class="card-title">${escapeHtml(config.botName)}</span>
          <span class="card-theme">${escapeHtml(manifest.name)}</span>
          <span class="card-description">${escapeHtml(manifest.description)}</span>
        </a>
        ${embedSnippet(config, origin)}
      </li>`
    })
    .join('\n')
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>chatskins</title>
  <link rel="stylesheet" href="/static/gallery.css">
  <script src="/static/gallery.js" defer></script>
</head>
<body>
  <main>
    <h1>chatskins</h1>
    <p class="lead">Pick a chat. Every one talks to a Dify app; each wears its own skin.</p>
    <ul class="cards">
${cards}
    </ul>
  </main>
</body>
</html>`
}

/** The `<script>` tag that puts this endpoint's chat on another site (docs/embed.md). */
function embedSnippet(config: EndpointConfig, origin: string): string {
  const snippet = `<script src="${origin}/embed.js" data-endpoint="${config.id}" async></script>`
  const listed =
    config.embedOrigins.length > 0
      ? `Allowed on ${config.embedOrigins.join(', ')}.`
      : 'Add your site to this endpoint’s embedOrigins first.'
  return `<details class="card-embed">
          <summary>Embed on your site</summary>
          <pre><code>${escapeHtml(snippet)}</code></pre>
          <p>${escapeHtml(listed)}</p>
          <button type="button" data-copy>Copy snippet</button>
        </details>`
}
