/**
 * Configuration forms: JSON Schema 2020-12 + UI schema generated from SHACL
 * shapes for a shape, a service type, a service or a whole bundle; validation of submitted
 * values with ajv and SHACL; RDF output; TypeScript types.
 */
export { shapeToForm, formForType, formForService } from './shape-to-form.js'
export { bundleForm } from './bundle-form.js'
export { validateConfiguration, configurationToRdf } from './validate-configuration.js'
export type { ConfigurationIssue, ConfigurationResult, ValidateOptions } from './validate-configuration.js'
export type { RdfOptions } from './configuration-rdf.js'
export { formToTypeScript } from './to-typescript.js'
export { classHierarchy } from './class-hierarchy.js'
export { canonicalLexical } from './literals.js'
export { datatypeForms } from './datatypes.js'
export type { DatatypeForm } from './datatypes.js'
export { editorWidgets, viewers } from './widgets.js'
export { schemaMessages } from './schema-messages.js'
export { jsonSchemaDialect } from './form-document.js'
export type {
  BundleInput, Form, FormOptions, FormRegion, IsSubClassOf, Json, JsonSchema, SectionKind, UiAlternatives, UiField, UiGroup,
  UiNote, UiObject, UiOption, UiSchema, UiSection, ValueMapping, Viewer, Widget
} from './types.js'
