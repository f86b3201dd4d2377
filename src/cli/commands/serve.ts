/** `symphony serve`: the API and web console on the embedded store (or an endpoint). */
import { existsSync } from 'node:fs'
import { hostname, networkInterfaces } from 'node:os'
import { setTimeout as delay } from 'node:timers/promises'
import { SymphonyError } from '../../errors.js'
import type { Command } from '../command.js'
import { oneFormat } from '../command.js'
import { TokenRegistry } from '../../accounts/index.js'
import type { Io } from '../io.js'
import type { EndpointAddress } from '../../operations/index.js'
import { dataDirOf, openForWriting } from '../context.js'
import { servedHostNames } from '../../api/host-check.js'
import { limitOptions, limitsOf, serveLimitSources } from '../compose-limits.js'
import { shaclLimitOptions } from '../shacl-limits.js'
import { noticeIn, textLanguageOf, type HelpLanguage } from '../language.js'

/** How often resolved tickets are checked for their automatic close. */
const sweepIntervalMs = 10 * 60_000

export const serveCommand: Command = {
  summary: {
    en: 'serve the HTTP API and web console until stopped (a new data directory gets the example catalog, and the example providers\' sandbox starts with it)',
    de: 'die HTTP-API und die Web-Konsole bereitstellen, bis sie gestoppt werden (ein neues Datenverzeichnis erhält den Beispielkatalog, und die Sandbox der Beispielanbieter startet mit)'
  },
  usage: '[--port <n>] [--host <address>] [--allowed-host <name>]… [--public-url <url>] [--empty] [--no-sandbox] [--sandbox-port <n>] [--sparql-timeout <ms>] [--sparql-cap <n>] [--compose-workers <n>] [--compose-max-states <n>] [--compose-max-model-entries <n>] [--compose-timeout-ms <ms>] [--shacl-sparql-timeout-ms <ms>] [--shacl-sparql-max-rows <n>] [--ticket-close-days <n>] [--allow-private-webhooks] [--allow-private-providers] [--log-level <level>] [--no-request-log]',
  common: { format: oneFormat },
  options: {
    port: {
      type: 'string',
      help: {
        value: '<n>',
        text: { en: 'the TCP port to listen on (0: any free one)', de: 'der TCP-Port, auf dem gelauscht wird (0: ein beliebiger freier)' },
        default: { en: '$PORT, else 8080', de: '$PORT, sonst 8080' }
      }
    },
    host: {
      type: 'string',
      help: {
        value: '<address>',
        text: { en: 'the address to listen on', de: 'die Adresse, auf der gelauscht wird' },
        default: { en: '$HOST, else 127.0.0.1', de: '$HOST, sonst 127.0.0.1' }
      }
    },
    'allowed-host': {
      type: 'string',
      multiple: true,
      help: {
        value: '<name>',
        text: {
          en: 'a further host name requests may name, besides the listening address, --public-url\'s host and this machine\'s names; * allows any. $SYMPHONY_ALLOWED_HOSTS adds more, comma-separated',
          de: 'ein weiterer Hostname, den Anfragen nennen dürfen, neben der Lauschadresse, dem Host von --public-url und den Namen dieses Rechners; * erlaubt jeden. $SYMPHONY_ALLOWED_HOSTS fügt weitere hinzu, durch Kommas getrennt'
        }
      }
    },
    'public-url': {
      type: 'string',
      help: {
        value: '<url>',
        text: { en: 'the URL the server is reached by, for providers\' callbacks', de: 'die URL, unter der der Server erreichbar ist, für Rückrufe der Anbieter' },
        default: { en: '$SYMPHONY_PUBLIC_URL, else http://<host>:<port>', de: '$SYMPHONY_PUBLIC_URL, sonst http://<host>:<port>' }
      }
    },
    empty: {
      type: 'boolean',
      help: {
        text: {
          en: 'a new data directory starts without the example catalog (and the sandbox is not started)',
          de: 'ein neues Datenverzeichnis beginnt ohne Beispielkatalog (und die Sandbox startet nicht)'
        }
      }
    },
    'no-sandbox': {
      type: 'boolean',
      help: {
        text: {
          en: 'do not start the example providers\' sandbox; example orders then fail, since their adapters name its loopback address (a sandbox run separately is called with --allow-private-providers)',
          de: 'die Sandbox der Beispielanbieter nicht starten; Beispielaufträge scheitern dann, da ihre Adapter deren Loopback-Adresse nennen (eine getrennt gestartete Sandbox wird mit --allow-private-providers aufgerufen)'
        }
      }
    },
    'sandbox-port': {
      type: 'string',
      help: {
        value: '<n>',
        text: {
          en: 'the TCP port of the example providers\' sandbox (0: any free one); the example adapters order from the port bound',
          de: 'der TCP-Port der Sandbox der Beispielanbieter (0: ein beliebiger freier); die Beispieladapter bestellen am gebundenen Port'
        },
        default: { en: '$SYMPHONY_SANDBOX_PORT, else 8091', de: '$SYMPHONY_SANDBOX_PORT, sonst 8091' }
      }
    },
    'sparql-timeout': {
      type: 'string',
      help: {
        value: '<ms>',
        text: { en: 'how long a query to /sparql may run, in milliseconds (1 to 3600000)', de: 'wie lange eine Abfrage an /sparql laufen darf, in Millisekunden (1 bis 3600000)' },
        default: '10000'
      }
    },
    'sparql-cap': {
      type: 'string',
      help: {
        value: '<n>',
        text: { en: 'the most rows or triples a /sparql answer may hold; more is answered 413', de: 'die meisten Zeilen oder Tripel, die eine Antwort von /sparql haben darf; mehr wird mit 413 beantwortet' },
        default: '10000'
      }
    },
    'compose-workers': {
      type: 'string',
      help: {
        value: '<n>',
        text: { en: 'worker threads for compositions, 0 to 64 (0: on the main thread)', de: 'Worker-Threads für Zusammenstellungen, 0 bis 64 (0: im Haupt-Thread)' },
        default: { en: '$SYMPHONY_COMPOSE_WORKERS, else one fewer than the cores, at least 1', de: '$SYMPHONY_COMPOSE_WORKERS, sonst einer weniger als Kerne, mindestens 1' }
      }
    },
    ...limitOptions(serveLimitSources),
    ...shaclLimitOptions,
    'ticket-close-days': {
      type: 'string',
      help: {
        value: '<n>',
        text: { en: 'days after which a resolved ticket nobody confirmed or reopened closes (1 to 365)', de: 'Tage, nach denen ein gelöstes Ticket schließt, das niemand bestätigt oder wieder geöffnet hat (1 bis 365)' },
        default: '7'
      }
    },
    'log-level': {
      type: 'string',
      help: {
        value: '<level>',
        text: { en: 'how much the server logs: fatal, error, warn, info, debug, trace or silent', de: 'wie viel der Server protokolliert: fatal, error, warn, info, debug, trace oder silent' },
        default: { en: '$SYMPHONY_LOG_LEVEL, else info', de: '$SYMPHONY_LOG_LEVEL, sonst info' }
      }
    },
    'no-request-log': {
      type: 'boolean',
      help: { text: { en: 'do not log every request', de: 'nicht jede Anfrage protokollieren' } }
    },
    'allow-private-webhooks': {
      type: 'boolean',
      help: {
        text: {
          en: 'customers may set webhooks to local and private addresses (localhost, 10.x, 192.168.x …), e.g. on a test network',
          de: 'Kunden dürfen Webhooks an lokale und private Adressen richten (localhost, 10.x, 192.168.x …), etwa in einem Testnetz'
        }
      }
    },
    'allow-private-providers': {
      type: 'boolean',
      help: {
        text: {
          en: 'provider endpoints may be on local and private addresses (localhost, 10.x, 192.168.x, 169.254.x …): descriptions naming them are published and orders, status requests and tickets are sent there, e.g. for providers on the premises. Without it only the sandbox this server starts is called on such an address',
          de: 'Anbieterendpunkte dürfen unter lokalen und privaten Adressen liegen (localhost, 10.x, 192.168.x, 169.254.x …): Beschreibungen, die sie nennen, werden veröffentlicht, und Aufträge, Statusabfragen und Tickets werden dorthin gesendet, etwa für Anbieter vor Ort. Ohne diese Option wird unter solchen Adressen nur die Sandbox aufgerufen, die dieser Server startet'
        }
      }
    }
  },
  async run ({ values }, io) {
    const port = wholeNumber('--port', values.port ?? io.env.PORT ?? '8080', 0, 65535)
    const givenSandboxPort = values['sandbox-port'] ?? io.env.SYMPHONY_SANDBOX_PORT
    const sandboxPort = givenSandboxPort === undefined ? undefined : wholeNumber('--sandbox-port', givenSandboxPort, 0, 65535)
    const timeoutMs = wholeNumber('--sparql-timeout', values['sparql-timeout'] ?? '10000', 1, 3_600_000)
    const resultCap = wholeNumber('--sparql-cap', values['sparql-cap'] ?? '10000', 1, 10_000_000)
    const composeWorkers = values['compose-workers'] ?? io.env.SYMPHONY_COMPOSE_WORKERS
    const workers = composeWorkers === undefined ? undefined : wholeNumber('--compose-workers', composeWorkers, 0, 64)
    const composeLimits = limitsOf(values, io, serveLimitSources)
    const autoCloseDays = wholeNumber('--ticket-close-days', values['ticket-close-days'] ?? '7', 1, 365)
    const host = typeof values.host === 'string' ? values.host : io.env.HOST ?? '127.0.0.1'
    const logLevel = String(values['log-level'] ?? io.env.SYMPHONY_LOG_LEVEL ?? 'info')
    if (!logLevels.includes(logLevel)) throw new SymphonyError('BAD_REQUEST', { en: `--log-level ${logLevel} is not one of ${logLevels.join(', ')}`, de: `--log-level ${logLevel} ist keine der Stufen ${logLevels.join(', ')}` })
    // Loaded here: the other commands never pay for Fastify's start-up.
    const [{ buildApp }, { StartingServer }] = await Promise.all([import('../../api/index.js'), import('../../api/starting.js')])
    // Listening first: /health answers at once, /health/ready and every other route say what is
    // loading until the app takes over.
    const starting = new StartingServer()
    const address = await starting.listen(port, host).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EADDRINUSE' && error.code !== 'EACCES') throw error
      const inUse = error.code === 'EADDRINUSE'
      throw new SymphonyError('BAD_REQUEST', {
        en: `cannot listen on ${host}:${port} (${inUse ? 'the port is in use' : 'permission denied'}); pass another --port`,
        de: `auf ${host}:${port} kann nicht gelauscht werden (${inUse ? 'der Port ist belegt' : 'keine Berechtigung'}); geben Sie einen anderen --port an`
      }, { cause: error })
    })
    noticeIn(values, io, {
      en: `Symphony is listening at ${address}/ and loading its catalog (${address}/health/ready says when it is ready)`,
      de: `Symphony lauscht unter ${address}/ und lädt seinen Katalog (${address}/health/ready meldet, wann er bereit ist)`
    })
    // A child process answers on the socket while this one loads (the collections of a heap
    // filling with the catalog would hold its answers); this one answers itself until it does,
    // and on if it cannot.
    void starting.lend()
    let app: Awaited<ReturnType<typeof buildApp>> | undefined
    try {
      const engine = await openForWriting(values, io, {
        seedExamples: values.empty !== true, command: 'serve', compileInBackground: true, composeLimits, allowPrivateProviders: values['allow-private-providers'] === true,
        onOpen: (done, total) => { starting.report({ phase: 'store', done, total }) }
      })
      starting.report({ phase: 'operations', done: 0, total: 1 })
      const tokens = await TokenRegistry.open({ dataDir: dataDirOf(values, io), ...(io.env.SYMPHONY_TOKENS === undefined ? {} : { env: io.env.SYMPHONY_TOKENS }) })
      // The example catalog's adapters point at local sandbox providers: start them with it.
      const sandbox = values.empty !== true && values['no-sandbox'] !== true ? await startExampleSandbox(io, textLanguageOf(values, io), sandboxPort) : undefined
      const givenPublicUrl = typeof values['public-url'] === 'string' ? values['public-url'] : io.env.SYMPHONY_PUBLIC_URL
      const publicUrl = givenPublicUrl ?? `http://${host.includes(':') ? `[${host}]` : host}:${port}`
      const allowedHosts = allowedHostsOf(values['allowed-host'], io.env.SYMPHONY_ALLOWED_HOSTS, host, givenPublicUrl)
      await engine.openOperations({ callbackBase: publicUrl, env: { ...(sandbox === undefined ? {} : sandbox.secrets), ...io.env }, ...(sandbox === undefined ? {} : { endpointAddress: sandbox.address, providerOrigins: [sandbox.url] }), tickets: { autoCloseDays }, allowPrivateWebhooks: values['allow-private-webhooks'] === true })
      // Billing charges the subscriptions that bookings made.
      const built = buildApp(engine, { serverFactory: starting.serverFactory, logger: { level: logLevel }, requestLog: values['no-request-log'] !== true, ...(allowedHosts === undefined ? {} : { allowedHosts }), tokens, sparql: { timeoutMs, resultCap }, ...(workers === undefined ? {} : { compose: { workers } }), billing: { subscriptions: () => engine.operations.subscriptions() } })
      app = built
      // Resolved tickets nobody confirmed or reopened close after the confirmation period.
      const sweep = setInterval(() => { engine.tickets.sweep().catch((error: unknown) => built.log.error(error, 'closing resolved tickets failed')) }, sweepIntervalMs)
      sweep.unref()
      built.addHook('onClose', async () => {
        clearInterval(sweep)
        await engine.tickets.idle()
        await engine.close()
        await sandbox?.close()
      })
      starting.report({ phase: 'catalog', done: 0, total: 1 })
      await holdStart(io.env.SYMPHONY_HOLD_START)
      // Read (or compiled) before the app takes over: its first request answers at once. While
      // the door answers, a catalog without a snapshot is compiled on this thread: handing a
      // compiled catalog over from the compile thread costs more than compiling it (at 100,000
      // services the hand-over took longer than the read of the file).
      await engine.catalog({ here: starting.lent })
      starting.report({ phase: 'catalog', done: 1, total: 1 })
      await built.ready()
      await starting.open()
      // Fastify says this when it listens itself; here the socket was bound before the app existed.
      built.log.info(`Server listening at ${address}`)
    } catch (error) {
      await app?.close()
      await starting.close()
      throw error
    }
    noticeIn(values, io, { en: `Symphony is serving at ${address}/ (API docs at ${address}/docs)`, de: `Symphony läuft unter ${address}/ (API-Dokumentation unter ${address}/docs)` })
    const served = app
    await new Promise<void>(resolve => {
      const stop = () => { void Promise.all([served.close(), starting.close()]).then(() => resolve()) }
      process.once('SIGINT', stop)
      process.once('SIGTERM', stop)
    })
    return 0
  }
}

