/**
 * Guard against shapes whose constraints would be silently ignored. shacl-engine skips every
 * predicate it has no validation for, so a typo (`sh:minCont`), a SHACL 1.2 or SHACL-AF
 * parameter it lacks, or a custom constraint component without a SPARQL validator would make
 * invalid data pass. Such shapes are rejected with `UNSUPPORTED_SHAPE`.
 */
import type { Quad, Term } from '@rdfjs/types'
import type { Store } from 'n3'
import { DataFactory } from 'n3'
import { SymphonyError } from '../errors.js'
import type { ErrorMessages } from '../errors.js'
import { ns, terms } from '../rdf/index.js'
import { sparqlComponentParameters } from './sparql-components.js'
import { translateXsdPattern } from './xsd-regex.js'

const sh = (local: string): string => ns.sh + local

/** `sh:` predicates allowed on a shape: constraint parameters shacl-engine validates, and non-validating ones. */
export const supportedShapeParameters: ReadonlySet<string> = new Set([
  // Core constraint components (SHACL §4) as implemented by shacl-engine, and their auxiliary parameters.
  'class', 'datatype', 'nodeKind', 'minCount', 'maxCount', 'minExclusive', 'minInclusive', 'maxExclusive', 'maxInclusive',
  'minLength', 'maxLength', 'pattern', 'flags', 'languageIn', 'uniqueLang', 'equals', 'disjoint', 'lessThan',
  'lessThanOrEquals', 'not', 'and', 'or', 'xone', 'node', 'property', 'qualifiedValueShape', 'qualifiedMinCount',
  'qualifiedMaxCount', 'qualifiedValueShapesDisjoint', 'closed', 'ignoredProperties', 'hasValue', 'in',
  // SHACL-SPARQL constraints (§5) through shacl-engine/sparql.js.
  'sparql',
  // Targets (§2.1), including SPARQL-based targets.
  'targetClass', 'targetNode', 'targetObjectsOf', 'targetSubjectsOf', 'target',
  // Non-validating and result-shaping properties (§2.1.5, §2.3.2, §3.6).
  'path', 'message', 'severity', 'deactivated', 'name', 'description', 'order', 'group', 'defaultValue',
  // A shape may be its own SPARQL-based constraint (SHACL §5.1: the object of sh:sparql is any node with sh:select).
  'select', 'prefixes'
].map(sh))

const shapeLinks = ['property', 'node', 'not', 'qualifiedValueShape'].map(sh)
const shapeLists = ['and', 'or', 'xone'].map(sh)
const shapeTypes = ['NodeShape', 'PropertyShape', 'Shape'].map(sh)
const shapeMarkers = ['targetClass', 'targetNode', 'targetObjectsOf', 'targetSubjectsOf', 'target', 'path'].map(sh)

/** Every node that SHACL treats as a shape in this shapes graph (SHACL §2.1, "shape"). */
export function shapeNodes (store: Store): Term[] {
  const found = new Map<string, Term>()
  const add = (term: Term): void => {
    if (term.termType === 'NamedNode' || term.termType === 'BlankNode') found.set(key(term), term)
  }
  for (const type of shapeTypes) for (const quad of store.getQuads(null, DataFactory.namedNode(terms.type), DataFactory.namedNode(type), null)) add(quad.subject)
  for (const marker of shapeMarkers) for (const quad of store.getQuads(null, DataFactory.namedNode(marker), null, null)) add(quad.subject)
  for (const link of shapeLinks) for (const quad of store.getQuads(null, DataFactory.namedNode(link), null, null)) add(quad.object)
  for (const list of shapeLists) {
    for (const quad of store.getQuads(null, DataFactory.namedNode(list), null, null)) for (const member of listMembers(store, quad.object)) add(member)
  }
  // Parameter declarations of constraint components (SHACL §6.1) have sh:path but are not shapes.
  for (const quad of store.getQuads(null, DataFactory.namedNode(sh('parameter')), null, null)) found.delete(key(quad.object))
  return [...found.values()]
}

/** Throws `UNSUPPORTED_SHAPE` naming the shape and parameter when a constraint would be ignored. */
export function assertSupportedShapes (store: Store): void {
  const customParameters = new Map<string, string>()
  for (const quad of store.getQuads(null, DataFactory.namedNode(sh('parameter')), null, null)) {
    for (const path of store.getQuads(quad.object, DataFactory.namedNode(sh('path')), null, null)) customParameters.set(path.object.value, quad.subject.value)
  }
  // Components with a SPARQL validator are evaluated (sparql-components.ts); only the others would be skipped.
  for (const parameter of sparqlComponentParameters(store).keys()) customParameters.delete(parameter)
  for (const shape of shapeNodes(store)) {
    for (const quad of store.getQuads(shape, null, null, null)) {
      const predicate = quad.predicate.value
      const component = customParameters.get(predicate)
      if (component !== undefined) {
        throw unsupported(store, shape, predicate, {
          en: `it is a parameter of the custom constraint component <${component}>, which has no SPARQL validator (sh:validator, sh:nodeValidator or sh:propertyValidator with sh:ask or sh:select); add one or express the rule with sh:sparql`,
          de: `das ist ein Parameter der eigenen Constraint-Komponente <${component}>, die keinen SPARQL-Validator hat (sh:validator, sh:nodeValidator oder sh:propertyValidator mit sh:ask oder sh:select); ergänzen Sie einen oder drücken Sie die Regel mit sh:sparql aus`
        })
      }
      if (predicate.startsWith(ns.sh) && !supportedShapeParameters.has(predicate)) {
        throw unsupported(store, shape, predicate, {
          en: 'shacl-engine does not implement it, so the constraint would be silently ignored; check the spelling or use a SHACL Core or sh:sparql constraint',
          de: 'shacl-engine setzt ihn nicht um, die Bedingung würde also stillschweigend übergangen; prüfen Sie die Schreibweise oder verwenden Sie eine Bedingung aus SHACL Core oder sh:sparql'
        })
      }
      if (predicate === sh('pattern')) assertTranslatablePattern(store, shape, quad)
      if (predicate === sh('sparql')) assertSelect(store, shape, quad.object)
    }
  }
}

