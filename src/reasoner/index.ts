/** The reasoner: inference rule files, compiled and evaluated to a fixpoint, and the class hierarchy they derive. */
export { readRules, readRulesSync, readRuleFolders, builtinRules, ruleFromText, inferenceRulesFolder, type Rule } from './rules.js'
export { storedRules, ruleTerms } from './stored-rules.js'
export { compileRules, pathPredicatePrefix, type Program, type CompiledRule, type Clause, type Atom } from './rule-compiler.js'
export { reason, inferred, tripleTerms, type Reasoned } from './reason.js'
export { hierarchyOf, buildClassHierarchy } from './hierarchy.js'
export { propertyHierarchyOf, type PropertyHierarchy } from './property-hierarchy.js'
export { termId } from './term-id.js'
export { materialize, select, genidPrefix, type MaterializeOptions, type MaterializeResult, type Bindings } from './materialize.js'
