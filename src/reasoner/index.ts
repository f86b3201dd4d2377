/** The reasoner: inference rule files, their evaluation, and the compiled hierarchies. */
export { readRules, ruleFromText, inferenceRulesFolder, type Rule } from './rules.js'
export { materialize, select, genidPrefix, type MaterializeOptions, type MaterializeResult, type Bindings } from './materialize.js'
export { buildClassHierarchy, buildHierarchies, type Hierarchies } from './class-hierarchy.js'
export { buildPropertyHierarchy, type PropertyHierarchy } from './property-hierarchy.js'
export { readSchemaAxioms, termId, type SchemaAxioms, type Restriction } from './schema-axioms.js'
