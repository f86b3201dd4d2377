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
import { issue } from './texts.js'
import type { MatchIssue } from './types.js'
import { localNamer, type Namer } from './writer.js'

/** The protocol disagreement of the pair, if any; `namer` names things in its sentences. */
export function protocolIssues (required: InterfaceNode, provided: InterfaceNode, namer: Namer = localNamer): MatchIssue[] {
  return sharedValueIssues(required.protocols, provided.protocols, 'PROTOCOL_MISMATCH', namer)
}

/** The data format disagreement of the pair, if any; `namer` names things in its sentences. */
export function dataFormatIssues (required: InterfaceNode, provided: InterfaceNode, namer: Namer = localNamer): MatchIssue[] {
  return sharedValueIssues(required.dataFormats, provided.dataFormats, 'DATA_FORMAT_MISMATCH', namer)
}

/**
 * Does the pair agree beyond the classes — protocol, data format and version? True exactly when
 * `protocolIssues`, `dataFormatIssues` and `versionIssues` are all empty, without building them:
 * the ranking of "combinable with X" asks it for thousands of pairs.
 */
export function agrees (required: InterfaceNode, provided: InterfaceNode): boolean {
  return sharesValue(required.protocols, provided.protocols) && sharesValue(required.dataFormats, provided.dataFormats) &&
    (required.versionRange === undefined || provided.version === undefined || versionVerdict(required.versionRange, provided.version) === 'satisfied')
}

/** Either side states none, or they share one. */
function sharesValue (required: readonly string[], provided: readonly string[]): boolean {
  return required.length === 0 || provided.length === 0 || required.some(value => provided.includes(value))
}

function sharedValueIssues (required: readonly string[], provided: readonly string[],
  code: 'PROTOCOL_MISMATCH' | 'DATA_FORMAT_MISMATCH', namer: Namer): MatchIssue[] {
  if (sharesValue(required, provided)) return []
  return [issue(code, { required, provided }, namer)]
}

/** The version disagreement of the pair, if any; `namer` names things in its sentences. */
export function versionIssues (required: InterfaceNode, provided: InterfaceNode, namer: Namer = localNamer): MatchIssue[] {
  const { versionRange } = required
  const { version } = provided
  if (versionRange === undefined || version === undefined) return []
  const verdict = versionVerdict(versionRange, version)
  if (verdict === 'satisfied') return []
  if (verdict === 'invalid range') return [issue('INVALID_VERSION_RANGE', { versionRange, service: required.service }, namer)]
  if (verdict === 'invalid version') return [issue('INVALID_VERSION', { version, service: provided.service }, namer)]
  return [issue('VERSION_MISMATCH', { version, versionRange }, namer)]
}

type VersionVerdict = 'satisfied' | 'invalid range' | 'invalid version' | 'outside'

/** Verdicts depend on the two strings only: memoized, and forgotten wholesale past a bound. */
const verdicts = new Map<string, VersionVerdict>()
const verdictLimit = 10_000

/** Whether `version` satisfies `versionRange` (semver, `loose` parsing), or which one is not valid. */
function versionVerdict (versionRange: string, version: string): VersionVerdict {
  const key = versionRange + '\n' + version
  let verdict = verdicts.get(key)
  if (verdict === undefined) {
    const range = semver.validRange(versionRange, { loose: true })
    const parsed = range === null ? null : semver.parse(version, { loose: true }) ?? semver.coerce(version)
    verdict = range === null ? 'invalid range' : parsed === null ? 'invalid version' : semver.satisfies(parsed, range, { loose: true }) ? 'satisfied' : 'outside'
    if (verdicts.size >= verdictLimit) verdicts.clear()
    verdicts.set(key, verdict)
  }
  return verdict
}
