/**
 * Reachability over a directed graph of interned ids, by breadth-first search memoized per
 * start node. Gives the reflexive-transitive closure lazily (only for the nodes asked about)
 * and shortest paths for explanations, with no recursion (hierarchies may be deep).
 */

/** Adjacency lists with duplicate edges ignored. */
export class Digraph {
  readonly out: number[][] = []
  /** Targets of nodes with many edges, to keep the duplicate check constant-time. */
  private readonly wide = new Map<number, Set<number>>()

  /** Adds `from → to`; returns false when the edge was already there. */
  add (from: number, to: number): boolean {
    this.grow(Math.max(from, to) + 1)
    const targets = this.out[from]!
    if (targets.length < 16) {
      if (targets.includes(to)) return false
    } else {
      let set = this.wide.get(from)
      if (set === undefined) this.wide.set(from, set = new Set(targets))
      if (set.has(to)) return false
      set.add(to)
    }
    targets.push(to)
    return true
  }

  /** Makes room for node ids below `size` (nodes without edges). */
  grow (size: number): void {
    while (this.out.length < size) this.out.push([])
  }
}

/** Memoized reachability over a `Digraph`; call `forget()` after adding edges. */
export class Reachability {
  private readonly memo = new Map<number, ReadonlySet<number>>()

  constructor (private readonly graph: Digraph) {}

  /** Every node reachable from `start`, `start` included (memoized). */
  from (start: number): ReadonlySet<number> {
    let reached = this.memo.get(start)
    if (reached === undefined) {
      const seen = new Set<number>([start])
      const queue = [start]
      for (let head = 0; head < queue.length; head++) {
        for (const to of this.graph.out[queue[head]!] ?? []) {
          if (!seen.has(to)) {
            seen.add(to)
            queue.push(to)
          }
        }
      }
      reached = seen
      this.memo.set(start, reached)
    }
    return reached
  }

  /**
   * A shortest chain of nodes from `start` to `goal`, both inclusive (breadth-first, stopping at
   * the goal; not memoized: callers memoize what they explain); undefined when unreachable.
   */
  path (start: number, goal: number): number[] | undefined {
    if (start !== goal && this.memo.has(start) && !this.memo.get(start)!.has(goal)) return undefined
    return shortestChain(start, goal, node => this.graph.out[node] ?? [])
  }

  forget (): void {
    this.memo.clear()
  }
}

/**
 * A shortest chain of nodes from `start` to `goal`, both inclusive: breadth-first over each
 * node's successors in the order `next` gives them, stopping at the goal; undefined when unreachable.
 */
export function shortestChain (start: number, goal: number, next: (node: number) => Iterable<number>): number[] | undefined {
  if (start === goal) return [start]
  const parent = new Map<number, number>([[start, start]])
  const queue = [start]
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head]!
    for (const to of next(node)) {
      if (parent.has(to)) continue
      parent.set(to, node)
      if (to === goal) {
        const chain = [goal]
        for (let at = goal; at !== start;) chain.push(at = parent.get(at)!)
        return chain.reverse()
      }
      queue.push(to)
    }
  }
  return undefined
}
