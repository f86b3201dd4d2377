/**
 * Configuration values (JSON that passed the form's schema) → RDF, driven by the UI schema's
 * value mappings: each section becomes a node linked with `sym:configures` to the services it
 * configures; nested objects become blank nodes or skolem IRIs (RDF 1.1 §3.5); shared values
 * are written into every section that uses them. Also returns where each node came from, so
 * SHACL results can be reported per form field.
 */
import { randomUUID } from 'node:crypto'
import type { Quad, Term } from '@rdfjs/types'
import { DataFactory } from 'n3'
import { SymphonyError } from '../errors.js'
import { iri, ns, terms } from '../rdf/index.js'
import { datatypeForms, iriPattern, languageTagPattern } from './datatypes.js'
import { canonicalLexical, literalFor } from './literals.js'
import { termKey } from './shapes-graph.js'
import type { RdfTermJson } from '../shacl/index.js'
import type { Form, Json, UiField, UiObject, ValueMapping } from './types.js'

/** Where the RDF goes: the configuration's IRI and the services it configures. */
export interface RdfOptions {
  /** IRI of the configuration (the whole form). */
  readonly subject: string
  /** Services the configuration configures; a single-section form links the subject to them. Default: the sections' own. */
  readonly configures?: readonly string[]
  /** Nested objects (and bundle sections) as blank nodes (default) or skolem IRIs. */
  readonly nodes?: 'blank' | 'skolem'
}

/** Where a node of the output came from: its JSON pointer and layout, for mapping SHACL results to fields. */
export interface NodeOrigin {
  readonly pointer: string
  readonly object: UiObject
  /** Shared values written into this node: path IRI → JSON pointer in the shared section. */
  readonly shared: ReadonlyMap<string, string>
}

/** The RDF of a configuration, with what validation needs to report issues per field. */
export interface ConfigurationGraph {
  readonly quads: Quad[]
  /** Node key (IRI or `_:id`) → origin. */
  readonly origins: ReadonlyMap<string, NodeOrigin>
  /** Nodes to validate and the shapes to validate them against. */
  readonly focus: ReadonlyArray<{ readonly node: string, readonly shapes: readonly string[] }>
  /** Nested nodes typed by `sh:class` whose target shapes must be checked too. */
  readonly classNodes: ReadonlyArray<{ readonly node: string, readonly class: string }>
}

const configures = DataFactory.namedNode(iri('sym', 'configures'))
const hasPart = DataFactory.namedNode(`${ns.dcterms}hasPart`)
const type = DataFactory.namedNode(terms.type)

type Obj = { readonly [key: string]: Json }

/**
 * RDF for configuration values; throws `INVALID_REQUEST` when the values do not fit the form
 * (validate them first).
 */
