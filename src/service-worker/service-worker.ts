import { isCacheableResponse, isCacheableUrl } from './cacheable.ts'

// Set at build (src/service-worker/vite.config.ts): a new build is a new cache.
declare const CHATSKINS_BUILD: string
declare const CHATSKINS_PRECACHE: readonly string[]

/** The parts of a service worker's global scope and events used here (no WebWorker lib in tsconfig). */
interface WaitingEvent extends Event {
  waitUntil(promise: Promise<unknown>): void
}
interface FetchingEvent extends WaitingEvent {
  request: Request
  respondWith(response: Promise<Response>): void
}
interface WorkerScope {
  addEventListener(type: 'install' | 'activate', listener: (event: WaitingEvent) => void): void
  addEventListener(type: 'fetch', listener: (event: FetchingEvent) => void): void
  skipWaiting(): Promise<void>
  location: Location
}

const worker = self as unknown as WorkerScope
const PREFIX = 'chatskins-static-'
const CACHE = PREFIX + CHATSKINS_BUILD

// The first visit's page isn't controlled yet: keep what the next one paints with.
worker.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(CHATSKINS_PRECACHE))
      .then(() => worker.skipWaiting()),
  )
})

// A new build's worker drops the caches of the builds before it.
worker.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys
            .filter((key) => key.startsWith(PREFIX) && key !== CACHE)
            .map((key) => caches.delete(key)),
        ),
      ),
  )
})

// Anything else is not answered here, so it goes to the network as if there were no worker.
worker.addEventListener('fetch', (event) => {
  const { request } = event
  if (request.method !== 'GET' || !isCacheableUrl(new URL(request.url), worker.location.origin)) {
    return
  }
  event.respondWith(fromCache(request))
})

async function fromCache(request: Request): Promise<Response> {
  const cache = await caches.open(CACHE)
  // The URL names the content: whatever coding was stored serves any request for it.
  const kept = await cache.match(request, { ignoreVary: true })
  if (kept) return kept
  const response = await fetch(request)
  if (isCacheableResponse(response)) await cache.put(request, response.clone())
  return response
}
