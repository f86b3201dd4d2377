/** The matcher's answers: degrees of match, the class paths that prove them, and named disagreements. */
import type { Texts } from './writer.js'

export type { Texts } from './writer.js'

/** Degrees of match: `exact` > `plugin` > `subsumes` (partial, flagged) > `fail`. */
export type Degree = 'exact' | 'plugin' | 'subsumes' | 'fail'

/** A degree that links two interfaces. */
export type MatchDegree = Exclude<Degree, 'fail'>

export type MatchIssueCode =
  | 'NO_TYPE_MATCH'
  | 'UNTYPED_INTERFACE'
  | 'PROTOCOL_MISMATCH'
  | 'DATA_FORMAT_MISMATCH'
  | 'VERSION_MISMATCH'
  | 'INVALID_VERSION'
  | 'INVALID_VERSION_RANGE'

/**
 * One disagreement between a required and a provided interface: what, and what would fix it.
 * `message` and `fix` are in the answer's language (English unless asked otherwise),
 * `messages` and `fixes` in every language.
 */
export interface MatchIssue {
  readonly code: MatchIssueCode
  readonly message: string
  readonly fix: string
  readonly messages: Texts
  readonly fixes: Texts
}

/** How one required type is covered by one provided type. */
export interface TypeMatch {
  /** The required (or wanted) type. */
  readonly required: string
  /** The provided (or available) type that covers it best; absent when none does. */
  readonly provided?: string
  readonly degree: Degree
  /** Edges between the two classes in the hierarchy (0 for exact, undefined distance = fail → 0). */
  readonly distance: number
  /**
   * The class chain proving the degree: provided … required for exact and plugin, required …
   * provided for subsumes; empty for fail.
   */
  readonly path: readonly string[]
}

/** The result of matching one required interface node against one provided interface node. */
export interface InterfaceMatch {
  /** Id of the required interface node. */
  readonly required: string
  /** Id of the provided interface node. */
  readonly provided: string
  /** `fail` when the types do not match or any issue is named. */
  readonly degree: Degree
  /** The degree from the class hierarchy alone. */
  readonly typeDegree: Degree
  /** Sum of the type distances: how far apart the classes are. */
  readonly distance: number
  /** Per required type, the provided type covering it. */
  readonly types: readonly TypeMatch[]
  readonly issues: readonly MatchIssue[]
}
