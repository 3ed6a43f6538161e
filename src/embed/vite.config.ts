import { defineConfig } from 'vite'

/**
 * `/embed.js` for host pages: one classic script, no chunks, no dependencies, built after the
 * client into its `static/` folder (npm run build).
 */
export default defineConfig({
  publicDir: false,
  build: {
    outDir: 'dist/client/static',
    emptyOutDir: false,
    target: 'es2022',
    lib: {
      entry: 'src/embed/embed.ts',
      formats: ['iife'],
      name: 'chatskinsEmbed',
      fileName: () => 'embed.js',
    },
  },
})
