import { readFileSync } from 'node:fs'
import type { BrowserContext, Page } from '@playwright/test'

const read = (name: string) => readFileSync(new URL(`embed-host/${name}`, import.meta.url), 'utf8')

export interface HostPageOptions {
  /** `data-*` attributes of the embed script, without the prefix. */
  attributes: Record<string, string>
  /** A Content-Security-Policy for the host page. */
  csp?: string
}

/**
 * Serves the shop page (e2e/embed-host/) at `http://localhost:<port>/shop`: another site than the
 * chat server at 127.0.0.1, as a real embed is, so third-party cookie and storage rules apply.
 */
export async function serveHostPage(
  target: Page | BrowserContext,
  chatOrigin: string,
  options: HostPageOptions,
): Promise<string> {
  const host = `http://localhost:${new URL(chatOrigin).port}`
  const attributes = Object.entries(options.attributes)
    .map(([name, value]) => ` data-${name}='${value}'`)
    .join('')
  const html = read('host.html').replace(
    'EMBED_SCRIPT',
    `<script src="${chatOrigin}/embed.js"${attributes} async></script>`,
  )
  const headers: Record<string, string> = options.csp
    ? { 'Content-Security-Policy': options.csp }
    : {}
  await target.route(`${host}/shop`, (route) =>
    route.fulfill({ contentType: 'text/html', body: html, headers }),
  )
  await target.route(`${host}/host.js`, (route) =>
    route.fulfill({ contentType: 'text/javascript', body: read('host.js') }),
  )
  await target.route(`${host}/shop.css`, (route) =>
    route.fulfill({ contentType: 'text/css', body: read('shop.css') }),
  )
  return `${host}/shop`
}
