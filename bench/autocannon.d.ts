// The part of autocannon's API the HTTP benchmark uses (the package ships no types).
declare module 'autocannon' {
  interface Options {
    url: string
    method?: string
    headers?: Record<string, string>
    body?: string
    connections?: number
    duration?: number
    /** Requests in all, instead of a duration. */
    amount?: number
    /** Requests per second over all connections (default: as fast as answers come). */
    overallRate?: number
    /** Seconds before a request counts as timed out. */
    timeout?: number
    /** Requests each connection sends in turn, starting over after the last. */
    requests?: ReadonlyArray<{ path?: string, method?: string, body?: string, headers?: Record<string, string> }>
  }
  interface Histogram { average: number, p50: number, p99: number, max: number }
  export interface Result {
    requests: Histogram & { total: number }
    latency: Histogram
    errors: number
    non2xx: number
    '2xx': number
  }
  /** The run's progress: `response` is emitted per answer with its time in milliseconds. */
  export interface Instance extends Promise<Result> {
    on: (event: 'response', listener: (client: unknown, statusCode: number, bytes: number, responseTime: number) => void) => Instance
    /** Ends the run early; the promise then resolves with what was answered. */
    stop: () => void
  }
  function autocannon (options: Options): Instance
  export default autocannon
}
