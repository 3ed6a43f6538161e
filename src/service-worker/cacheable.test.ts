import { describe, expect, it } from 'vitest'
import { isCacheableResponse, isCacheableUrl } from './cacheable.ts'

const ORIGIN = 'https://chat.example.com'
const cacheable = (path: string) => isCacheableUrl(new URL(path, ORIGIN), ORIGIN)

describe('what the service worker keeps', () => {
  it('keeps content-addressed static files', () => {
    for (const path of [
      '/assets/index-DbhS8Yz9.js',
      '/assets/index-Bz0JAUoT.css',
      '/fonts/kr-5.3.1/12.woff2',
      '/themes/kawaii/theme.css?v=1a2b3c',
      '/themes/kawaii/mochi.svg?v=1a2b3c',
      '/brand/shop/brand.css?v=0123456789ab',
      '/brand/shop/avatar-0123456789ab.png',
      '/share/shop/card-0123456789ab.png',
    ]) {
      expect(cacheable(path), path).toBe(true)
    }
  })

  it('never keeps pages, the chat stream, the API, runs, the manifest or unversioned files', () => {
    for (const path of [
      '/',
      '/shop/',
      '/shop/talk',
      '/shop/run',
      '/shop/api/parameters',
      '/shop/api/messages?conversation_id=1',
      '/shop/manifest.webmanifest',
      '/shop/assets/index-DbhS8Yz9.js',
      '/sw.js',
      '/embed.js',
      '/fonts/kr.css',
      '/themes/kawaii/theme.css',
      '/static/gallery.css',
      '/v1/chat/completions',
    ]) {
      expect(cacheable(path), path).toBe(false)
    }
    expect(isCacheableUrl(new URL('https://cdn.example/assets/a-1.js'), ORIGIN)).toBe(false)
  })

  it('keeps only answers the server marked immutable', () => {
    const answer = (status: number, cacheControl: string) =>
      new Response('x', { status, headers: { 'Cache-Control': cacheControl } })
    // Constructed Responses have type "default"; the worker sees "basic" for same-origin fetches.
    const basic = (response: Response) =>
      Object.defineProperty(response, 'type', { value: 'basic' })
    expect(isCacheableResponse(basic(answer(200, 'public, max-age=31536000, immutable')))).toBe(
      true,
    )
    expect(isCacheableResponse(basic(answer(200, 'no-cache')))).toBe(false)
    expect(isCacheableResponse(basic(answer(404, 'public, max-age=31536000, immutable')))).toBe(
      false,
    )
    expect(isCacheableResponse(answer(200, 'public, max-age=31536000, immutable'))).toBe(false)
  })
})