export function configurationGraph (form: Form, values: Json, options: RdfOptions): ConfigurationGraph {
  const quads: Quad[] = []
  const origins = new Map<string, NodeOrigin>()
  const focus: Array<{ node: string, shapes: readonly string[] }> = []
  const classNodes: Array<{ node: string, class: string }> = []
  const subject = DataFactory.namedNode(options.subject)
  const newNode = (): Quad['subject'] => options.nodes === 'skolem'
    ? DataFactory.namedNode(new URL(`/.well-known/genid/${randomUUID()}`, options.subject).href)
    : DataFactory.blankNode()
  const add = (s: Term, p: Term, o: Term): void => {
    quads.push(DataFactory.quad(s as Quad['subject'], p as Quad['predicate'], o as Quad['object']) as Quad)
  }
  const sections = form.uiSchema.sections
  const single = sections.length === 1 && sections[0]!.pointer === ''
  const sharedSection = sections.find(section => section.kind === 'shared')
  const sharedValues = sharedSection === undefined ? {} : asObject(at(values, sharedSection.pointer) ?? {}, sharedSection.pointer)

  const writeObject = (node: Quad['subject'], object: UiObject, value: Obj, pointer: string, shared: ReadonlyMap<string, string>): void => {
    origins.set(termKey(node), { pointer, object, shared })
    for (const [name, fieldValue] of Object.entries(value)) {
      const field = object.fields[name]
      if (field === undefined) {
        throw new SymphonyError('INVALID_REQUEST', {
          en: `${pointer}/${name}: not a field of this form`,
          de: `${pointer}/${name}: kein Feld dieses Formulars`
        }, { path: `${pointer}/${name}` })
      }
      writeField(node, field, fieldValue, `${pointer}/${name}`)
    }
  }
  const writeField = (node: Quad['subject'], field: UiField, value: Json, pointer: string): void => {
    const items = field.multiple ? asArray(value, pointer) : [value]
    // RDF holds a value once: a list that repeats one would count more values than SHACL sees.
    if (new Set(items.map(item => JSON.stringify(item))).size < items.length) {
      throw new SymphonyError('INVALID_REQUEST', { en: `${pointer}: a value is listed twice`, de: `${pointer}: ein Wert steht zweimal in der Liste` }, { path: pointer })
    }
    items.forEach((item, index) => {
      const term = toTerm(item, field.value, field.multiple ? `${pointer}/${index}` : pointer)
      const predicate = DataFactory.namedNode(field.path)
      if (field.inverse === true) add(term, predicate, node)
      else add(node, predicate, term)
    })
  }
  const toTerm = (value: Json, mapping: ValueMapping, pointer: string): Term => {
    switch (mapping.kind) {
      // A value of another JSON type, or a language tag or IRI that is none, would become RDF
      // the form did not mean (1.5 an integer 1, "" a plain string): it is refused instead.
      case 'literal':
        if (!jsonTypeFits(value, mapping.datatype)) throw misfit(pointer)
        return literalFor(value, mapping.datatype)
      case 'langString': {
        const object = asObject(value, pointer)
        const language = object['@language']
        if (typeof object['@value'] !== 'string' || typeof language !== 'string' || !languageTag.test(language)) throw misfit(pointer)
        return DataFactory.literal(object['@value'], language.toLowerCase())
      }
      case 'iri':
        if (typeof value !== 'string' || !iriPattern.test(value)) throw misfit(pointer)
        return DataFactory.namedNode(value)
      case 'in': {
        const member = mapping.members.find(candidate => sameJson(candidate.value, value))
        if (member === undefined) throw misfit(pointer)
        return rdfTerm(member.term)
      }
      case 'node': {
        const node = newNode()
        if (mapping.class !== undefined) {
          add(node, type, DataFactory.namedNode(mapping.class))
          classNodes.push({ node: termKey(node), class: mapping.class })
        }
        const object = form.uiSchema.definitions[mapping.definition]
        if (object === undefined) {
          throw new SymphonyError('INTERNAL', {
            en: `form has no definition "${mapping.definition}"`,
            de: `das Formular hat keine Definition "${mapping.definition}"`
          })
        }
        writeObject(node, object, asObject(value, pointer), pointer, new Map())
        return node
      }
      case 'choice': {
        const option = mapping.options.find(candidate => fits(value, candidate, form.uiSchema.definitions))
        if (option === undefined) {
          throw new SymphonyError('INVALID_REQUEST', {
            en: `${pointer}: the value fits none of the alternatives`,
            de: `${pointer}: der Wert passt zu keiner der Alternativen`
          }, { path: pointer })
        }
        return toTerm(value, option, pointer)
      }
    }
  }

  const targets = options.configures
  for (const section of sections) {
    if (section.kind === 'shared') continue
    const raw = at(values, section.pointer)
    if (raw === undefined && !single) continue
    const node = single ? subject : newNode()
    const value = asObject(raw ?? {}, section.pointer)
    const shared = new Map<string, string>()
    for (const name of section.shared ?? []) {
      const field = sharedSection?.object.fields[name]
      if (field === undefined || sharedValues[name] === undefined) continue
      shared.set(field.path, `${sharedSection!.pointer}/${name}`)
      writeField(node, field, sharedValues[name]!, `${sharedSection!.pointer}/${name}`)
    }
    writeObject(node, section.object, value, section.pointer, shared)
    if (!single) {
      add(subject, hasPart, node)
      for (const service of section.configures) add(node, configures, DataFactory.namedNode(service))
    }
    focus.push({ node: termKey(node), shapes: section.object.shapes })
  }
  const configured = targets ?? [...new Set(sections.flatMap(section => section.configures))]
  for (const service of configured) add(subject, configures, DataFactory.namedNode(service))
  return { quads, origins, focus, classNodes }
}

