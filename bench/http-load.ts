/**
 * The HTTP bench's load generator, in a process of its own so that parsing the answers does not
 * take CPU from the server (as with a real client). Reads one JSON case from the file named by
 * its argument — `{ url, method, requests: [{ path, body? }], connections, duration }` — and
 * drives autocannon against `url`: each connection sends `requests` in turn and starts over after
 * the last, so the server answers many different requests instead of one. Prints autocannon's result as one JSON line.
 */
import { readFile } from 'node:fs/promises'
import autocannon from 'autocannon'

/** One case of the HTTP bench, as the bench hands it to this process. */
export interface LoadCase {
  readonly url: string
  readonly method: 'GET' | 'POST'
  /** Paths with their JSON bodies (as text, for POST). */
  readonly requests: ReadonlyArray<{ readonly path: string, readonly body?: string }>
  readonly connections: number
  readonly duration: number
}

const file = process.argv[2]
if (file === undefined) throw new Error('usage: http-load.ts <case.json> (a case written by bench/http.ts)')
const load = JSON.parse(await readFile(file, 'utf8')) as LoadCase
if (load.requests.length === 0) throw new Error(`${file}: "requests" is empty; the case needs at least one request`)
const headers = { 'content-type': 'application/json' }
const result = await autocannon({
  url: load.url,
  connections: load.connections,
  duration: load.duration,
  timeout: 120,
  requests: load.requests.map(({ path, body }) => ({ path, method: load.method, ...(body === undefined ? {} : { body, headers }) }))
})
process.stdout.write(JSON.stringify(result) + '\n')
