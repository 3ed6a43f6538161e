/** The packs, sizes and schemes every theme check covers (themes, features, visual compare). */
export const THEMES = ['minimal', 'kawaii', 'korean', 'western'] as const
export const VIEWPORTS = [
  { width: 360, height: 740 },
  { width: 1280, height: 800 },
] as const
export const SCHEMES = ['light', 'dark'] as const

/** One fully featured endpoint per pack, each in another language and scheme. */
export const FEATURE_ENDPOINTS = [
  { endpoint: 'full', theme: 'minimal', locale: 'en-US', scheme: 'light', sources: 'Sources' },
  { endpoint: 'full-kawaii', theme: 'kawaii', locale: 'ja-JP', scheme: 'dark', sources: '出典' },
  { endpoint: 'full-korean', theme: 'korean', locale: 'ko-KR', scheme: 'light', sources: '출처' },
  {
    endpoint: 'full-western',
    theme: 'western',
    locale: 'zh-TW',
    scheme: 'dark',
    sources: '參考來源',
  },
] as const
