/** A config problem, named by file and field: `chatskins.json: endpoints[1].theme: unknown theme`. */
export class ConfigError extends Error {
  constructor(source: string, field: string, problem: string) {
    super(`${source}: ${field ? `${field}: ` : ''}${problem}`)
    this.name = 'ConfigError'
  }
}