function assertTranslatablePattern (store: Store, shape: Term, quad: Quad): void {
  const flags = store.getQuads(shape, DataFactory.namedNode(sh('flags')), null, null)
  const flag = [...flags][0]?.object.value ?? ''
  const exact = translateXsdPattern(quad.object.value, flag)
  const withFlag = exact.ok ? exact : translateXsdPattern(quad.object.value, flag, { caseFlag: true })
  if (!withFlag.ok) {
    throw unsupported(store, shape, quad.predicate.value, {
      en: `the pattern "${quad.object.value}" cannot be evaluated: ${withFlag.reasons.en}`,
      de: `das Muster "${quad.object.value}" lässt sich nicht auswerten: ${withFlag.reasons.de}`
    })
  }
}

function assertSelect (store: Store, shape: Term, constraint: Term): void {
  if (store.getQuads(constraint, DataFactory.namedNode(sh('select')), null, null).length === 0) {
    throw unsupported(store, shape, sh('sparql'), {
      en: 'a SPARQL-based constraint needs sh:select (SHACL §5.1); ASK queries belong to the sh:validator of a constraint component (SHACL §6)',
      de: 'eine SPARQL-basierte Bedingung braucht sh:select (SHACL §5.1); ASK-Abfragen gehören in den sh:validator einer Constraint-Komponente (SHACL §6)'
    })
  }
}

function unsupported (store: Store, shape: Term, parameter: string, why: ErrorMessages): SymphonyError {
  const described = describeShape(store, shape)
  return new SymphonyError('UNSUPPORTED_SHAPE', {
    en: `${described.en} uses <${parameter}>, but ${why.en}`,
    de: `${described.de} verwendet <${parameter}>, aber ${why.de}`
  }, { node: key(shape), path: parameter })
}

/**
 * "shape <iri>", or for a blank property shape "the property shape for <path> of shape <parent>",
 * in English and German.
 */
export function describeShape (store: Store, shape: Term): ErrorMessages {
  if (shape.termType !== 'BlankNode') return { en: `shape <${shape.value}>`, de: `die Shape <${shape.value}>` }
  const path = [...store.getQuads(shape, DataFactory.namedNode(sh('path')), null, null)][0]?.object
  const parent = [...store.getQuads(null, DataFactory.namedNode(sh('property')), shape, null)][0]?.subject
  const pathText = path === undefined
    ? { en: '', de: '' }
    : path.termType === 'NamedNode'
      ? { en: ` for <${path.value}>`, de: ` für <${path.value}>` }
      : { en: ' with a complex path', de: ' mit einem zusammengesetzten Pfad' }
  if (parent === undefined) return { en: `the blank-node shape _:${shape.value}${pathText.en}`, de: `die Blank-Node-Shape _:${shape.value}${pathText.de}` }
  const of = describeShape(store, parent)
  return { en: `the property shape${pathText.en} of ${of.en}`, de: `die Property-Shape${pathText.de} ${genitive(of.de)}` }
}

/** "der Shape <iri>" for "die Shape <iri>" (the German genitive of a shape's description). */
function genitive (described: string): string {
  return described.startsWith('die ') ? `der ${described.slice('die '.length)}` : described
}

/** Members of an RDF list (`rdf:first`/`rdf:rest`), in order. */
export function listMembers (store: Store, head: Term): Term[] {
  const members: Term[] = []
  const seen = new Set<string>()
  let node = head
  while (node.value !== terms.nil && !seen.has(key(node))) {
    seen.add(key(node))
    const first = [...store.getQuads(node, DataFactory.namedNode(terms.first), null, null)][0]
    if (first === undefined) break
    members.push(first.object)
    const rest = [...store.getQuads(node, DataFactory.namedNode(terms.rest), null, null)][0]
    if (rest === undefined) break
    node = rest.object
  }
  return members
}

/** `<iri>` for IRIs, `_:label` for blank nodes, the lexical form for literals. */
export function key (term: Term): string {
  return term.termType === 'BlankNode' ? `_:${term.value}` : term.value
}
