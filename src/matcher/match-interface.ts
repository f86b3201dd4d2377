/** Matching one required interface node against one provided interface node. */
import type { ClassHierarchy, InterfaceNode } from '../catalog/index.js'
import { dataFormatIssues, protocolIssues, versionIssues } from './agreement.js'
import { matchTypes } from './degree.js'
import { issue } from './texts.js'
import type { InterfaceMatch, MatchIssue, TypeMatch } from './types.js'
import { localNamer, type Namer } from './writer.js'

/**
 * Grades a provided interface for a required one: the degree from the class hierarchy, then
 * protocol, data format and version agreement. Any disagreement makes the pair `fail`, and
 * each one is named with what would fix it, in English and German; `namer` names things in
 * those sentences (by default by their local names). A value, never an error.
 *
 * @example
 * const match = matchInterface(pbx.requires[0], crm.provides[0], catalog.hierarchy)
 * match.degree // 'plugin'; match.types[0].path: [ContactLookupAPI, ContactDirectoryInterface]
 */
export function matchInterface (required: InterfaceNode, provided: InterfaceNode, hierarchy: ClassHierarchy, namer: Namer = localNamer): InterfaceMatch {
  const types = matchTypes(required.types, provided.types, hierarchy)
  const issues: MatchIssue[] = types.degree === 'fail' ? typeIssues(required, provided, types.types, namer) : []
  if (required.protocols.length > 0 && provided.protocols.length > 0) issues.push(...protocolIssues(required, provided, namer))
  if (required.dataFormats.length > 0 && provided.dataFormats.length > 0) issues.push(...dataFormatIssues(required, provided, namer))
  if (required.versionRange !== undefined && provided.version !== undefined) issues.push(...versionIssues(required, provided, namer))
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

function typeIssues (required: InterfaceNode, provided: InterfaceNode, types: readonly TypeMatch[], namer: Namer): MatchIssue[] {
  if (required.types.length === 0) return [issue('UNTYPED_INTERFACE', { required: required.id, service: required.service }, namer)]
  const missing = types.filter(match => match.degree === 'fail').map(match => match.required)
  if (missing.length === 0) return []
  return [issue('NO_TYPE_MATCH', { provided: provided.id, service: provided.service, offered: provided.types, required: missing }, namer)]
}
