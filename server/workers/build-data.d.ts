// The module scripts/build-workers.ts writes to dist/workers/build-data.js; wrangler.toml aliases
// `chatskins:build-data` to it, so the Worker is typed before anything is built.
declare module 'chatskins:build-data' {
  import type { ThemePack } from '../themes/manifest.ts'
  import type { BuiltBrand } from './built-brands.ts'
  import type { BuiltShare } from './built-share-images.ts'

  /** dist/client/index.html, as `npm run build` made it. */
  export const pageTemplate: string
  /** Every pack under themes/, validated by loadThemes at build time. */
  export const themePacks: ThemePack[]
  /** The link preview cards and app icons drawn for the config built with, as Worker assets. */
  export const builtShares: BuiltShare[]
  /** The brands of the config built with, their files as Worker assets. */
  export const builtBrands: BuiltBrand[]
}
