import { ConfigError } from './config-error.ts'
import type { Env } from './from-environment.ts'
import type { ChatskinsConfig } from './types.ts'

/** `GALLERY=off` switches the gallery at `/` off whatever the config says; `on` or unset keep it. */
export function applyGallerySwitch(config: ChatskinsConfig, env: Env): ChatskinsConfig {
  const value = env.GALLERY
  if (value === undefined || value === '' || value === 'on') return config
  if (value !== 'off') throw new ConfigError('environment', 'GALLERY', 'must be "on" or "off"')
  return { ...config, gallery: false }
}
