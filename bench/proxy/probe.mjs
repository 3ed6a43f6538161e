// Preloaded into a benchmarked server (`node --expose-gc --import probe.mjs …`): answers
// `{id, gc}` messages on the IPC channel with the process's own CPU time and memory. Plain
// JavaScript, so the measured process runs without a TypeScript loader.
if (process.send) {
  process.on('message', (message) => {
    if (!message || typeof message.id !== 'number') return
    if (message.gc && typeof globalThis.gc === 'function') {
      globalThis.gc()
      globalThis.gc()
    }
    const cpu = process.cpuUsage()
    const memory = process.memoryUsage()
    process.send({
      id: message.id,
      usage: {
        cpuMs: (cpu.user + cpu.system) / 1000,
        rss: memory.rss,
        heapUsed: memory.heapUsed,
        external: memory.external,
      },
    })
  })
  // The IPC channel must not keep a server alive after SIGTERM closed everything else.
  process.channel?.unref()
}
