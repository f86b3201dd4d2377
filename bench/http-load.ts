/**
 * The HTTP bench's load generator, in a process of its own so that parsing the answers does not
 * take CPU from the server (as with a real client). Reads one JSON case from the file named by
 * its argument — `{ url, method, requests: [{ path, body? }], connections, duration | amount,
 * rate?, alongside? }` — and drives autocannon against `url`: each connection sends `requests` in turn
 * and starts over after the last, so the server answers many different requests instead of one.
 * With `amount` it runs until that many answers came (every request sent is counted, however
 * long it takes); the cases `alongside` run from its start until its last answer. Prints
 * autocannon's result with every answer's time, and those of the cases alongside, as one JSON line.
 */
import { readFile } from 'node:fs/promises'
import { performance } from 'node:perf_hooks'
import autocannon from 'autocannon'
import type { Instance, Result } from 'autocannon'

/** One case of the HTTP bench, as the bench hands it to this process. */
export interface LoadCase {
  readonly url: string
  readonly method: 'GET' | 'POST'
  /** Paths with their JSON bodies (as text, for POST). */
  readonly requests: ReadonlyArray<{ readonly path: string, readonly body?: string }>
  readonly connections: number
  /** Seconds to run (the cases alongside: ignored, they run as long as this one). */
  readonly duration?: number
  /** Answers in all instead of a duration: for requests that take seconds each. */
  readonly amount?: number
  /** Requests per second over all connections (default: each connection sends its next once answered). */
  readonly rate?: number
  /** Cases sent at the same time, from this one's start until its last answer. */
  readonly alongside?: readonly LoadCase[]
}

/** What one case gave: autocannon's result, every answer's time in milliseconds, and the run's length. */
export interface LoadResult { readonly result: Result, readonly times: number[], readonly elapsedMs: number }

/** This process's output: the case's result and those of the cases alongside, in their order. */
export interface LoadOutput extends LoadResult { readonly alongside: LoadResult[] }

const headers = { 'content-type': 'application/json' }

function start (load: LoadCase, until: 'duration' | 'stopped'): { instance: Instance, times: number[], started: number } {
  const times: number[] = []
  const instance = autocannon({
    url: load.url,
    connections: load.connections,
    ...(until === 'stopped' ? { duration: 3600 } : load.amount !== undefined ? { amount: load.amount } : { duration: load.duration ?? 5 }),
    timeout: 120,
    ...(load.rate === undefined ? {} : { overallRate: load.rate }),
    requests: load.requests.map(({ path, body }) => ({ path, method: load.method, ...(body === undefined ? {} : { body, headers }) }))
  })
  instance.on('response', (_client, _statusCode, _bytes, responseTime) => { times.push(responseTime) })
  return { instance, times, started: performance.now() }
}

const file = process.argv[2]
if (file === undefined) throw new Error('usage: http-load.ts <case.json> (a case written by bench/http.ts)')
const load = JSON.parse(await readFile(file, 'utf8')) as LoadCase
for (const each of [load, ...load.alongside ?? []]) {
  if (each.requests.length === 0) throw new Error(`${file}: "requests" is empty; every case needs at least one request`)
}
const alongside = (load.alongside ?? []).map(each => start(each, 'stopped'))
const main = start(load, 'duration')
const result = await main.instance
const elapsedMs = performance.now() - main.started
for (const { instance } of alongside) instance.stop()
const output: LoadOutput = {
  result,
  times: main.times,
  elapsedMs,
  alongside: await Promise.all(alongside.map(async ({ instance, times, started }) => ({ result: await instance, times, elapsedMs: performance.now() - started })))
}
process.stdout.write(JSON.stringify(output) + '\n')
