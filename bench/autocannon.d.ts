// The part of autocannon's API the HTTP benchmark uses (the package ships no types).
declare module 'autocannon' {
  interface Options {
    url: string
    method?: string
    headers?: Record<string, string>
    body?: string
    connections?: number
    duration?: number
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
  function autocannon (options: Options): Promise<Result>
  export default autocannon
}
