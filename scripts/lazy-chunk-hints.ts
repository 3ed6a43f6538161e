import type { Plugin } from 'vite'
import { LAZY_CHUNKS_SLOT, type LazyChunks } from '../server/embed/embed-preloads.ts'

/**
 * The lazy modules an embed panel needs for its first render, by source path, the most urgent
 * first: the chat's bridge (with the bridge it shares with the generator page, a static import)
 * lets the host page's commands through, setup shows the welcome and the form, the close button
 * completes the header.
 */
const EMBED_MODULES = [
  'src/embedded/connect-chat-host.ts',
  'src/app/app-setup.ts',
  'src/components/EmbedCloseButton.tsx',
]
const LOCALE_MODULE = /src\/i18n\/([\w-]+)\.ts$/

interface Chunk {
  type: 'chunk'
  fileName: string
  facadeModuleId: string | null
  moduleIds: readonly string[]
  imports: string[]
}

/**
 * Writes into the built index.html, as a comment, which files the lazily imported modules of a
 * first render live in: each locale's dictionary and what an embed panel loads. The server turns
 * the ones a page needs into `modulepreload` links, so they download beside the entry instead of
 * after it has run. A comment, not links: a plain chat page preloads none of them. The entry's
 * own imports, which every page loads, get links in the HTML itself: with no preload helper
 * (vite.config.ts), the browser would find them only once the entry has arrived, a round trip
 * later.
 */
export function lazyChunkHints(): Plugin {
  return {
    name: 'chatskins-lazy-chunk-hints',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, { bundle }) {
        const chunks = Object.values(bundle ?? {}).filter(
          (item): item is Chunk & typeof item => item.type === 'chunk',
        )
        const byFile = new Map(chunks.map((chunk) => [chunk.fileName, chunk]))
        const entry = chunks.find((chunk) => html.includes(`/${chunk.fileName}"`))
        const loaded = new Set(entry ? withImports([entry.fileName], byFile) : [])
        // A module that a lazy chunk imports statically too has a chunk with no facade.
        const chunkOf = (module: string) =>
          chunks.find((chunk) => chunk.moduleIds.some((id) => id.endsWith(module)))?.fileName ?? []
        const filesOf = (modules: readonly string[]) =>
          withImports(modules.flatMap(chunkOf), byFile)
            .filter((file) => !loaded.has(file))
            .map((file) => `/${file}`)
        const locales: LazyChunks['locales'] = {}
        for (const chunk of chunks) {
          const locale = LOCALE_MODULE.exec(chunk.facadeModuleId ?? '')?.[1]
          if (locale) locales[locale] = filesOf([chunk.facadeModuleId!])
        }
        const hints = JSON.stringify({
          locales,
          embed: filesOf(EMBED_MODULES),
        } satisfies LazyChunks)
        const entryImports = [...loaded]
          .filter((file) => file !== entry?.fileName)
          .map((file) => `\n    <link rel="modulepreload" crossorigin href="/${file}">`)
        // Right after the entry's own tag, so they don't queue ahead of it.
        const entryTag = entry && `/${entry.fileName}"></script>`
        const withLinks = entryTag ? html.replace(entryTag, entryTag + entryImports.join('')) : html
        return withLinks.replace('</head>', `  ${LAZY_CHUNKS_SLOT} ${hints} -->\n  </head>`)
      },
    },
  }
}

/** The files and, transitively, their static imports. */
function withImports(files: readonly string[], byFile: ReadonlyMap<string, Chunk>): string[] {
  const seen = new Set<string>()
  const visit = (file: string) => {
    if (seen.has(file)) return
    seen.add(file)
    for (const imported of byFile.get(file)?.imports ?? []) visit(imported)
  }
  files.forEach(visit)
  return [...seen]
}
