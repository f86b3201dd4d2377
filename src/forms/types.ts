/**
 * The form model: a JSON Schema (2020-12) for the values and a UI schema for layout, labels,
 * widgets, and the way each value maps back to RDF. Both are plain JSON, generated from SHACL
 * shapes; nothing here is written per service type.
 */
import type { Quad } from '@rdfjs/types'
import type { RdfTermJson } from '../shacl/index.js'

/** Any JSON value. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

/** A JSON Schema 2020-12 object, as generated (only standard and ajv-formats keywords). */
export type JsonSchema = { [keyword: string]: Json }

/** Editing widgets; chosen per datatype, per `sh:in`/`sh:class`/`sh:node`, or by a DASH / SHACL UI editor hint. */
export type Widget =
  | 'text' | 'textarea' | 'richText' | 'number' | 'checkbox' | 'booleanSelect' | 'date' | 'dateTime' | 'time'
  | 'duration' | 'uri' | 'select' | 'instancesSelect' | 'autoComplete' | 'langString' | 'details' | 'subClass' | 'blankNode'

/** Viewers (read-only display), from `dash:viewer` / `shui:viewer`. */
export type Viewer = 'literal' | 'label' | 'uri' | 'hyperlink' | 'html' | 'image' | 'langString' | 'details' | 'blankNode' | 'valueTable'

/** How the JSON value of a field becomes an RDF term. */
export type ValueMapping =
  | { readonly kind: 'literal', readonly datatype: string }
  /** `{ "@value": "…", "@language": "de" }` → a language-tagged literal. */
  | { readonly kind: 'langString' }
  | { readonly kind: 'iri' }
  /** A nested object → a blank node (or skolem IRI) described by `$defs/<definition>`, typed `class` when given. */
  | { readonly kind: 'node', readonly definition: string, readonly class?: string }
  /** `sh:in`: the member whose JSON value it is, written as that very term (its datatype and lexical form). */
  | { readonly kind: 'in', readonly members: ReadonlyArray<{ readonly value: Json, readonly term: RdfTermJson }> }
  /** `sh:or` / `sh:xone` of value shapes: the first option the JSON value fits. */
  | { readonly kind: 'choice', readonly options: readonly ValueMapping[] }

/** One choice of an enumeration (`sh:in`, instances of a `sh:class`), with its label. */
export interface UiOption {
  readonly value: Json
  readonly label: string
}

/** A constraint the JSON Schema does not express; SHACL checks it on submission. */
export interface UiNote {
  /** The SHACL parameter IRI, e.g. `sh:pattern`. */
  readonly constraint: string
  readonly value?: string
  /** Why SHACL checks it, in the form's language. */
  readonly reason: string
}

/** One field: label, help, widget, layout, and how its value becomes RDF. */
export interface UiField {
  /** The `sh:path` predicate IRI. */
  readonly path: string
  /** `sh:inversePath`: the value is the subject, the configured node the object. */
  readonly inverse?: true
  readonly label: string
  readonly help?: string
  /** `sh:message` of the property shape in the form's language, used for this field's errors. */
  readonly message?: string
  readonly widget: Widget
  readonly viewer?: Viewer
  /** Array of values (`sh:maxCount` absent or > 1). */
  readonly multiple: boolean
  readonly required: boolean
  readonly order?: number
  /** `sh:group` IRI. */
  readonly group?: string
  readonly hidden?: true
  readonly readOnly?: true
  readonly singleLine?: boolean
  readonly options?: readonly UiOption[]
  readonly value: ValueMapping
  readonly notes?: readonly UiNote[]
  /** In the shared section: JSON pointers of the sections whose shapes use this value. */
  readonly usedBy?: readonly string[]
}

/** A `sh:PropertyGroup` with its fields in order. */
export interface UiGroup {
  /** The `sh:PropertyGroup` IRI. */
  readonly group: string
  readonly label: string
  readonly order?: number
  readonly fields: readonly string[]
}

/** `sh:or` / `sh:xone` of a node shape: alternative sets of fields. */
export interface UiAlternatives {
  readonly kind: 'or' | 'xone'
  readonly options: ReadonlyArray<{ readonly label: string, readonly fields: readonly string[] }>
}

