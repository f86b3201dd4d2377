/**
 * One change at a time per key (an order, a customer's webhook, a ticket): each runs after the
 * ones asked for before it, whether they succeeded or failed.
 *
 * @example
 * const locks = new KeyedLock()
 * await locks.run(order.id, async () => write(change(await read(order.id))))
 */
export class KeyedLock {
  readonly #tails = new Map<string, Promise<unknown>>()

  /** Runs `work` once every earlier `work` of the same key has ended. */
  async run<T> (key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve()
    const next = previous.catch(() => undefined).then(work)
    this.#tails.set(key, next)
    try {
      return await next
    } finally {
      if (this.#tails.get(key) === next) this.#tails.delete(key)
    }
  }
}
