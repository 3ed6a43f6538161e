/**
 * What a `/talk` turn reports beyond its request-log record, for metrics: each call names the
 * endpoint id (from the config) and never the visitor, conversation or text.
 */
export interface TurnObserver {
  /** Dify's response headers arrived, `seconds` after the request reached chatskins. */
  difyFirstByte(endpoint: string, seconds: number): void
  /** The first answer event went to the browser (the first one carrying Dify's task id). */
  firstEvent(endpoint: string, seconds: number): void
  /** Dify refused the turn before streaming, with this error code. */
  difyError(endpoint: string, code: string): void
  /** Dify fell silent for the endpoint's idle timeout and the turn was ended. */
  upstreamTimeout(endpoint: string): void
}
