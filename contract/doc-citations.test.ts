import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('..', import.meta.url))
const tracked = execFileSync('git', ['ls-files'], { cwd: root, encoding: 'utf8' })
  .split('\n')
  .filter((path) => path && existsSync(`${root}/${path}`))
const read = (path: string) => readFileSync(`${root}/${path}`, 'utf8')

/** Anchors a markdown file offers: explicit `<a id>` and GitHub's slugs of its headings. */
function anchorsOf(markdown: string): Set<string> {
  const ids = [...markdown.matchAll(/<a id="([^"]+)"/g)].map((match) => match[1]!)
  const slugs = [...markdown.matchAll(/^#+ (.+)$/gm)].map((match) =>
    match[1]!
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N} _-]/gu, '')
      .replace(/ /g, '-'),
  )
  return new Set([...ids, ...slugs])
}

describe('documentation the code cites', () => {
  const sources = tracked.filter((path) => /\.(ts|tsx|mjs|css)$/.test(path))

  it('resolves every docs/<file>.md#anchor cited in code', () => {
    const broken: string[] = []
    for (const path of sources) {
      for (const [, file, anchor] of read(path).matchAll(/docs\/([\w-]+\.md)#([\w-]+)/g)) {
        const doc = `docs/${file}`
        if (!existsSync(`${root}/${doc}`) || !anchorsOf(read(doc)).has(anchor!)) {
          broken.push(`${path}: ${doc}#${anchor}`)
        }
      }
    }
    expect(broken).toEqual([])
  })

  it('points at no file outside the repository', () => {
    const outside = tracked.filter(
      (path) =>
        !path.endsWith('doc-citations.test.ts') && /dify-api\.md|\.\.\/shared\//.test(read(path)),
    )
    expect(outside).toEqual([])
  })

  it('keeps every markdown table row within 160 characters', () => {
    const wide = tracked
      .filter((path) => path.endsWith('.md'))
      .flatMap((path) =>
        read(path)
          .split('\n')
          .flatMap((line, index) =>
            line.startsWith('|') && line.length > 160 ? [`${path}:${index + 1}`] : [],
          ),
      )
    expect(wide).toEqual([])
  })
})
