/**
 * The shape limits of a SPARQL query, checked before any parser sees it: its length, and how deep
 * its brackets nest. One linear scan over the text; brackets inside strings, IRIs and comments do
 * not count. Parsers and engines take time or stack in proportion to the nesting (an engine fails
 * outright on a few hundred nested groups), so a query over the limit is refused with a message
 * saying how to fix it.
 */
import { SymphonyError } from '../../errors.js'
import { nestingDepth } from '../../rdf/index.js'

export interface QueryShapeLimits {
  /** Most characters in a query. */
  readonly maxLength: number
  /** Most `{`, `(` and `[` open at once. */
  readonly maxDepth: number
}

/** Throws PAYLOAD_TOO_LARGE or INVALID_QUERY when the query is longer or nests deeper than allowed. */
export function checkQueryShape (text: string, limits: QueryShapeLimits): void {
  if (text.length > limits.maxLength) {
    throw new SymphonyError('PAYLOAD_TOO_LARGE', {
      en: `the query has ${text.length} characters, more than the ${limits.maxLength} this endpoint accepts; split it into smaller queries`,
      de: `die Abfrage hat ${text.length} Zeichen, mehr als die ${limits.maxLength}, die dieser Endpunkt annimmt; teilen Sie sie in kleinere Abfragen auf`
    })
  }
  const depth = nestingDepth(text)
  if (depth > limits.maxDepth) {
    throw new SymphonyError('INVALID_QUERY', {
      en: `the query nests brackets ${depth} deep, more than the ${limits.maxDepth} this endpoint accepts; flatten the groups ({ }), expressions (( )) or blank-node lists ([ ])`,
      de: `die Abfrage verschachtelt Klammern ${depth} Ebenen tief, mehr als die ${limits.maxDepth}, die dieser Endpunkt annimmt; verflachen Sie die Gruppen ({ }), Ausdrücke (( )) oder Blank-Node-Listen ([ ])`
    })
  }
}
