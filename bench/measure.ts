/** Timing helpers shared by the benchmarks. */
import { performance } from 'node:perf_hooks'

export interface Timing {
  readonly p50: number
  readonly p95: number
  readonly runs: number
}

/**
 * Runs `work` `runs` times (after one warm-up, unless `warmUp: false` — for work so slow that a
 * warm-up would dominate the bench) and returns percentiles in milliseconds.
 */
export async function time (runs: number, work: () => unknown, options: { warmUp?: boolean } = {}): Promise<Timing> {
  if (options.warmUp !== false) await work()
  const samples: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    await work()
    samples.push(performance.now() - start)
  }
  samples.sort((a, b) => a - b)
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!
  return { p50: at(0.5), p95: at(0.95), runs }
}

/** The `q` quantile of `samples` (NaN when there are none). */
export function percentile (samples: readonly number[], q: number): number {
  if (samples.length === 0) return NaN
  const sorted = samples.slice().sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!
}

/** Milliseconds, to two significant decimals. */
export function ms (value: number): string {
  return value < 1 ? value.toFixed(3) : value < 100 ? value.toFixed(1) : value.toFixed(0)
}

/** Prints rows as an aligned text table. */
export function table (rows: ReadonlyArray<Readonly<Record<string, string | number>>>): string {
  if (rows.length === 0) return ''
  const columns = Object.keys(rows[0]!)
  const widths = columns.map(c => Math.max(c.length, ...rows.map(r => String(r[c] ?? '').length)))
  const line = (cells: readonly string[]) => cells.map((cell, i) => cell.padStart(widths[i]!)).join('  ')
  return [line(columns), line(widths.map(w => '-'.repeat(w))), ...rows.map(r => line(columns.map(c => String(r[c] ?? ''))))].join('\n')
}
