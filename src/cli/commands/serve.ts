/** `symphony serve`: the API and web console on the embedded store (or an endpoint). */
import { hostname, networkInterfaces } from 'node:os'
import { SymphonyError } from '../../errors.js'
import type { Command } from '../command.js'
import { TokenRegistry } from '../../accounts/index.js'
import type { Io } from '../io.js'
import { dataDirOf, openForWriting } from '../context.js'
import { servedHostNames } from '../../api/host-check.js'

/** How often resolved tickets are checked for their automatic close. */
const sweepIntervalMs = 10 * 60_000

export const serveCommand: Command = {
  summary: 'serve the HTTP API and web console (the example catalog is imported into a new data directory)',
  usage: '[--port 8080] [--host 127.0.0.1] [--allowed-host NAME]… [--empty] [--no-sandbox] [--public-url URL] [--sparql-timeout 10000] [--sparql-cap 10000] [--compose-workers N] [--ticket-close-days 7] [--allow-private-webhooks] [--log-level info] [--no-request-log]',
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    'allowed-host': { type: 'string', multiple: true },
    'log-level': { type: 'string' },
    'no-request-log': { type: 'boolean' },
    empty: { type: 'boolean' },
    'no-sandbox': { type: 'boolean' },
    'public-url': { type: 'string' },
    'sparql-timeout': { type: 'string' },
    'sparql-cap': { type: 'string' },
    'compose-workers': { type: 'string' },
    'ticket-close-days': { type: 'string' },
    'allow-private-webhooks': { type: 'boolean' }
  },
  async run ({ values }, io) {
    const port = wholeNumber('--port', values.port ?? io.env.PORT ?? '8080', 0, 65535)
    const timeoutMs = wholeNumber('--sparql-timeout', values['sparql-timeout'] ?? '10000', 1, 3_600_000)
    const resultCap = wholeNumber('--sparql-cap', values['sparql-cap'] ?? '10000', 1, 10_000_000)
    const composeWorkers = values['compose-workers'] ?? io.env.SYMPHONY_COMPOSE_WORKERS
    const workers = composeWorkers === undefined ? undefined : wholeNumber('--compose-workers', composeWorkers, 0, 64)
    const autoCloseDays = wholeNumber('--ticket-close-days', values['ticket-close-days'] ?? '7', 1, 365)
    const host = typeof values.host === 'string' ? values.host : io.env.HOST ?? '127.0.0.1'
    const logLevel = String(values['log-level'] ?? io.env.SYMPHONY_LOG_LEVEL ?? 'info')
    if (!logLevels.includes(logLevel)) throw new SymphonyError('BAD_REQUEST', `--log-level ${logLevel} is not one of ${logLevels.join(', ')}`)
    // Loaded here: the other commands never pay for Fastify's start-up.
    const { buildApp } = await import('../../api/index.js')
    const engine = await openForWriting(values, io, { seedExamples: values.empty !== true, command: 'serve' })
    const tokens = await TokenRegistry.open({ dataDir: dataDirOf(values, io), ...(io.env.SYMPHONY_TOKENS === undefined ? {} : { env: io.env.SYMPHONY_TOKENS }) })
    // The example catalog's adapters point at local sandbox providers: start them with it.
    const sandbox = values.empty !== true && values['no-sandbox'] !== true ? await startExampleSandbox(io) : undefined
    const givenPublicUrl = typeof values['public-url'] === 'string' ? values['public-url'] : io.env.SYMPHONY_PUBLIC_URL
    const publicUrl = givenPublicUrl ?? `http://${host.includes(':') ? `[${host}]` : host}:${port}`
    const allowedHosts = allowedHostsOf(values['allowed-host'], io.env.SYMPHONY_ALLOWED_HOSTS, host, givenPublicUrl)
    await engine.openOperations({ callbackBase: publicUrl, env: { ...(sandbox === undefined ? {} : sandbox.secrets), ...io.env }, tickets: { autoCloseDays }, allowPrivateWebhooks: values['allow-private-webhooks'] === true })
    // Billing charges the subscriptions that bookings made.
    const app = buildApp(engine, { logger: { level: logLevel }, requestLog: values['no-request-log'] !== true, ...(allowedHosts === undefined ? {} : { allowedHosts }), tokens, sparql: { timeoutMs, resultCap }, ...(workers === undefined ? {} : { compose: { workers } }), billing: { subscriptions: () => engine.operations.subscriptions() } })
    // Resolved tickets nobody confirmed or reopened close after the confirmation period.
    const sweep = setInterval(() => { engine.tickets.sweep().catch((error: unknown) => app.log.error(error, 'closing resolved tickets failed')) }, sweepIntervalMs)
    sweep.unref()
    app.addHook('onClose', async () => {
      clearInterval(sweep)
      await engine.tickets.idle()
      await engine.close()
      await sandbox?.close()
    })
    // Compiled before listening: the first request answers at once, and nothing stalls /health.
    await engine.catalog().catch(async (error: unknown) => {
      await app.close()
      throw error
    })
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

async function startExampleSandbox (io: Io): Promise<{ secrets: Record<string, string>, close: () => Promise<void> } | undefined> {
  const { exampleProviders, sandboxPort, sandboxSecrets, startSandbox } = await import('../../sandbox/index.js')
  try {
    const sandbox = await startSandbox({ port: sandboxPort, providers: exampleProviders })
    io.stderr(`Provider sandbox at ${sandbox.url}/ (the example catalog's adapters order there)\n`)
    return { secrets: sandboxSecrets(), close: () => sandbox.close() }
  } catch (error) {
    io.stderr(`Provider sandbox not started (${(error as NodeJS.ErrnoException).code ?? (error as Error).message} on port ${sandboxPort}); example orders will wait for their providers\n`)
    return undefined
  }
}

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']

/**
 * The host names the server answers for: those given (`--allowed-host`, repeatable, or
 * `$SYMPHONY_ALLOWED_HOSTS`, comma-separated) besides the ones it is reached by anyway; `*` answers
 * any host (behind a proxy that checks them).
 */
function allowedHostsOf (given: unknown, env: string | undefined, host: string, publicUrl: string | undefined): string[] | undefined {
  const extra = [...(Array.isArray(given) ? given.map(String) : []), ...(env ?? '').split(',')].map(name => name.trim()).filter(name => name !== '')
  if (extra.includes('*')) return undefined
  if (publicUrl !== undefined && !URL.canParse(publicUrl)) throw new SymphonyError('BAD_REQUEST', `--public-url ${publicUrl} is not an absolute URL (e.g. https://symphony.example.org)`)
  const addresses = Object.values(networkInterfaces()).flatMap(list => (list ?? []).map(entry => entry.address))
  return [...servedHostNames(host, publicUrl, { hostname: hostname(), addresses }), ...extra]
}

function wholeNumber (option: string, value: unknown, min: number, max: number): number {
  const number = Number(value)
  if (!Number.isInteger(number) || number < min || number > max) {
    throw new SymphonyError('BAD_REQUEST', `${option} ${String(value)} is not a whole number from ${min} to ${max}`)
  }
  return number
}