const languageTag = new RegExp(languageTagPattern)

/** Is the JSON value of the JSON type the datatype's values have (integers for integer types)? */
function jsonTypeFits (value: Json, datatype: string): boolean {
  const type = datatypeForms[datatype]?.schema.type ?? 'string'
  if (type === 'integer') return typeof value === 'number' && Number.isInteger(value)
  if (type === 'number') return typeof value === 'number' && Number.isFinite(value)
  if (type === 'boolean') return typeof value === 'boolean'
  return typeof value === 'string'
}

function misfit (pointer: string): SymphonyError {
  return new SymphonyError('INVALID_REQUEST', {
    en: `${pointer}: the value does not fit the field; check it against the form's JSON Schema first`,
    de: `${pointer}: der Wert passt nicht zum Feld; prüfen Sie ihn zuerst mit dem JSON Schema des Formulars`
  }, { path: pointer })
}

/** Does a JSON value fit a mapping (to pick an `sh:or` alternative)? Objects fit a definition that has all their fields. */
function fits (value: Json, mapping: ValueMapping, definitions: Readonly<Record<string, UiObject>>): boolean {
  switch (mapping.kind) {
    case 'literal': {
      const type = datatypeForms[mapping.datatype]?.schema.type ?? 'string'
      if (type === 'integer') return typeof value === 'number' && Number.isInteger(value)
      if (type === 'number') return typeof value === 'number'
      if (type === 'boolean') return typeof value === 'boolean'
      return typeof value === 'string' && canonicalLexical(value, mapping.datatype) !== ''
    }
    case 'langString': return isObject(value) && typeof value['@value'] === 'string'
    case 'iri': return typeof value === 'string' && /^[A-Za-z][A-Za-z0-9+.-]*:\S*$/.test(value)
    case 'node': {
      const object = definitions[mapping.definition]
      return isObject(value) && !('@value' in value) && object !== undefined && Object.keys(value).every(name => name in object.fields)
    }
    case 'in': return mapping.members.some(member => sameJson(member.value, value))
    case 'choice': return mapping.options.some(option => fits(value, option, definitions))
  }
}

/** Equal JSON values, whatever the order of object keys (as JSON Schema's `enum` compares). */
function sameJson (a: Json, b: Json): boolean {
  const sorted = (value: Json): Json => Array.isArray(value)
    ? value.map(sorted)
    : isObject(value) ? Object.fromEntries(Object.keys(value).sort().map(key => [key, sorted(value[key]!)])) : value
  return JSON.stringify(sorted(a)) === JSON.stringify(sorted(b))
}

function rdfTerm (term: RdfTermJson): Term {
  if (term.termType === 'NamedNode') return DataFactory.namedNode(term.value)
  if (term.termType === 'BlankNode') return DataFactory.blankNode(term.value)
  return DataFactory.literal(term.value, term.language ?? DataFactory.namedNode(term.datatype ?? `${ns.xsd}string`))
}

/** The value at a JSON pointer (RFC 6901). */
export function at (value: Json, pointer: string): Json | undefined {
  if (pointer === '') return value
  let current: Json | undefined = value
  for (const token of pointer.slice(1).split('/').map(t => t.replace(/~1/g, '/').replace(/~0/g, '~'))) {
    if (current === null || typeof current !== 'object') return undefined
    current = Array.isArray(current) ? current[Number(token)] : current[token]
  }
  return current
}

function isObject (value: Json): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function asObject (value: Json, pointer: string): Obj {
  if (!isObject(value)) {
    throw new SymphonyError('INVALID_REQUEST', { en: `${pointer || '/'}: expected an object`, de: `${pointer || '/'}: ein Objekt erwartet` }, { path: pointer })
  }
  return value
}

function asArray (value: Json, pointer: string): Json[] {
  if (!Array.isArray(value)) {
    throw new SymphonyError('INVALID_REQUEST', { en: `${pointer}: expected an array`, de: `${pointer}: ein Array erwartet` }, { path: pointer })
  }
  return value
}
