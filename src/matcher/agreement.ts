/**
 * Agreement beyond the classes: protocol, data
 * format and version. Each disagreement is named with what would fix it.
 *
 * - Protocols (and data formats): when both sides state some, they must share one — the
 *   required ones are alternatives the consumer can speak. A side that states none sets no
 *   constraint (`rules/protocol-agreement.rq`, `rules/data-format-agreement.rq`).
 * - Versions: when the requirement states `sym:versionRange` and the provided interface states
 *   `sym:version`, the version must satisfy the range (semver, `loose` parsing). Either one
 *   missing sets no constraint. Semver is not expressible in SPARQL: this file is its rule.
 */
import semver from 'semver'
import type { InterfaceNode } from '../catalog/index.js'
import { oneOf, shortName } from './names.js'
import type { MatchIssue } from './types.js'

export function protocolIssues (required: InterfaceNode, provided: InterfaceNode): MatchIssue[] {
  return sharedValueIssues(required.protocols, provided.protocols, 'PROTOCOL_MISMATCH', 'protocol')
}

export function dataFormatIssues (required: InterfaceNode, provided: InterfaceNode): MatchIssue[] {
  return sharedValueIssues(required.dataFormats, provided.dataFormats, 'DATA_FORMAT_MISMATCH', 'data format')
}

function sharedValueIssues (required: readonly string[], provided: readonly string[],
  code: 'PROTOCOL_MISMATCH' | 'DATA_FORMAT_MISMATCH', what: string): MatchIssue[] {
  if (required.length === 0 || provided.length === 0 || required.some(value => provided.includes(value))) return []
  return [{
    code,
    message: `the requirement needs the ${what} ${oneOf(required)}; the provided interface offers ${oneOf(provided)}`,
    fix: `provide ${oneOf(required)}`
  }]
}

export function versionIssues (required: InterfaceNode, provided: InterfaceNode): MatchIssue[] {
  const { versionRange } = required
  const { version } = provided
  if (versionRange === undefined || version === undefined) return []
  const range = semver.validRange(versionRange, { loose: true })
  if (range === null) {
    return [{
      code: 'INVALID_VERSION_RANGE',
      message: `the requirement's sym:versionRange "${versionRange}" is not a semver range`,
      fix: `state sym:versionRange on the interface ${shortName(required.service)} requires as a semver range such as ">=1.0.0 <2.0.0"`
    }]
  }
  const parsed = semver.parse(version, { loose: true }) ?? semver.coerce(version)
  if (parsed === null) {
    return [{
      code: 'INVALID_VERSION',
      message: `the provided sym:version "${version}" is not a semantic version`,
      fix: `state sym:version on the interface ${shortName(provided.service)} provides as a semantic version such as "2.1.0"`
    }]
  }
  if (semver.satisfies(parsed, range, { loose: true })) return []
  return [{
    code: 'VERSION_MISMATCH',
    message: `the provided version ${version} is not in the required range ${versionRange}`,
    fix: `offer a version in ${versionRange}`
  }]
}
