/** Term strings ↔ dense integer ids, so graphs and closures work on numbers. */
export class Interner {
  private readonly ids = new Map<string, number>()
  readonly names: string[] = []

  /** The id of `name`, assigning the next one when it is new. */
  intern (name: string): number {
    let id = this.ids.get(name)
    if (id === undefined) {
      id = this.names.length
      this.ids.set(name, id)
      this.names.push(name)
    }
    return id
  }

  /** The id of `name`, or undefined when it was never interned. */
  get (name: string): number | undefined {
    return this.ids.get(name)
  }

  get size (): number {
    return this.names.length
  }
}
