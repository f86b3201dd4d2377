/**
 * Limits on a submitted description, checked before anything expensive runs: its size and how
 * deep its brackets nest (one scan of the text, before parsing), then its number of triples and
 * how deep its blank nodes nest and how long its RDF lists are (before validation and
 * canonicalization, whose cost grows with both).
 */
import type { Quad } from '@rdfjs/types'
import { nestingDepth } from '../rdf/index.js'
import { SymphonyError } from '../errors.js'
import type { ErrorMessages } from '../errors.js'

export interface DescriptionLimits {
  /** Most characters of a submitted description. */
  readonly maxLength: number
  /** Most triples. */
  readonly maxTriples: number
  /** Most blank nodes nested in one another (brackets in the text, or blank-node chains). */
  readonly maxDepth: number
  /** Most members of one RDF list. */
  readonly maxListLength: number
}

export const descriptionLimits: DescriptionLimits = {
  maxLength: 2 * 1024 * 1024,
  maxTriples: 10_000,
  maxDepth: 32,
  maxListLength: 1_000
}

const rest = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#rest'

function tooLarge (messages: ErrorMessages): SymphonyError {
  return new SymphonyError('PAYLOAD_TOO_LARGE', messages)
}

/** Size and bracket depth of the text (Turtle, N-Triples or JSON-LD), before it is parsed. */
export function checkDescriptionText (text: string, limits: DescriptionLimits = descriptionLimits): void {
  if (text.length > limits.maxLength) {
    throw tooLarge({
      en: `the description has ${text.length} characters, more than the ${limits.maxLength} a description may have; split it into several descriptions`,
      de: `die Beschreibung hat ${text.length} Zeichen, mehr als die ${limits.maxLength}, die eine Beschreibung haben darf; teilen Sie sie auf mehrere Beschreibungen auf`
    })
  }
  const depth = nestingDepth(text)
  // A list or blank node costs one bracket; JSON-LD a few per level: twice the depth is allowed.
  if (depth > 2 * limits.maxDepth) {
    throw new SymphonyError('INVALID_REQUEST', {
      en: `the description nests brackets ${depth} deep, more than the ${2 * limits.maxDepth} a description may; name deeply nested nodes with IRIs instead of nesting blank nodes or lists`,
      de: `die Beschreibung schachtelt Klammern ${depth} Ebenen tief, mehr als die ${2 * limits.maxDepth}, die eine Beschreibung darf; benennen Sie tief geschachtelte Knoten mit IRIs, statt leere Knoten oder Listen zu schachteln`
    })
  }
}

/** Triples, blank-node nesting and list lengths of the parsed description. */
export function checkDescriptionGraph (quads: readonly Quad[], limits: DescriptionLimits = descriptionLimits): void {
  if (quads.length > limits.maxTriples) {
    throw tooLarge({
      en: `the description has ${quads.length} triples, more than the ${limits.maxTriples} a description may have; split it into several descriptions`,
      de: `die Beschreibung hat ${quads.length} Tripel, mehr als die ${limits.maxTriples}, die eine Beschreibung haben darf; teilen Sie sie auf mehrere Beschreibungen auf`
    })
  }
  // Edges from a blank node to the blank nodes it points at; rdf:rest links the cells of a list.
  const nested = new Map<string, string[]>()
  const next = new Map<string, string>()
  for (const q of quads) {
    if (q.subject.termType !== 'BlankNode' || q.object.termType !== 'BlankNode') continue
    if (q.predicate.value === rest) next.set(q.subject.value, q.object.value)
    else nested.set(q.subject.value, [...nested.get(q.subject.value) ?? [], q.object.value])
  }
  for (const [start] of next) {
    let length = 1
    const seen = new Set([start])
    for (let cell = next.get(start); cell !== undefined && !seen.has(cell); cell = next.get(cell)) {
      seen.add(cell)
      if (++length > limits.maxListLength) {
        throw tooLarge({
          en: `an RDF list of the description has more than ${limits.maxListLength} members; state the members as separate triples instead`,
          de: `eine RDF-Liste der Beschreibung hat mehr als ${limits.maxListLength} Elemente; geben Sie die Elemente stattdessen als einzelne Tripel an`
        })
      }
    }
  }
  const depth = blankNodeDepth(quads, nested, next)
  if (depth > limits.maxDepth) {
    throw new SymphonyError('INVALID_REQUEST', {
      en: `blank nodes of the description nest ${depth} deep, more than the ${limits.maxDepth} a description may; name deeply nested nodes with IRIs`,
      de: `leere Knoten der Beschreibung sind ${depth} Ebenen tief geschachtelt, mehr als die ${limits.maxDepth}, die eine Beschreibung darf; benennen Sie tief geschachtelte Knoten mit IRIs`
    })
  }
}

/** Longest chain of blank nodes, each the object of the one before (list cells count once per list). */
function blankNodeDepth (quads: readonly Quad[], nested: ReadonlyMap<string, readonly string[]>, next: ReadonlyMap<string, string>): number {
  const depth = new Map<string, number>()
  const children = (node: string): string[] => {
    const direct = [...nested.get(node) ?? []]
    const following = next.get(node)
    return following === undefined ? direct : [...direct, following]
  }
  let deepest = 0
  for (const q of quads) {
    if (q.subject.termType !== 'BlankNode' || depth.has(q.subject.value)) continue
    // Iterative depth-first search; a node on the current path (a cycle) counts as a leaf.
    const stack: Array<{ node: string, index: number, kids: string[] }> = [{ node: q.subject.value, index: 0, kids: children(q.subject.value) }]
    const onPath = new Set([q.subject.value])
    while (stack.length > 0) {
      const top = stack.at(-1)!
      if (top.index < top.kids.length) {
        const kid = top.kids[top.index++]!
        if (!depth.has(kid) && !onPath.has(kid)) {
          onPath.add(kid)
          stack.push({ node: kid, index: 0, kids: children(kid) })
        }
        continue
      }
      let value = 1
      for (const kid of top.kids) value = Math.max(value, (depth.get(kid) ?? 0) + (next.get(top.node) === kid ? 0 : 1))
      depth.set(top.node, value)
      deepest = Math.max(deepest, value)
      onPath.delete(top.node)
      stack.pop()
    }
  }
  return deepest
}

