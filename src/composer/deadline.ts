/**
 * The time budget of one composition: a clock (milliseconds, `performance.now()` unless one
 * is given), the time by which a step must stop, and a listener told when each long step
 * starts. Long loops poll the clock every few hundred iterations, not on each one.
 */
import { performance } from 'node:perf_hooks'

/** Milliseconds on a monotonic clock. */
export type Clock = () => number

/** The long steps of a composition, as reported to a `StepListener`. */
export type ComposeStep =
  | 'table' | 'problem' | 'relaxation' | 'relevant' | 'dominance' | 'greedy' | 'model' | 'load' | 'solve'
  | 'best-first' | 'diagnosis'

/** Told the step and the clock's time when a long step starts (measurements, tests). */
export type StepListener = (step: ComposeStep, at: number) => void

/** The performance clock. */
export const systemClock: Clock = () => performance.now()

/** When a step must stop, on a clock. */
export class Deadline {
  constructor (readonly clock: Clock, readonly at: number, private readonly listener?: StepListener) {}

  /** Has the time run out? */
  passed (): boolean {
    return this.clock() >= this.at
  }

  /** Milliseconds left (0 when none). */
  remaining (): number {
    return Math.max(0, this.at - this.clock())
  }

  /** The same clock and listener with another time. */
  until (at: number): Deadline {
    return new Deadline(this.clock, at, this.listener)
  }

  /** Reports the start of a step to the listener. */
  step (step: ComposeStep): void {
    this.listener?.(step, this.clock())
  }

  /**
   * A check for loops: true once the time has run out, reading the clock only every `every`
   * calls (and on the first), so a tight loop pays little for it.
   */
  poller (every = 256): () => boolean {
    let calls = 0
    let out = false
    return () => {
      if (!out && calls++ % every === 0) out = this.passed()
      return out
    }
  }
}