/**
 * Starts the example providers' sandbox on `port` (default 8091; 0: any free one). The example
 * adapters name `http://127.0.0.1:8091`; `address` sends their requests to the port bound, and
 * `url` (that port's origin) is the one loopback origin operations call without
 * --allow-private-providers.
 */
async function startExampleSandbox (io: Io, language: HelpLanguage, port: number | undefined): Promise<{ url: string, secrets: Record<string, string>, address: EndpointAddress, close: () => Promise<void> } | undefined> {
  const { exampleProviders, exampleSandboxUrl, sandboxPort: defaultPort, sandboxSecrets, startSandbox } = await import('../../sandbox/index.js')
  const { movedOrigin } = await import('../../operations/index.js')
  const sandboxPort = port ?? defaultPort
  try {
    const sandbox = await startSandbox({ port: sandboxPort, providers: exampleProviders })
    io.stderr(language === 'de'
      ? `Anbieter-Sandbox unter ${sandbox.url}/ (die Adapter des Beispielkatalogs bestellen dort)\n`
      : `Provider sandbox at ${sandbox.url}/ (the example catalog's adapters order there)\n`)
    return { url: sandbox.url, secrets: sandboxSecrets(), address: movedOrigin(exampleSandboxUrl, sandbox.url), close: () => sandbox.close() }
  } catch (error) {
    const cause = `${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`
    io.stderr(language === 'de'
      ? `Anbieter-Sandbox nicht gestartet (${cause} auf Port ${sandboxPort}); Beispielbestellungen scheitern ohne sie (--sandbox-port 0 nimmt einen beliebigen freien Port)\n`
      : `Provider sandbox not started (${cause} on port ${sandboxPort}); example orders fail without it (--sandbox-port 0 takes any free port)\n`)
    return undefined
  }
}

