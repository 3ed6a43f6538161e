import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8')

describe('docs/deploy.md', () => {
  it('shows exactly the nginx config the fleet test runs', () => {
    const shown = /```nginx\n([\s\S]*?)```/.exec(read('docs/deploy.md'))?.[1]
    expect(shown).toBe(read('deploy/nginx.conf'))
  })
})