/** Layout of one object (a section or a nested node). */
export interface UiObject {
  /** Node shapes the object is checked against. */
  readonly shapes: readonly string[]
  readonly title: string
  readonly description?: string
  /** All field names in display order (ungrouped first, then by group). */
  readonly order: readonly string[]
  readonly groups: readonly UiGroup[]
  readonly fields: Readonly<Record<string, UiField>>
  readonly alternatives?: readonly UiAlternatives[]
  /** Constraints of the object no field shows (complex paths, SPARQL); SHACL checks them on submission. */
  readonly notes?: readonly UiNote[]
}

/** A single form's only section; or, in a bundle form, the shared values, a member, a link. */
export type SectionKind = 'configuration' | 'shared' | 'service' | 'link'

/** A part of the form whose values configure some services. */
export interface UiSection {
  readonly kind: SectionKind
  /** JSON pointer of the section's object in the values (`''` for a single-section form). */
  readonly pointer: string
  readonly title: string
  /** Services the section's values configure (`sym:configures`). */
  readonly configures: readonly string[]
  readonly object: UiObject
  /** Names of shared-section fields whose value this section uses. */
  readonly shared?: readonly string[]
  /** For a link section: the link and the `sym:LinkConfiguration`s that apply. */
  readonly link?: { readonly from: string, readonly to: string, readonly interfaceTypes: readonly string[], readonly configurations: readonly string[] }
}

/** Layout, labels, widgets and RDF mapping of a form, next to its JSON Schema. */
export interface UiSchema {
  readonly language: string
  readonly title: string
  readonly sections: readonly UiSection[]
  /** Layout of nested objects, by `$defs` name. */
  readonly definitions: Readonly<Record<string, UiObject>>
}

/** A generated form. `schema` and `uiSchema` are what clients get; `graph` stays on the server. */
export interface Form {
  readonly schema: JsonSchema
  readonly uiSchema: UiSchema
  /** Shapes and ontology the form was generated from; SHACL validation runs against them. */
  readonly graph: readonly Quad[]
}

/** `true` when `sub` is `sup` or a subclass of it (the reasoner's class hierarchy, passed in). */
export type IsSubClassOf = (sub: string, sup: string) => boolean

/** Options of every form generator. */
export interface FormOptions {
  /** BCP 47 language for labels, help texts and messages; default `en`. */
  readonly language?: string
  /** Class hierarchy; default: `rdfs:subClassOf` / `owl:equivalentClass` closure of the graph. */
  readonly isSubClassOf?: IsSubClassOf
  /** Values already known, by property IRI (e.g. `sym:seatCount` → the request's seats): the defaults of the fields with that path. */
  readonly prefill?: Readonly<Record<string, Json>>
  /**
   * The descriptions of the configured services: a field with `symsh:valuesFrom <p>` offers only
   * the values they state for `<p>`.
   */
  readonly context?: readonly Quad[]
  /** The region the request demands: fields whose values come from `property` are kept inside it. */
  readonly region?: FormRegion
}

/** A region a composition request demands (`constraints.dataLocation`), for the form of its bundle. */
export interface FormRegion {
  /** The service property the request constrains, e.g. `sym:dataLocation`; fields with `symsh:valuesFrom` of it are narrowed. */
  readonly property: string
  /** The values inside the region (country codes), sorted. */
  readonly values: readonly string[]
  /** What the request named, by language, e.g. `{ en: 'European Union', de: 'Europäische Union' }`. */
  readonly names: Readonly<Record<string, string>>
  /**
   * `strict`: a value outside is refused. `safeguarded`: refused as well when the service offers a
   * value inside; when it offers none, its own values stay and a value outside is a warning.
   */
  readonly mode: 'strict' | 'safeguarded'
}

/** A bundle to configure, as the composer returns it (simplified). */
export interface BundleInput {
  /** Members; `label` (e.g. the service's `schema:name`) titles its section, else its IRI's local name. */
  readonly services: ReadonlyArray<{ readonly id: string, readonly types: readonly string[], readonly label?: string }>
  readonly links: ReadonlyArray<{ readonly from: string, readonly to: string, readonly interfaceTypes: readonly string[] }>
  /**
   * Members already configured (a subscription's, when members are added): their sections and
   * the links between two of them are left out, so the form asks only what is new.
   */
  readonly existing?: readonly string[]
}
