import type { EndpointBrand } from './brand/load-brands.ts'
import type { EndpointConfig } from './config/types.ts'
import type { DifyClient } from './dify/dify-client.ts'
import type { DirectAnswer } from './relay/direct-talk.ts'
import type { EndpointShare } from './share/share-images.ts'
import type { ThemePack } from './themes/manifest.ts'

/** One configured endpoint, ready to serve: its config, its theme pack and its Dify client. */
export interface EndpointRuntime {
  config: EndpointConfig
  pack: ThemePack
  dify: DifyClient
  /** The operator's colour and images over the pack, when the endpoint sets `brand`. */
  brand?: EndpointBrand
  /** Its link preview card and app icons, where the runtime draws them (Node). */
  share?: EndpointShare
}

/** The visitor behind a request; `user` is the Dify end-user id derived from the signed cookie. */
export interface Visitor {
  id: string
  user: string
}

/** The visitor's stream slot on `/talk` (server/security/costly-route-limits.ts). */
export interface StreamSlot {
  /** Keeps the slot past the response, until the returned release is called. */
  keepUntilStreamEnds(): () => void
}

export type AppEnv = {
  Variables: {
    endpoint: EndpointRuntime
    visitor: Visitor
    streamSlot?: StreamSlot
    /** Set by requestLog for every request (server/http/request-log.ts). */
    requestId: string
    /** Dify's status for the last upstream call of this request, for the log. */
    upstreamStatus: number
    /** A `/talk` answer the runtime writes straight to the socket (server/relay/direct-talk.ts). */
    directAnswer: DirectAnswer
  }
}
