/** `symphony serve`: the API and web console on the embedded store (or an endpoint). */
import { SymphonyError } from '../../errors.js'
import type { Command } from '../command.js'
import { TokenRegistry } from '../../accounts/index.js'
import { dataDirOf, openForWriting } from '../context.js'

export const serveCommand: Command = {
  summary: 'serve the HTTP API and web console (the example catalog is imported into a new data directory)',
  usage: '[--port 8080] [--host 127.0.0.1] [--empty] [--sparql-timeout 10000] [--sparql-cap 10000]',
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    empty: { type: 'boolean' },
    'sparql-timeout': { type: 'string' },
    'sparql-cap': { type: 'string' }
  },
  async run ({ values }, io) {
    const port = wholeNumber('--port', values.port ?? io.env.PORT ?? '8080', 0, 65535)
    const timeoutMs = wholeNumber('--sparql-timeout', values['sparql-timeout'] ?? '10000', 1, 3_600_000)
    const resultCap = wholeNumber('--sparql-cap', values['sparql-cap'] ?? '10000', 1, 10_000_000)
    const host = typeof values.host === 'string' ? values.host : io.env.HOST ?? '127.0.0.1'
    // Loaded here: the other commands never pay for Fastify's start-up.
    const { buildApp } = await import('../../api/index.js')
    const engine = await openForWriting(values, io, { seedExamples: values.empty !== true })
    const tokens = await TokenRegistry.open({ dataDir: dataDirOf(values, io), ...(io.env.SYMPHONY_TOKENS === undefined ? {} : { env: io.env.SYMPHONY_TOKENS }) })
    const app = buildApp(engine, { logger: true, tokens, sparql: { timeoutMs, resultCap } })
    app.addHook('onClose', () => engine.close())
    const address = await app.listen({ port, host }).catch(async (error: NodeJS.ErrnoException) => {
      await app.close()
      if (error.code !== 'EADDRINUSE' && error.code !== 'EACCES') throw error
      throw new SymphonyError('BAD_REQUEST', `cannot listen on ${host}:${port} (${error.code === 'EADDRINUSE' ? 'the port is in use' : 'permission denied'}); pass another --port`, { cause: error })
    })
    io.stderr(`Symphony is serving at ${address}/ (API docs at ${address}/docs)\n`)
    await new Promise<void>(resolve => {
      const stop = () => { void app.close().then(() => resolve()) }
      process.once('SIGINT', stop)
      process.once('SIGTERM', stop)
    })
    return 0
  }
}

function wholeNumber (option: string, value: unknown, min: number, max: number): number {
  const number = Number(value)
  if (!Number.isInteger(number) || number < min || number > max) {
    throw new SymphonyError('BAD_REQUEST', `${option} ${String(value)} is not a whole number from ${min} to ${max}`)
  }
  return number
}
