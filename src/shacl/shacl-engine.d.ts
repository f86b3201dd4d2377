/**
 * The part of shacl-engine's API (rdf-ext/shacl-engine, untyped JavaScript) that Symphony uses:
 * `Validator`, its results, its validation and target-resolver plugin contract, and the SPARQL
 * path helpers of `shacl-engine/lib/`.
 */
declare module 'shacl-engine' {
  import type { DatasetCore, Literal, Term } from '@rdfjs/types'

  /** A grapoi pointer: one or more terms in a dataset. */
  export interface EnginePointer {
    readonly term: Term
    readonly terms: Term[]
    readonly value: string | undefined
    readonly dataset: DatasetCore
    out (predicates: Term[]): EnginePointer
    node (terms: Term[]): EnginePointer
    list (): Iterable<EnginePointer> | undefined
  }

  export interface EnginePathStep {
    quantifier: 'one' | 'oneOrMore' | 'zeroOrMore' | 'zeroOrOne'
    start: 'subject' | 'object'
    end: 'subject' | 'object'
    predicates: Term[]
  }

  export interface EngineShape {
    readonly ptr: EnginePointer
    readonly isPropertyShape: boolean
    readonly path: EnginePathStep[] | null
    readonly message: Term[]
  }

  export interface EngineResult {
    readonly args: Record<string, unknown>
    readonly constraintComponent: Term
    readonly focusNode: EnginePointer
    readonly message: Literal[]
    readonly path: EnginePathStep[] | null | false
    readonly results: EngineResult[]
    readonly severity: Term
    readonly shape: EngineShape
    readonly source: Term[]
    readonly value?: EnginePointer
  }

  export interface EngineReport {
    readonly conforms: boolean
    readonly results: EngineResult[]
  }

  /** What a compiled validation receives for each value node. */
  export interface EngineContext {
    readonly valueOrNode: EnginePointer
    readonly focusNode: EnginePointer
    readonly values?: EnginePointer
    violation (constraintComponent: Term, args: { args?: Record<string, unknown>, message?: Term[], value?: EnginePointer, path?: EnginePathStep[] | null, source?: Term[] }): void
    readonly factory: { literal (value: string, languageOrDatatype?: string | Term): Literal }
    test (success: boolean, constraintComponent: Term, args: Record<string, unknown>): void
  }

  export type EngineValidation = (context: EngineContext) => void | Promise<void>
  export type CompileValidation = (shape: EngineShape) => { generic?: EngineValidation, node?: EngineValidation, property?: EngineValidation } | null

  export interface ValidatorOptions {
    factory: unknown
    details?: boolean
    debug?: boolean
    validations?: Map<Term, CompileValidation>
    targetResolvers?: Map<Term, unknown>
  }

  export class Validator {
    constructor (dataset: DatasetCore, options: ValidatorOptions)
    validate (data: { dataset: DatasetCore, terms?: Iterable<Term> }, shapes?: Array<{ terms: Term[] }>): Promise<EngineReport>
  }
}

declare module 'shacl-engine/lib/sparql.js' {
  import type { EnginePathStep } from 'shacl-engine'

  /** SPARQL property path syntax for parsed SHACL path steps. */
  export function stringifyPath (path: EnginePathStep[] | null): string | null
}

declare module 'shacl-engine/lib/parsePath.js' {
  import type { EnginePathStep, EnginePointer } from 'shacl-engine'

  /** The SHACL path a pointer names, as path steps. */
  export default function parsePath (ptr: EnginePointer): EnginePathStep[] | null
}

declare module 'shacl-engine/lib/validations/type.js' {
  import type { CompileValidation } from 'shacl-engine'

  /** shacl-engine's own `sh:datatype` validation. */
  export const compileDatatype: CompileValidation
}
