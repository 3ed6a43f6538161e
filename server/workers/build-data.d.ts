// The module scripts/build-workers.ts writes to dist/workers/build-data.js; wrangler.toml aliases
// `chatskins:build-data` to it, so the Worker is typed before anything is built.
declare module 'chatskins:build-data' {
  import type { ThemePack } from '../themes/manifest.ts'

  /** dist/client/index.html, as `npm run build` made it. */
  export const pageTemplate: string
  /** Every pack under themes/, validated by loadThemes at build time. */
  export const themePacks: ThemePack[]
}
