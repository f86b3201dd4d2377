/**
 * A bounded first-in-first-out queue of jobs that run one at a time. When as many jobs wait as
 * the queue holds, the next one is refused at once with BUSY (503, with a retry hint) instead of
 * waiting behind them without end.
 */
import { SymphonyError } from '../../errors.js'

export class JobQueue {
  readonly #capacity: number
  readonly #retryAfterSeconds: number
  #tail: Promise<unknown> = Promise.resolve()
  /** Jobs admitted and not yet finished: the running one and those waiting behind it. */
  #pending = 0

  /** `capacity`: most jobs waiting behind the running one; `retryAfterSeconds`: the hint when full. */
  constructor (capacity: number, retryAfterSeconds: number) {
    this.#capacity = capacity
    this.#retryAfterSeconds = retryAfterSeconds
  }

  /** Jobs waiting (not counting the one running). */
  get waiting (): number {
    return Math.max(0, this.#pending - 1)
  }

  /** Runs `job` after every job queued before it; BUSY when the queue is full. */
  run<T> (job: () => Promise<T>): Promise<T> {
    if (this.waiting >= this.#capacity && this.#pending > 0) {
      return Promise.reject(new SymphonyError('BUSY', {
        en: `the SPARQL endpoint has ${this.waiting} queries waiting; retry in ${this.#retryAfterSeconds} s`,
        de: `beim SPARQL-Endpunkt warten ${this.waiting} Abfragen; versuchen Sie es in ${this.#retryAfterSeconds} s erneut`
      }, { details: { retryAfter: this.#retryAfterSeconds } }))
    }
    this.#pending++
    const result = this.#tail.then(job).finally(() => { this.#pending-- })
    this.#tail = result.catch(() => undefined)
    return result
  }
}
