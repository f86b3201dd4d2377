/** Matching one required interface node against one provided interface node. */
import type { ClassHierarchy, InterfaceNode } from '../catalog/index.js'
import { dataFormatIssues, protocolIssues, versionIssues } from './agreement.js'
import { matchTypes } from './degree.js'
import { allOf, oneOf, shortName } from './names.js'
import type { InterfaceMatch, MatchIssue, TypeMatch } from './types.js'

/**
 * Grades a provided interface for a required one: the degree from the class hierarchy, then
 * protocol, data format and version agreement. Any disagreement makes the pair `fail`, and
 * each one is named with what would fix it. A value, never an error.
 *
 * @example
 * const match = matchInterface(pbx.requires[0], crm.provides[0], catalog.hierarchy)
 * match.degree // 'plugin'; match.types[0].path: [ContactLookupAPI, ContactDirectoryInterface]
 */
export function matchInterface (required: InterfaceNode, provided: InterfaceNode, hierarchy: ClassHierarchy): InterfaceMatch {
  const types = matchTypes(required.types, provided.types, hierarchy)
  const issues: MatchIssue[] = types.degree === 'fail' ? typeIssues(required, provided, types.types) : []
  if (required.protocols.length > 0 && provided.protocols.length > 0) issues.push(...protocolIssues(required, provided))
  if (required.dataFormats.length > 0 && provided.dataFormats.length > 0) issues.push(...dataFormatIssues(required, provided))
  if (required.versionRange !== undefined && provided.version !== undefined) issues.push(...versionIssues(required, provided))
  return {
    required: required.id,
    provided: provided.id,
    degree: issues.length > 0 ? 'fail' : types.degree,
    typeDegree: types.degree,
    distance: types.distance,
    types: types.types,
    issues
  }
}

function typeIssues (required: InterfaceNode, provided: InterfaceNode, types: readonly TypeMatch[]): MatchIssue[] {
  if (required.types.length === 0) {
    return [{
      code: 'UNTYPED_INTERFACE',
      message: `the required interface ${shortName(required.id)} of ${shortName(required.service)} states no type`,
      fix: `state the interface type of ${shortName(required.id)} with rdf:type`
    }]
  }
  const missing = types.filter(match => match.degree === 'fail').map(match => match.required)
  if (missing.length === 0) return []
  const offered = provided.types.length === 0 ? 'no type' : allOf(provided.types)
  return [{
    code: 'NO_TYPE_MATCH',
    message: `${shortName(provided.id)} of ${shortName(provided.service)} is ${offered}, which is neither ${oneOf(missing)}, a subclass nor a superclass of it`,
    fix: `provide an interface of type ${allOf(missing)} (or a subclass)`
  }]
}
