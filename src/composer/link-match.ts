/**
 * The composer's one door to the matcher: the degree of a provided interface for a required
 * one (class hierarchy, protocol, data format, version) and the degree of bare interface
 * types are the matcher's answers (`matchInterface`, `matchTypes`), never recomputed here.
 */
import type { InterfaceNode } from '../catalog/index.js'
import type { Degree, MatchIssueCode } from '../matcher/index.js'

/** What the composer needs from an interface match: the degree and, when it fails, why (the matcher's issue codes). */
export interface LinkMatch {
  readonly degree: Degree
  readonly issues: readonly MatchIssueCode[]
}

/** The matching the composer relies on. */
export interface LinkMatcher {
  /** A required interface node against a provided one. */
  interfaces (required: InterfaceNode, provided: InterfaceNode): LinkMatch
  /**
   * Bare interface types: an available type for a requirement, a provided node's types for a
   * wanted type. Only classes count (available types carry no protocol, format or version).
   */
  types (requiredTypes: readonly string[], providedTypes: readonly string[]): Degree
}