/**
 * `$SYMPHONY_HOLD_START`: a file whose appearance lets a listening server go on to load its
 * catalog (until then it answers as starting). For deployments that warm up in a fixed order, and
 * for tests of the starting answers.
 */
async function holdStart (file: string | undefined): Promise<void> {
  if (file === undefined || file === '') return
  while (!existsSync(file)) await delay(200)
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
  if (publicUrl !== undefined && !URL.canParse(publicUrl)) throw new SymphonyError('BAD_REQUEST', {
      en: `--public-url ${publicUrl} is not an absolute URL (e.g. https://symphony.example.org)`,
      de: `--public-url ${publicUrl} ist keine absolute URL (z. B. https://symphony.example.org)`
    })
  const addresses = Object.values(networkInterfaces()).flatMap(list => (list ?? []).map(entry => entry.address))
  return [...servedHostNames(host, publicUrl, { hostname: hostname(), addresses }), ...extra]
}

function wholeNumber (option: string, value: unknown, min: number, max: number): number {
  const number = Number(value)
  if (!Number.isInteger(number) || number < min || number > max) {
    throw new SymphonyError('BAD_REQUEST', {
      en: `${option} ${String(value)} is not a whole number from ${min} to ${max}`,
      de: `${option} ${String(value)} ist keine ganze Zahl von ${min} bis ${max}`
    })
  }
  return number
}
