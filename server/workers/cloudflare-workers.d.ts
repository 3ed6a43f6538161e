// The few parts of the Workers runtime the Worker uses, typed here rather than through
// @cloudflare/workers-types, whose globals clash with the DOM and Node types the rest of the
// project is checked against. The interfaces are types only: import them with `import type`.
declare module 'cloudflare:workers' {
  export interface DurableObjectStorage {
    put(key: string, value: unknown): Promise<void>
    delete(key: string): Promise<boolean>
    list<T>(options: { prefix: string }): Promise<Map<string, T>>
  }

  export interface DurableObjectState {
    readonly storage: DurableObjectStorage
  }

  export abstract class DurableObject<Env = unknown> {
    protected readonly ctx: DurableObjectState
    protected readonly env: Env
    constructor(ctx: DurableObjectState, env: Env)
  }

  /** Keeps the current request's isolate alive until `promise` settles. */
  export function waitUntil(promise: Promise<unknown>): void

  export interface DurableObjectId {
    toString(): string
  }

  /** An RPC stub: the object's async methods, called over the wire. */
  export type DurableObjectStub<T> = {
    [K in keyof T as T[K] extends (...args: never[]) => Promise<unknown> ? K : never]: T[K]
  }

  /** A Durable Object class binding. */
  export interface DurableObjectNamespace<T> {
    idFromName(name: string): DurableObjectId
    get(id: DurableObjectId): DurableObjectStub<T>
  }
}
