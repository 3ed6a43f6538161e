import preact from '@preact/preset-vite'
import { defineConfig } from 'vite'

export default defineConfig({
  plugins: [preact()],
  build: {
    outDir: 'dist/client',
    emptyOutDir: true,
    // The server inlines nothing: CSP forbids inline script, so even tiny chunks stay files.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    target: 'es2022',
  },
})
