import preact from '@preact/preset-vite'
import tailwindcss from '@tailwindcss/vite'
import { defineConfig, type Plugin } from 'vite'
import { lazyChunkHints } from './scripts/lazy-chunk-hints.ts'

/** In `npm run dev`, everything Vite doesn't serve itself goes to the chatskins server. */
const devServer = process.env.CHATSKINS_DEV_SERVER ?? 'http://127.0.0.1:8787'

/** Theme packs aren't modules Vite knows; reload the page when one changes. */
function reloadOnThemeChange(): Plugin {
  return {
    name: 'chatskins-theme-reload',
    configureServer(server) {
      server.watcher.add('themes')
      server.watcher.on('change', (file) => {
        if (/[\\/]themes[\\/]/.test(file)) server.ws.send({ type: 'full-reload' })
      })
    },
  }
}

export default defineConfig({
  plugins: [tailwindcss(), preact(), reloadOnThemeChange(), lazyChunkHints()],
  server: {
    proxy: {
      '^/(?!@vite/|@id/|@fs/|src/|contract/|node_modules/|@react-refresh|__vite).*': {
        target: devServer,
        changeOrigin: false,
      },
    },
  },
  build: {
    outDir: 'dist/client',
    emptyOutDir: true,
    // Nothing inlined: the CSP forbids inline script, so even tiny chunks stay files.
    assetsInlineLimit: 0,
    // No preload helper (0.44 KB of the 30 KB first load): a lazy chunk's own imports load after
    // it, one round trip later. The entry's own imports get <link rel=modulepreload> in the HTML
    // (scripts/lazy-chunk-hints.ts), markdown is fetched as the visitor focuses the composer, and
    // embed panels get links for their lazy chunks from the server (server/embed/embed-preloads.ts).
    modulePreload: false,
    target: 'es2022',
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // Small modules that both the first render and lazy chunks import: one chunk of
            // them costs less than one each (every chunk adds its own import and export lines).
            // The HTML escape is only the markdown chunk's, so it stays there.
            {
              name: 'shared',
              test: /[\\/](contract[\\/](?!escape-html)|src[\\/](app|conversations|media)[\\/][\w-]*context[\\/.])/,
            },
          ],
        },
      },
    },
  },
})
