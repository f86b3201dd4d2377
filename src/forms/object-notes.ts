/**
 * What a form cannot show or check of a node shape, said on the object instead of failing or
 * making a wrong field: property shapes whose path is a sequence, alternative or repetition
 * (SHACL §2.3.1; a value cannot be written through them), and node-level SPARQL constraints.
 * SHACL still checks all of them when the configuration is submitted.
 */
import type { Term } from '@rdfjs/types'
import { errorLanguageOf } from '../errors.js'
import type { ErrorMessages } from '../errors.js'
import { pickText } from '../shacl/index.js'
import type { FormBuilder } from './form-builder.js'
import { textOf } from './labels.js'
import { localName, sh } from './shapes-graph.js'
import type { UiNote } from './types.js'

const reasons = {
  path: {
    en: 'no field: a value cannot be written through this path (sequence, alternative or repetition); it is checked when the configuration is submitted',
    de: 'kein Feld: über diesen Pfad (Folge, Alternative oder Wiederholung) lässt sich kein Wert schreiben; er wird beim Absenden der Konfiguration geprüft'
  },
  sparql: {
    en: 'SPARQL-based constraint of the whole object; checked when the configuration is submitted',
    de: 'SPARQL-basierte Bedingung des ganzen Objekts; wird beim Absenden der Konfiguration geprüft'
  }
} as const satisfies Record<string, ErrorMessages>

/** Is the property shape's path one a field can write: a predicate or `sh:inversePath` of one? */
export function writable (b: FormBuilder, propertyShape: Term): boolean {
  const path = b.graph.one(propertyShape, sh('path'))
  if (path?.termType === 'NamedNode') return true
  return path !== undefined && b.graph.one(path, sh('inversePath'))?.termType === 'NamedNode'
}

/** Notes for the property shapes without a field and the node-level SPARQL constraints of these shapes. */
export function objectNotes (b: FormBuilder, sources: readonly Term[], unwritable: readonly Term[]): UiNote[] {
  const language = errorLanguageOf(b.language)
  const notes: UiNote[] = []
  const seen = new Set<string>()
  for (const property of unwritable) {
    const path = b.graph.one(property, sh('path'))
    const text = path === undefined ? '' : pathText(b, path)
    if (seen.has(text)) continue
    seen.add(text)
    const name = textOf(b.graph, property, [sh('name')], b.language)
    notes.push({ constraint: sh('path'), value: name === undefined ? text : `${name} (${text})`, reason: reasons.path[language] })
  }
  for (const source of sources) {
    for (const constraint of b.graph.objects(source, sh('sparql'))) {
      const value = pickText(b.graph.texts(constraint, sh('message')), b.language)
      notes.push({ constraint: sh('sparql'), ...(value === undefined ? {} : { value }), reason: reasons.sparql[language] })
    }
  }
  return notes
}

/** A SHACL path in SPARQL property path syntax, with local names (`a/b`, `^a`, `(a|b)`, `a*`). */
function pathText (b: FormBuilder, path: Term, depth = 0): string {
  if (depth > 8) return '…'
  if (path.termType === 'NamedNode') return localName(path.value) || path.value
  const list = b.graph.list(path)
  if (list.length > 0) return list.map(step => pathText(b, step, depth + 1)).join('/')
  const unary: Array<[string, (inner: string) => string]> = [
    ['inversePath', inner => `^${inner}`], ['zeroOrMorePath', inner => `${inner}*`], ['oneOrMorePath', inner => `${inner}+`], ['zeroOrOnePath', inner => `${inner}?`]
  ]
  for (const [local, render] of unary) {
    const inner = b.graph.one(path, sh(local))
    if (inner !== undefined) return render(pathText(b, inner, depth + 1))
  }
  const alternatives = b.graph.one(path, sh('alternativePath'))
  if (alternatives !== undefined) return `(${b.graph.list(alternatives).map(step => pathText(b, step, depth + 1)).join('|')})`
  return '?'
}
